"""Issue 18's nine against real `gamehall serve` subprocesses (stdio, and streamable HTTP with a token), and
the HTTP edge as an outside client meets it: tokens, Host/Origin checks, oversized URIs (issue 20.6, 20.9)."""

import os
import subprocess
import sys

import httpx2
import pytest
from mcp import Client, StdioServerParameters

from tasks.remote import remote_client
from tests.servers.surface import CHECKS
from tests.servers.test_transports import free_port, wait_for_port

pytestmark = pytest.mark.filterwarnings("ignore:resources/:DeprecationWarning")
TOKEN = "surface-s3cret"
IDS = [c.__name__.removeprefix("check_") for c in CHECKS]


def start(*args: str, env: dict | None = None) -> tuple[subprocess.Popen, int]:
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "tasks.cli", "serve", "kitchen", "--transport", "http", "--port",
                                str(port), *args], env={**os.environ, **(env or {})}, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, text=True)
    wait_for_port(port, process)
    return process, port


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="module")
def kitchen_http():
    env = {k: v for k, v in os.environ.items() if k != "GAMEHALL_TOKEN"}
    process, port = start(env={**env, "GAMEHALL_TOKEN": TOKEN})
    yield f"http://127.0.0.1:{port}/mcp"
    stop(process)


@pytest.mark.parametrize("check", CHECKS, ids=IDS)
async def test_over_http(kitchen_http, check):
    async with remote_client(kitchen_http, TOKEN) as client:
        await check(client)


@pytest.mark.parametrize("check", CHECKS, ids=IDS)
async def test_over_stdio(check):
    async with Client(StdioServerParameters(command=sys.executable, args=["-m", "tasks.cli", "serve", "kitchen"])) as c:
        await check(c)


def initialize(url: str, headers: dict[str, str]) -> httpx2.Response:
    hello = {"protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "t", "version": "1"}}
    body = {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": hello}
    return httpx2.post(url, json=body, headers={"Accept": "application/json, text/event-stream", **headers}, timeout=30)


def test_bearer_scheme_in_any_case_and_a_plain_401(kitchen_http):
    assert initialize(kitchen_http, {"Authorization": f"bearer {TOKEN}"}).status_code == 200
    assert initialize(kitchen_http, {"Authorization": f"BEARER {TOKEN}"}).status_code == 200
    refused = initialize(kitchen_http, {"Authorization": "Bearer wrong"})
    assert refused.status_code == 401 and "www-authenticate" not in refused.headers, "no OAuth challenge"
    assert "Authorization: Bearer <token>" in refused.json()["error"]
    base = kitchen_http.removesuffix("/mcp")
    assert httpx2.get(f"{base}/.well-known/oauth-protected-resource").status_code == 404


def test_only_the_servers_own_host_and_origin(kitchen_http):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    port = kitchen_http.split(":")[2].split("/")[0]
    assert initialize(kitchen_http, {**auth, "Host": "evil.example:80"}).status_code == 421
    assert initialize(kitchen_http, {**auth, "Origin": "http://localhost:1"}).status_code == 403, "other port"
    assert initialize(kitchen_http, {**auth, "Origin": f"http://localhost:{port}"}).status_code == 200


async def test_an_oversized_resource_uri_is_refused_not_dropped(kitchen_http):
    async with remote_client(kitchen_http, TOKEN) as client:
        with pytest.raises(Exception) as refused:  # noqa: PT011 - the SDK's McpError
            await client.read_resource("rules://" + "x" * 150_000)
        assert "limit is 2048" in str(refused.value)
        assert (await client.list_resources()).resources, "the connection is still good"


def test_a_generated_token_is_printed_once_with_the_url():
    env = {k: v for k, v in os.environ.items() if k != "GAMEHALL_TOKEN"}
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "tasks.cli", "serve", "kitchen", "--transport", "http",
                                "--port", str(port)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               text=True)
    try:
        told = process.stderr.readline().strip()
        listening = process.stderr.readline().strip()
        assert told.startswith("token (generated;") and listening == f"listening on http://127.0.0.1:{port}/mcp"
        token = told.rsplit(" ", 1)[-1]
        wait_for_port(port, process)
        url = f"http://127.0.0.1:{port}/mcp"
        assert initialize(url, {"Authorization": f"Bearer {token}"}).status_code == 200
        assert initialize(url, {}).status_code == 401
    finally:
        stop(process)


def test_a_token_file_and_a_non_loopback_bind(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "GAMEHALL_TOKEN"}
    refused = subprocess.run([sys.executable, "-m", "tasks.cli", "serve", "kitchen", "--transport", "http",
                              "--host", "0.0.0.0"], env=env, capture_output=True, text=True, timeout=60)
    assert refused.returncode == 2 and refused.stderr.count("\n") == 1
    assert "not a loopback address" in refused.stderr and "--token-file" in refused.stderr
    secret = tmp_path / "token"
    secret.write_text("from-a-file\n")
    process, port = start("--token-file", str(secret), "--host", "127.0.0.2", env=env)
    try:
        url = f"http://127.0.0.2:{port}/mcp"
        assert initialize(url, {"Authorization": "Bearer from-a-file"}).status_code == 200
        rebound = {"Authorization": "Bearer from-a-file", "Host": f"attacker.example:{port}"}
        assert initialize(url, rebound).status_code == 421, "DNS-rebinding protection on for any bind"
    finally:
        stop(process)


def test_the_deprecated_token_flag_still_works_and_says_so():
    env = {k: v for k, v in os.environ.items() if k != "GAMEHALL_TOKEN"}
    process, port = start("--token", "from-argv", env=env)
    try:
        assert "--token shows the token to every user of `ps`" in process.stderr.readline()
        url = f"http://127.0.0.1:{port}/mcp"
        assert initialize(url, {"Authorization": "Bearer from-argv"}).status_code == 200
    finally:
        stop(process)
