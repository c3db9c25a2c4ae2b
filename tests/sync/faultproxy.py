"""A fault-injecting TCP proxy for the sync tests: the bus hotspot between a laptop and the
center, on loopback.

It forwards raw bytes, so the client's pinned TLS runs end to end through it (the proxy
never sees a certificate). Faults can be changed at any time from the test's thread:

- `latency` (seconds added to every chunk, per direction), as a delay line: a chunk read at
  t is written at t + latency, so a long transfer pays the delay once, not once per chunk
  (a per-chunk sleep would turn 50 ms into a bandwidth cap and skew the fault benchmark);
- `bandwidth` (bytes/s per direction, shared by every connection like one radio link);
- `cut_after_bytes` (reset a connection, both sides, once it carried N bytes both ways; N
  may be a callable drawn afresh for every connection, e.g. a random 1-4 MB);
- `cut_every_nth_connection` (every Nth forwarded connection is reset after a few bytes);
- `reset()` (every live connection reset now), `refuse` (new connections accepted and
  reset at once: the server is down), `pause()` / `resume()` (nothing flows, connections
  stay open: a stalled hotspot).

A cut or a reset is an RST (SO_LINGER 0, then close) on both sides, as the client sees
when a connection dies under it; an EOF from one side is passed on as an EOF (half-close),
so a clean close stays clean. Loopback only, both ends: a test must never become a relay
to elsewhere. Self-stopping after `max_lifetime`, so a forgotten proxy cannot outlive a
hung test for long.

One daemon thread runs an asyncio loop; the public methods are thread-safe.
"""
from __future__ import annotations

import asyncio
import concurrent.futures
import ipaddress
import socket
import struct
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

ByteCount = int | Callable[[], int]

CHUNK = 64 * 1024
# Chunks waiting in a direction's delay line: enough for a bandwidth-delay product of
# 64 x 64 KiB = 4 MiB (80 MB/s at 50 ms), while keeping the memory of a stalled pipe bounded.
QUEUE_CHUNKS = 64
_LINGER_RST = struct.pack("ii", 1, 0)


def _loopback(host: str, what: str) -> str:
    """The loopback IP literal for `host`; anything that could leave the machine is refused.

    Names other than `localhost` are refused rather than resolved: resolving would itself
    touch the network, and a name may resolve differently tomorrow."""
    literal = "127.0.0.1" if host == "localhost" else host
    try:
        addr = ipaddress.ip_address(literal.strip("[]"))
    except ValueError:
        raise ValueError(f"{what} {host!r}: give a loopback IP address (127.0.0.1, ::1) or "
                         "'localhost'") from None
    if not addr.is_loopback:
        raise ValueError(f"{what} {host!r} is not a loopback address: the fault proxy "
                         "relays only on this machine")
    return str(addr)


def _draw(value: ByteCount | None) -> int | None:
    if value is None:
        return None
    n = value() if callable(value) else value
    if isinstance(n, bool) or not isinstance(n, int) or n < 0:
        raise ValueError(f"a byte count is an int >= 0, got {n!r}")
    return n


def _reset(writer: asyncio.StreamWriter | None) -> None:
    """RST, not FIN: SO_LINGER 0 makes close() discard unsent data and reset the peer."""
    if writer is None:
        return
    sock = writer.get_extra_info("socket")
    if sock is not None:
        try:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, _LINGER_RST)
        except OSError:
            pass  # already closed: nothing left to reset
    writer.transport.abort()


