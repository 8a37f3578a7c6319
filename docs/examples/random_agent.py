"""A gamehall contestant in ~30 lines: plays its seat of any world with random legal commands.

    gamehall run smoke --agent cmd:'python docs/examples/random_agent.py'
"""

import asyncio
import os
import random

import httpx2
from mcp import Client
from mcp.client.streamable_http import streamable_http_client


async def main() -> None:
    seat_token = os.environ["GAMEHALL_SEAT_TOKEN"]
    bearer = os.environ.get("GAMEHALL_TOKEN")  # the runner's loopback server wants it
    rng = random.Random(os.environ.get("GAMEHALL_EPISODE_ID"))
    async with httpx2.AsyncClient(headers={"Authorization": f"Bearer {bearer}"} if bearer else {}, timeout=60) as http:
        async with Client(streamable_http_client(os.environ["GAMEHALL_MCP_URL"], http_client=http)) as client:

            async def call(tool: str, **args) -> dict:
                result = await client.call_tool(tool, {"seat_token": seat_token, **args})
                return await call("observe") if result.is_error else result.structured_content

            view = await call("observe")
            while not view["done"]:
                commands = view["legal_actions"]  # playable as listed (`say <text>` and such are in templates)
                if view["awaiting_you"] and commands:
                    view = await call("act", command=rng.choice(commands))
                elif view["awaiting_you"]:
                    await asyncio.sleep(0.2)
                    view = await call("observe")
                else:
                    view = await call("wait_for_turn", timeout_s=5)


asyncio.run(main())
