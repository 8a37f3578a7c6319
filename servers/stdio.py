"""Serve MCP over stdio on the event loop's own pipes, with no thread per line.

The SDK's stdio transport reads each line and writes each answer through a worker thread (`anyio.wrap_file`):
three thread hand-offs a call, which over stdio cost more than a game move itself (bench/mcp.py). Here stdin and
stdout are asyncio pipe transports, and the SDK's framing (`stdio_server` with explicit streams) is kept.

What the SDK's transport does for stray output is kept too: while serving, fd 1 points at stderr and fd 0 at the
null device, so a library printing to stdout (llama.cpp does) cannot corrupt the wire. Where stdin or stdout is
not a pipe, socket or terminal (a regular file, /dev/null, Windows), the SDK's own transport serves instead."""

from __future__ import annotations

import asyncio
import contextlib
import os
import stat
import sys
from collections.abc import AsyncIterator
from typing import Any

MAX_LINE_BYTES = 64 * 1024 * 1024  # one JSON-RPC message; a longer line is dropped (the SDK logs a parse error)
MAX_QUEUED_LINES = 64  # read ahead at most this many messages


def can_serve(fd_in: int = 0, fd_out: int = 1) -> bool:
    """True if both descriptors are pipes, sockets or terminals: what the event loop can poll (a regular file or
    /dev/null it cannot: epoll refuses them)."""
    if sys.platform == "win32":
        return False
    try:
        return all(_pollable(fd) for fd in (fd_in, fd_out))
    except OSError:
        return False


def _pollable(fd: int) -> bool:
    mode = os.fstat(fd).st_mode
    return stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode) or os.isatty(fd)


class _Lines(asyncio.Protocol):
    """The lines of a pipe, queued as they arrive; reading pauses while too many wait."""

    def __init__(self) -> None:
        self.queue: asyncio.Queue[bytes | None] = asyncio.Queue()
        self._buffer = bytearray()
        self._dropping = False
        self._transport: asyncio.ReadTransport | None = None
        self._paused = False
        self.closed = asyncio.get_running_loop().create_future()

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self._transport = transport  # type: ignore[assignment]

    def data_received(self, data: bytes) -> None:
        self._buffer += data
        while (end := self._buffer.find(b"\n")) >= 0:
            line, self._buffer = bytes(self._buffer[: end + 1]), self._buffer[end + 1 :]
            too_long = self._dropping or len(line) > MAX_LINE_BYTES
            self.queue.put_nowait(b"{" if too_long else line)  # `{`: not JSON: a parse error, and reading goes on
            self._dropping = False
        if len(self._buffer) > MAX_LINE_BYTES:
            self._buffer.clear()
            self._dropping = True
        if self.queue.qsize() >= MAX_QUEUED_LINES and not self._paused and self._transport is not None:
            self._paused = True
            self._transport.pause_reading()

    def eof_received(self) -> None:
        if self._buffer and not self._dropping:
            self.queue.put_nowait(bytes(self._buffer))
        self._buffer.clear()
        self.queue.put_nowait(None)

    def connection_lost(self, exc: BaseException | None) -> None:
        self.queue.put_nowait(None)
        self.closed.set_result(None)

    async def next(self) -> bytes | None:
        line = await self.queue.get()
        if self._paused and self.queue.qsize() < MAX_QUEUED_LINES // 2 and self._transport is not None:
            self._paused = False
            self._transport.resume_reading()
        return line


class LineReader:
    """`async for line in reader`: the text lines of a pipe, as `stdio_server` reads them."""

    def __init__(self, lines: _Lines) -> None:
        self._lines = lines

    def __aiter__(self) -> AsyncIterator[str]:
        return self._iterate()

    async def _iterate(self) -> AsyncIterator[str]:
        while (line := await self._lines.next()) is not None:
            yield line.decode("utf-8", errors="replace")


class _Sink(asyncio.BaseProtocol):
    """Flow control for a pipe that is only written: `flush` waits while the pipe is full."""

    def __init__(self) -> None:
        self.writable = asyncio.Event()
        self.writable.set()
        self.lost: BaseException | None = None
        self.closed = asyncio.get_running_loop().create_future()

    def pause_writing(self) -> None:
        self.writable.clear()

    def resume_writing(self) -> None:
        self.writable.set()

    def connection_lost(self, exc: BaseException | None) -> None:
        self.lost = exc or BrokenPipeError("the client closed stdout")
        self.writable.set()
        self.closed.set_result(None)


class LineWriter:
    """`await writer.write(text)` and `await writer.flush()` on a pipe, as `stdio_server` writes."""

    def __init__(self, transport: asyncio.WriteTransport, sink: _Sink) -> None:
        self._transport, self._sink = transport, sink

    async def write(self, text: str) -> None:
        if self._sink.lost is not None:
            raise self._sink.lost
        self._transport.write(text.encode("utf-8"))

    async def flush(self) -> None:
        await self._sink.writable.wait()
        if self._sink.lost is not None:
            raise self._sink.lost


@contextlib.asynccontextmanager
async def pipes(fd_in: int = 0, fd_out: int = 1) -> AsyncIterator[tuple[LineReader, LineWriter]]:
    """The wire on private copies of `fd_in` and `fd_out`, with the originals pointed away from it (stdin at the
    null device, stdout at stderr) until the block ends."""
    loop = asyncio.get_running_loop()
    wire_in, wire_out = os.dup(fd_in), os.dup(fd_out)
    saved_in, saved_out = os.dup(fd_in), os.dup(fd_out)
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, fd_in)
    os.close(null)
    os.dup2(2, fd_out)
    in_transport = out_transport = lines = sink = None
    try:
        in_transport, lines = await loop.connect_read_pipe(_Lines, os.fdopen(wire_in, "rb", buffering=0))
        out_transport, sink = await loop.connect_write_pipe(_Sink, os.fdopen(wire_out, "wb", buffering=0))
        writer = LineWriter(out_transport, sink)
        yield LineReader(lines), writer
        with contextlib.suppress(Exception):
            await writer.flush()
    finally:
        for transport, protocol in ((in_transport, lines), (out_transport, sink)):
            if transport is not None:
                transport.close()  # closes its descriptor once the loop runs it: wait for that
                with contextlib.suppress(Exception):
                    await asyncio.wait_for(asyncio.shield(protocol.closed), 5)
        os.dup2(saved_in, fd_in)
        os.dup2(saved_out, fd_out)
        os.close(saved_in)
        os.close(saved_out)


def run(mcp: Any) -> None:
    """Serve `mcp` (an MCPServer) over stdio: on the loop's pipes where it can, else on the SDK's transport. A
    client that goes away (stdin at its end, or stdout closed under an answer) ends the server quietly."""
    try:
        if not can_serve():
            mcp.run("stdio")
            return
        import anyio
        from mcp.server.stdio import stdio_server

        async def main() -> None:
            async with pipes() as (lines, out), stdio_server(stdin=lines, stdout=out) as (read_stream, write_stream):
                lowlevel = mcp._lowlevel_server  # noqa: SLF001  (what MCPServer.run_stdio_async runs)
                await lowlevel.run(read_stream, write_stream, lowlevel.create_initialization_options())

        anyio.run(main)
    except BaseException as error:
        if not client_gone(error):
            raise


def client_gone(error: BaseException) -> bool:
    """True if `error` (or every error of a group) says the other end of the pipe has closed."""
    if isinstance(error, BaseExceptionGroup):
        return all(client_gone(e) for e in error.exceptions)
    return isinstance(error, BrokenPipeError | ConnectionResetError)