class Direction:
    """One direction of the link (`up`: client to target, `down`: target to client)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._latency = 0.0
        self._bandwidth: float | None = None
        self.bytes = 0  # forwarded in this direction, all connections (loop thread writes)
        self._next_free = 0.0  # the shared link's pacing clock (loop thread only)

    @property
    def latency(self) -> float:
        return self._latency

    @latency.setter
    def latency(self, seconds: float) -> None:
        if seconds < 0:
            raise ValueError("latency is >= 0 seconds")
        self._latency = float(seconds)  # one attribute store: atomic for the loop's reads

    @property
    def bandwidth(self) -> float | None:
        return self._bandwidth

    @bandwidth.setter
    def bandwidth(self, bytes_per_s: float | None) -> None:
        if bytes_per_s is not None and bytes_per_s <= 0:
            raise ValueError("bandwidth is > 0 bytes/s, or None for unlimited")
        self._bandwidth = None if bytes_per_s is None else float(bytes_per_s)

    def __repr__(self) -> str:
        return (f"Direction({self.name}, latency={self._latency}, "
                f"bandwidth={self._bandwidth}, bytes={self.bytes})")


@dataclass(frozen=True)
class Stats:
    accepted: int  # every connection accepted, refused ones included
    refused: int  # accepted and reset at once in `refuse` mode
    active: int  # open now
    bytes_up: int  # client -> target, forwarded
    bytes_down: int  # target -> client, forwarded
    cuts: int  # by cut_after_bytes or cut_every_nth_connection
    resets: int  # connections killed by reset()


class _Conn:
    def __init__(self, client: asyncio.StreamWriter, nth_limit: int | None) -> None:
        self.client = client
        self.server: asyncio.StreamWriter | None = None
        self.tasks: list[asyncio.Task[None]] = []
        self.handler: asyncio.Task[Any] | None = None
        self.carried = 0  # both directions
        self.nth_limit = nth_limit
        self.limit_source: object = None
        self.cut_limit: int | None = None
        self.eofs = 0
        self.closed = False

    def limit(self, source: ByteCount | None) -> int | None:
        # A new cut_after_bytes applies to live connections too, drawn once per connection
        if source is not self.limit_source:
            self.limit_source, self.cut_limit = source, _draw(source)
        limits = [n for n in (self.cut_limit, self.nth_limit) if n is not None]
        return min(limits) if limits else None

    def abort(self) -> None:
        if self.closed:
            return
        self.closed = True
        _reset(self.client)
        _reset(self.server)
        current = asyncio.current_task()
        # Before the pumps exist the handler itself may be waiting (paused, or connecting)
        for task in self.tasks or [self.handler]:
            if task is not None and task is not current:
                task.cancel()

    def close(self) -> None:
        if self.closed:
            return
        self.closed = True
        for writer in (self.client, self.server):
            if writer is not None:
                writer.close()


class FaultProxy:
    """A TCP proxy from `listen_host:port` (an ephemeral port) to `target_host:target_port`.

    >>> with FaultProxy("127.0.0.1", 8443) as proxy:
    ...     proxy.latency = 0.05
    ...     proxy.cut_after_bytes = lambda: random.randint(1 << 20, 4 << 20)
    ...     client = pinned_client(proxy.url_for(), fingerprint)
    """

    def __init__(self, target_host: str, target_port: int, *, listen_host: str = "127.0.0.1",
                 max_lifetime: float = 15 * 60) -> None:
        if max_lifetime <= 0:
            raise ValueError("max_lifetime is > 0 seconds")
        self.target_host = _loopback(target_host, "target")
        self.target_port = int(target_port)
        self.listen_host = _loopback(listen_host, "listen address")
        self.max_lifetime = float(max_lifetime)
        self.up, self.down = Direction("up"), Direction("down")
        self.cut_after_bytes: ByteCount | None = None
        self.cut_every_nth_connection: int | None = None
        # Where an nth-connection cut falls: a few bytes in by default (inside the TLS
        # handshake or the first request), or any ByteCount the test prefers.
        self.nth_cut_after_bytes: ByteCount = 1024
        self.refuse = False
        self.expired = False  # True once max_lifetime ran out
        self.error: BaseException | None = None
        self._accepted = self._refused = self._cuts = self._resets = self._forwarded = 0
        self._conns: set[_Conn] = set()
        self._handlers: set[asyncio.Task[Any]] = set()
        self._close_lock = threading.Lock()
        self._closed = False
        self._paused = False

        # Bound here, in the caller's thread: the port is known and a failure raises now
        family = socket.AF_INET6 if ":" in self.listen_host else socket.AF_INET
        self._sock = socket.socket(family, socket.SOCK_STREAM)
        try:
            self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            self._sock.bind((self.listen_host, 0))
            self._sock.listen(128)
            self._sock.setblocking(False)
        except BaseException:
            self._sock.close()
            raise
        self.port: int = self._sock.getsockname()[1]

        self._loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        self._startup_error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name=f"faultproxy-{self.port}",
                                        daemon=True)
        self._thread.start()
        self._ready.wait()
        if self._startup_error is not None:
            self._thread.join()
            raise self._startup_error

    # -- the test's side ------------------------------------------------------------------

    def __enter__(self) -> FaultProxy:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def url_for(self, scheme: str = "https") -> str:
        host = f"[{self.listen_host}]" if ":" in self.listen_host else self.listen_host
        return f"{scheme}://{host}:{self.port}"

    @property
    def latency(self) -> float:
        """Both directions' latency (set both at once; read them apart via up / down)."""
        return self._same("latency")

    @latency.setter
    def latency(self, seconds: float) -> None:
        self.up.latency = self.down.latency = seconds

    @property
    def bandwidth(self) -> float | None:
        """Both directions' cap in bytes/s, None for unlimited (read apart via up / down)."""
        return self._same("bandwidth")

    @bandwidth.setter
    def bandwidth(self, bytes_per_s: float | None) -> None:
        self.up.bandwidth = self.down.bandwidth = bytes_per_s

    def _same(self, name: str) -> Any:
        up, down = getattr(self.up, name), getattr(self.down, name)
        if up != down:
            raise ValueError(f"{name} differs per direction: read proxy.up.{name} and "
                             f"proxy.down.{name}")
        return up

    @property
    def paused(self) -> bool:
        return self._paused

    @property
    def closed(self) -> bool:
        return self._closed or not self._thread.is_alive()

    @property
    def stats(self) -> Stats:
        return Stats(self._accepted, self._refused, len(self._conns), self.up.bytes,
                     self.down.bytes, self._cuts, self._resets)

    def pause(self) -> None:
        """Stop forwarding in both directions; connections stay open, new ones are held."""
        self._paused = True
        self._in_loop(self._flowing.clear)

    def resume(self) -> None:
        self._paused = False
        self._in_loop(self._flowing.set)

    def reset(self) -> int:
        """Reset every live connection now (RST to both sides); returns how many."""
        def kill() -> int:
            conns = [c for c in self._conns if not c.closed]
            for conn in conns:
                conn.abort()
            self._resets += len(conns)
            return len(conns)
        return self._in_loop(kill) or 0

    def close(self) -> None:
        """Stop listening, reset every connection, end the thread; idempotent."""
        with self._close_lock:
            self._closed = True
        if self._thread.is_alive():
            try:
                self._loop.call_soon_threadsafe(self._stop.set)
            except RuntimeError:
                pass  # the loop closed on its own (max_lifetime) in the meantime
        if threading.current_thread() is not self._thread:
            self._thread.join(timeout=10)
            if self._thread.is_alive():
                raise RuntimeError("the fault proxy's thread did not stop within 10 s")

    def _in_loop(self, fn: Callable[[], Any]) -> Any:
        """Runs `fn` on the proxy's loop and waits for it, so that when pause() or reset()
        returns, it has taken effect. A no-op once the proxy is closed."""
        if threading.current_thread() is self._thread:
            return fn()
        done: concurrent.futures.Future[Any] = concurrent.futures.Future()

        def run() -> None:
            try:
                done.set_result(fn())
            except BaseException as exc:  # handed to the caller's thread
                done.set_exception(exc)

        if not self._thread.is_alive():
            return None
        try:
            self._loop.call_soon_threadsafe(run)
        except RuntimeError:
            return None  # closed between the check and the call
        try:
            return done.result(timeout=10)
        except concurrent.futures.TimeoutError:
            if not self._thread.is_alive():
                return None  # the loop ended before running it
            raise

    # -- the loop's side ------------------------------------------------------------------

    def _run(self) -> None:
        loop = self._loop
        try:
            loop.run_until_complete(self._main())
        except BaseException as exc:
            if not self._ready.is_set():
                self._startup_error = exc
            self.error = exc  # for a test that wonders why its proxy died
        finally:
            self._ready.set()
            try:
                loop.run_until_complete(loop.shutdown_asyncgens())
                loop.run_until_complete(loop.shutdown_default_executor())
            finally:
                loop.close()
                self._sock.close()  # normally closed by the server already
                self._closed = True

    async def _main(self) -> None:
        self._stop = asyncio.Event()
        self._flowing = asyncio.Event()
        self._flowing.set()
        server = await asyncio.start_server(self._serve, sock=self._sock)
        self._ready.set()
        try:
            await asyncio.wait_for(self._stop.wait(), self.max_lifetime)
        except TimeoutError:
            self.expired = True
        server.close()
        for conn in list(self._conns):
            conn.abort()
        if self._handlers:
            await asyncio.wait(list(self._handlers), timeout=5)
        await server.wait_closed()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self._accepted += 1
        if self.refuse or self._stop.is_set():
            self._refused += 1
            _reset(writer)
            return
        self._forwarded += 1
        nth = self.cut_every_nth_connection
        conn = _Conn(writer, _draw(self.nth_cut_after_bytes)
                     if nth and self._forwarded % nth == 0 else None)
        handler = asyncio.current_task()
        assert handler is not None
        conn.handler = handler
        self._conns.add(conn)
        self._handlers.add(handler)
        try:
            await self._forward(conn, reader)
        except Exception:
            conn.abort()  # anything unexpected: the client sees a reset, never a hang
        finally:
            conn.abort()  # a no-op after a clean close
            self._conns.discard(conn)
            self._handlers.discard(handler)

    async def _forward(self, conn: _Conn, creader: asyncio.StreamReader) -> None:
        # A stalled hotspot lets no SYN through either: connect only once flowing
        await self._flowing.wait()
        try:
            sreader, swriter = await asyncio.wait_for(
                asyncio.open_connection(self.target_host, self.target_port), timeout=10)
        except (OSError, TimeoutError):
            conn.abort()  # target down: the client sees a reset, as from a dead server
            return
        conn.server = swriter
        if conn.closed:  # reset() or close() while connecting
            _reset(swriter)
            return
        up: asyncio.Queue[tuple[float, bytes] | None] = asyncio.Queue(QUEUE_CHUNKS)
        down: asyncio.Queue[tuple[float, bytes] | None] = asyncio.Queue(QUEUE_CHUNKS)
        conn.tasks = [
            asyncio.create_task(self._read(creader, up, self.up)),
            asyncio.create_task(self._write(conn, up, swriter, self.up)),
            asyncio.create_task(self._read(sreader, down, self.down)),
            asyncio.create_task(self._write(conn, down, conn.client, self.down)),
        ]
        done, pending = await asyncio.wait(conn.tasks, return_when=asyncio.FIRST_EXCEPTION)
        failed = any(not t.cancelled() and t.exception() is not None for t in done)
        if failed or pending:
            conn.abort()  # a reset on one side is passed on as a reset to the other
        if pending:
            await asyncio.wait(pending)
        for task in pending:
            if not task.cancelled():
                task.exception()  # retrieved, so asyncio does not log it as lost
        conn.close()

    async def _read(self, src: asyncio.StreamReader,
                    queue: asyncio.Queue[tuple[float, bytes] | None], d: Direction) -> None:
        loop = asyncio.get_running_loop()
        while True:
            data = await src.read(CHUNK)
            if not data:
                await queue.put(None)
                return
            await queue.put((loop.time() + d.latency, data))

    async def _write(self, conn: _Conn, queue: asyncio.Queue[tuple[float, bytes] | None],
                     dst: asyncio.StreamWriter, d: Direction) -> None:
        loop = asyncio.get_running_loop()
        while True:
            item = await queue.get()
            if item is None:
                if dst.can_write_eof():
                    dst.write_eof()  # half-close: the other direction may still carry bytes
                return
            due, data = item
            if due > loop.time():
                await asyncio.sleep(due - loop.time())
            view = memoryview(data)
            while view:
                await self._flowing.wait()
                rate = d.bandwidth
                # Pieces of ~20 ms of link time, so a low cap paces smoothly, not in bursts
                piece = view[:max(1024, int(rate * 0.02))] if rate else view
                view = view[len(piece):]
                if rate:
                    now = loop.time()
                    d._next_free = max(now, d._next_free) + len(piece) / rate
                    await asyncio.sleep(d._next_free - now)
                    await self._flowing.wait()  # a pause() during the pacing sleep
                limit = conn.limit(self.cut_after_bytes)
                room = None if limit is None else max(0, limit - conn.carried)
                cut = room is not None and room <= len(piece)
                if room is not None and cut:
                    piece = piece[:room]  # exactly N bytes, then the reset
                if conn.closed:
                    return
                dst.write(piece)
                conn.carried += len(piece)
                d.bytes += len(piece)
                if cut:
                    await self._cut(conn, dst)
                    return
                await dst.drain()

    async def _cut(self, conn: _Conn, dst: asyncio.StreamWriter) -> None:
        # Let the last allowed bytes reach the kernel first, so the peer sees about N bytes
        # and then the reset (an RST discards what is still in our send buffer)
        for _ in range(100):
            if conn.closed or dst.transport.get_write_buffer_size() == 0:
                break
            await asyncio.sleep(0.01)
        await asyncio.sleep(0.01)  # loopback: give the peer's stack the data before the RST
        if not conn.closed:
            self._cuts += 1
            conn.abort()
