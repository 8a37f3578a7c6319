"""The real transports: `gamehall serve` in a subprocess, over stdio and over streamable HTTP on loopback."""

import asyncio
import os
import socket
import subprocess
import sys
import time

import pytest
from mcp import Client, StdioServerParameters

from tasks.remote import remote_client
from tests.servers.players import call, play_to_end

GAMES = [("kitchen", {"layout": "cramped_room", "rules": "classic"}), ("village", {"players": 5})]


async def two_players(first, second, world, options):
    created = await call(first, "new_game", options=options, seed=5, clients=2)
    joined = await call(second, "join_game", game_id=created["game_id"])
    views = await asyncio.gather(play_to_end(first, created["seat_token"]), play_to_end(second, joined["seat_token"]))
    assert all(v["done"] for v in views)
    assert views[0]["result"]["score"] == views[1]["result"]["score"]


@pytest.mark.parametrize("world,options", GAMES)
async def test_two_players_over_stdio(world, options):
    """stdio is one pipe per server process: the two players share the connection, each with its own token."""
    params = StdioServerParameters(command=sys.executable, args=["-m", "tasks.cli", "serve", world])
    async with Client(params) as client:
        await two_players(client, client, world, options)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen, host: str = "127.0.0.1") -> None:
    """Until the server listens (the bind address may be any loopback one)."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and process.poll() is None:
        with socket.socket() as probe:
            for address in {host, "127.0.0.1", "127.0.0.2"}:
                if probe.connect_ex((address, port)) == 0:
                    return
        time.sleep(0.1)


@pytest.fixture
def http_server(request):
    world = request.param
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "tasks.cli", "serve", world, "--transport", "http", "--port", str(port)],
        env={**os.environ, "GAMEHALL_TOKEN": "s3cret"}, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wait_for_port(port, process)
    yield f"http://127.0.0.1:{port}/mcp"
    process.terminate()
    process.wait(timeout=10)


@pytest.mark.parametrize("http_server,options", [(w, o) for w, o in GAMES], indirect=["http_server"])
async def test_two_clients_over_http(http_server, options):
    async with remote_client(http_server, "s3cret") as alice, remote_client(http_server, "s3cret") as bob:
        await two_players(alice, bob, "", options)


@pytest.mark.parametrize("http_server", ["village"], indirect=True)
async def test_http_needs_the_bearer_token(http_server):
    import httpx2

    async with httpx2.AsyncClient() as http:
        response = await http.post(http_server, json={"jsonrpc": "2.0", "id": 1, "method": "tools/list"})
    assert response.status_code == 401 and "bearer" in response.text.lower()
    with pytest.raises(Exception):  # noqa: B017 - the SDK's error type for a refused connection varies
        async with remote_client(http_server, "wrong") as client:
            await client.list_tools()
