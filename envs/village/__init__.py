"""Village: social deduction (werewolf). See registration.py for its ids, env.py for its spec and
rules.py for the World the MCP server serves."""
