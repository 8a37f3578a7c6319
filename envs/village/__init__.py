"""Village: social deduction (werewolf). See spec.py for its ids, env.py for its spec and
rules.py for the World the MCP server serves."""
