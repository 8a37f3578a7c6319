"""gamehall's stdio transport (servers/stdio.py): the SDK's framing on the event loop's own pipes. Real pipes and
real `gamehall serve` subprocesses speaking raw JSON-RPC lines, as any client in any language would."""

import json
import os
import subprocess
import sys

import pytest

from servers import stdio

SERVE = [sys.executable, "-m", "tasks.cli", "serve", "forge"]
CLIENT = {"name": "raw", "version": "0"}
INITIALIZE = {"jsonrpc": "2.0", "id": 1, "method": "initialize",
              "params": {"protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": CLIENT}}
INITIALIZED = {"jsonrpc": "2.0", "method": "notifications/initialized"}


def line(message: dict) -> bytes:
    return (json.dumps(message) + "\n").encode()


def tools_list(request_id: int) -> dict:
    return {"jsonrpc": "2.0", "id": request_id, "method": "tools/list"}


def serve(**kwargs) -> subprocess.Popen:
    return subprocess.Popen(SERVE, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kwargs)


def test_pipelined_requests_are_all_answered_in_order():
    """200 requests written at once (more than the reader queues before it pauses the pipe): 200 answers.
    (As on the SDK's transport, requests still in flight when stdin ends are dropped: stdin stays open here.)"""
    process = serve()
    requests = [INITIALIZE, INITIALIZED, *(tools_list(10 + i) for i in range(200))]
    process.stdin.write(b"".join(line(r) for r in requests))
    process.stdin.flush()
    answers = [json.loads(process.stdout.readline()) for _ in range(201)]
    assert [a["id"] for a in answers] == [1, *range(10, 210)]
    assert all("new_game" in {t["name"] for t in a["result"]["tools"]} for a in answers[1:])
    process.stdin.close()
    assert process.wait(timeout=20) == 0 and process.stderr.read() == b""


def test_a_client_that_closes_stdin_ends_the_server_quietly():
    process = serve()
    process.stdin.write(line(INITIALIZE) + line(INITIALIZED))
    process.stdin.flush()
    assert json.loads(process.stdout.readline())["id"] == 1
    process.stdin.close()
    assert process.wait(timeout=20) == 0
    assert process.stderr.read() == b""


def test_a_client_that_vanishes_before_its_answers_ends_the_server_quietly():
    """The client closes its end of stdout, then sends more: the answers have nowhere to go."""
    process = serve()
    process.stdin.write(line(INITIALIZE) + line(INITIALIZED))
    process.stdin.flush()
    process.stdout.readline()
    process.stdout.close()
    process.stdin.write(b"".join(line(tools_list(10 + i)) for i in range(50)))
    process.stdin.flush()
    assert process.wait(timeout=20) == 0  # it did not wait for stdin to end
    assert process.stderr.read() == b""
    process.stdin.close()


def test_a_regular_file_as_stdin_is_served_by_the_sdk_transport(tmp_path):
    """asyncio pipes take no regular file (they would fail at once): `gamehall serve forge < requests.jsonl` runs
    on the SDK's transport and ends cleanly at the file's end. Which answers it writes first is a race (requests
    in flight at the end of stdin are dropped on either transport), so only their shape is checked."""
    requests = tmp_path / "requests.jsonl"
    requests.write_bytes(line(INITIALIZE) + line(INITIALIZED) + line(tools_list(2)))
    fd = os.open(requests, os.O_RDONLY)
    try:
        assert not stdio.can_serve(fd, 1)
    finally:
        os.close(fd)
    with requests.open("rb") as stdin:
        done = subprocess.run(SERVE, stdin=stdin, capture_output=True, timeout=60)
    assert {json.loads(t)["id"] for t in done.stdout.decode().splitlines()} <= {1, 2}
    assert done.returncode == 0 and done.stderr == b""


def test_dev_null_on_either_side_is_served_by_the_sdk_transport():
    """/dev/null is a character device the event loop cannot poll: `gamehall serve forge < /dev/null > /dev/null`
    (a health check, a misconfigured launcher) ends at once, cleanly, instead of failing to register it."""
    with open(os.devnull, "rb") as nothing_in, open(os.devnull, "wb") as nothing_out:
        assert not stdio.can_serve(nothing_in.fileno(), 1)
        assert not stdio.can_serve(0, nothing_out.fileno())
        done = subprocess.run(SERVE, stdin=nothing_in, stdout=nothing_out, stderr=subprocess.PIPE, timeout=60)
    assert done.returncode == 0 and done.stderr == b""


async def test_the_wire_keeps_its_lines_and_stray_output_misses_it(monkeypatch):
    """On real pipes: an over-long line becomes one unparseable line (a parse error to the SDK's reader) and
    the next line is intact; what is written to the claimed descriptor meanwhile goes to stderr, not the wire;
    the claimed descriptors are restored after."""
    monkeypatch.setattr(stdio, "MAX_LINE_BYTES", 1_000)
    client_in, server_in = os.pipe()  # the server reads client_in; the test writes server_in
    server_out, client_out = os.pipe()  # the server writes client_out, the client reads server_out
    stray_target = os.dup(2)
    os.dup2(os.open(os.devnull, os.O_WRONLY), 2)  # what the claimed stdout receives goes here, not to pytest
    try:
        before = os.fstat(client_out).st_ino
        os.write(server_in, b"a" * 5_000 + b"\n" + b'{"x":1}\n' + b"last, with no newline")
        os.close(server_in)
        async with stdio.pipes(client_in, client_out) as (lines, writer):
            os.write(client_out, b"stray output\n")  # a library printing to stdout now
            received = [text async for text in lines]
            await writer.write("answer\n")
            await writer.flush()
        assert os.fstat(client_out).st_ino == before
    finally:
        os.dup2(stray_target, 2)
        os.close(stray_target)
    assert received == ["{", '{"x":1}\n', "last, with no newline"]
    os.close(client_out)
    os.close(client_in)
    assert _read_all(server_out) == b"answer\n"


def _read_all(fd: int) -> bytes:
    chunks = []
    while chunk := os.read(fd, 65536):
        chunks.append(chunk)
    os.close(fd)
    return b"".join(chunks)


@pytest.mark.parametrize("error,gone", [
    (BrokenPipeError(), True),
    (ConnectionResetError(), True),
    (BaseExceptionGroup("g", [BrokenPipeError(), BaseExceptionGroup("h", [ConnectionResetError()])]), True),
    (BaseExceptionGroup("g", [BrokenPipeError(), ValueError("bug")]), False),
    (ValueError("bug"), False),
])
def test_only_a_closed_pipe_counts_as_the_client_gone(error, gone):
    assert stdio.client_gone(error) is gone
