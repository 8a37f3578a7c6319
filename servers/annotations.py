"""What each kind of tool tells a client about itself (MCP tool annotations): desktop clients skip the
permission prompt for read-only tools, and warn before destructive ones. No tool reaches beyond this server."""

from mcp_types import ToolAnnotations

READ = ToolAnnotations(read_only_hint=True, open_world_hint=False)
"""Reads the game; changes nothing in it (observe, wait_for_turn, macros, list_games, referee)."""
MOVE = ToolAnnotations(read_only_hint=False, destructive_hint=False, idempotent_hint=False, open_world_hint=False)
"""A move in the game: it adds to the game, and the same call twice plays twice."""
START = ToolAnnotations(read_only_hint=False, destructive_hint=False, idempotent_hint=False, open_world_hint=False)
"""Starts or joins a game: a new seat each call."""
DESTRUCTIVE = ToolAnnotations(read_only_hint=False, destructive_hint=True, idempotent_hint=False, open_world_hint=False)
"""Gives something up for good: leave (the token stops working), close_game (the game ends on this server)."""
RECORD = ToolAnnotations(read_only_hint=False, destructive_hint=False, idempotent_hint=True, open_world_hint=False)
"""Records a private report once (report_beliefs, reflect): a second call changes nothing."""
