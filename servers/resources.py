"""The resources and the prompt of a world's server: its rules as a concrete resource (listed by
`resources/list`), any world's rules through the `rules://{world}` template (to say which world this is),
and each live game's public view as `game://{game_id}/spectator`, with update notifications."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mcp.server.mcpserver.exceptions import ResourceNotFoundError

if TYPE_CHECKING:
    from servers.factory import WorldServer


def register_resources(server: WorldServer) -> None:
    """Each read is quick work on the loop, so each is an async function: the SDK runs a plain function in a
    worker thread, a hop that cost an episode's first move more than reading the text did."""
    mcp, spec, table = server.mcp, server.spec, server.table
    name = spec.world.name

    @mcp.resource(f"rules://{name}", name=f"{name}-rules", title=f"{name.title()} rules",
                  description="The rules a player needs (markdown).", mime_type="text/markdown")
    async def rules() -> str:
        return spec.world.rules_text()

    @mcp.resource("rules://{world}", name="rules", title="Rules of a world",
                  description=f"The rules of a world: this server serves rules://{name}.", mime_type="text/markdown")
    async def other_rules(world: str) -> str:
        if world != name:
            raise ResourceNotFoundError(f"this server serves {name}; read rules://{name}")
        return spec.world.rules_text()

    @mcp.resource("game://{game_id}/spectator", name="spectator", title="Spectator view",
                  description="The public view of a game (no seat's secrets); updated as the game goes on "
                  "(subscribe for notifications/resources/updated).", mime_type="text/plain")
    async def spectator(game_id: str) -> str:
        game = table.games.get(game_id)
        if game is None:
            raise ResourceNotFoundError(f"no live game {game_id[:80]!r}")
        return spec.public(game.session).text

    @mcp.prompt(name="play", title=f"Play {name}", description=f"How to play {name} through this server's tools.")
    async def play() -> str:
        return play_prompt(name, spec.world.rules_text())


def play_prompt(name: str, rules: str) -> str:
    return (
        f"You are playing gamehall's {name} world through this server's tools.\n"
        "1. Call new_game (optionally with options and a seed). Keep the seat_token it returns; pass it to "
        "every later call and never show it to anyone.\n"
        "2. Read observation and legal_actions. When awaiting_you is true, play one command: a typed tool, or "
        "act(command) with a command from legal_actions, or a template from templates with its <slot> filled in. "
        "To do nothing, play pass.\n"
        "3. If a move is refused, read reason and legal_actions and try again. If it is not your move, "
        "call wait_for_turn.\n4. Stop when done is true and report the result.\n\nRules:\n" + rules
    )
