"""Scripted MCP players for server tests: they play any world through tools alone."""

from typing import Any


def concrete(legal: list[str]) -> list[str]:
    return [a for a in legal if "<" not in a] or ["pass"]


async def call(client: Any, tool: str, **args: Any) -> dict[str, Any]:
    result = await client.call_tool(tool, args)
    assert not result.is_error, f"{tool}({args}) failed: {result.content[0].text}"
    return result.structured_content


async def play_to_end(client: Any, token: str, max_calls: int = 3000) -> dict[str, Any]:
    """Greedy macros where the world has them, else the first concrete legal action."""
    tools = {t.name for t in (await client.list_tools()).tools}
    view = await call(client, "observe", seat_token=token)
    for _ in range(max_calls):
        if view["done"]:
            return view
        if not view["awaiting_you"]:
            view = await call(client, "wait", seat_token=token, timeout_s=2)
            continue
        feasible = []
        if "run_macro" in tools:
            macros = (await call(client, "macros", seat_token=token))["macros"]
            feasible = [m for m in macros if m["feasible"]]
        if feasible:
            best = max(feasible, key=lambda m: m["score"])
            view = await call(client, "run_macro", seat_token=token, name=best["name"])
        else:
            view = await call(client, "act", seat_token=token, command=concrete(view["legal_actions"])[0])
    raise AssertionError(f"no end after {max_calls} calls")
