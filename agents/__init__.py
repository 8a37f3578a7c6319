"""Players behind an MCP client: scripted baselines, the LLM agent, the hierarchical agent."""
