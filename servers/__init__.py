"""MCP tool servers: one factory turns a world into a server; seats are capabilities (tokens)."""
