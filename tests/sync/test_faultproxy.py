"""The fault proxy itself: bytes pass unchanged, each fault does what it says, it stays on
loopback and cleans up after itself; and the real HTTPS server answers through it, pin and
all, until a cut makes the client fail fast (a transport error, never a hang)."""
from __future__ import annotations

import hashlib
import os
import socket
import socketserver
import threading
import time
from collections.abc import Iterator
from urllib.parse import urlsplit

import httpx
import pytest

from tests.sync.faultproxy import FaultProxy

TIMEOUT = 5.0  # any socket wait in these tests: a broken proxy fails, it does not hang


class _Handler(socketserver.BaseRequestHandler):
    """First line is the command: `echo` (echo until EOF) or `send N` (N bytes, then close)."""

    def handle(self) -> None:
        sock: socket.socket = self.request
        sock.settimeout(TIMEOUT * 2)
        line = b""
        try:
            while not line.endswith(b"\n"):
                byte = sock.recv(1)
                if not byte:
                    return
                line += byte
            cmd, _, arg = line.decode().strip().partition(" ")
            if cmd == "echo":
                while data := sock.recv(65536):
                    sock.sendall(data)
            elif cmd == "send":
                left = int(arg)
                block = os.urandom(65536)
                while left > 0:
                    sock.sendall(block[:left])
                    left -= len(block)
        except OSError:
            pass  # the proxy cut or reset us: that is the point of most tests


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


@pytest.fixture(scope="module")
def backend() -> Iterator[int]:
    srv = _Server(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    try:
        yield srv.server_address[1]
    finally:
        srv.shutdown()
        srv.server_close()
        thread.join(timeout=5)


@pytest.fixture
def proxy(backend: int) -> Iterator[FaultProxy]:
    with FaultProxy("127.0.0.1", backend, max_lifetime=60) as p:
        yield p


def _connect(proxy: FaultProxy, command: bytes) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", proxy.port), timeout=TIMEOUT)
    sock.sendall(command)
    return sock


def _read_all(sock: socket.socket) -> tuple[bytes, str]:
    """Everything until the connection ends, and how it ended: 'eof' or 'reset'."""
    got = bytearray()
    try:
        while data := sock.recv(65536):
            got += data
    except ConnectionResetError:
        return bytes(got), "reset"
    return bytes(got), "eof"


def _roundtrip(sock: socket.socket, payload: bytes = b"ping") -> float:
    start = time.monotonic()
    sock.sendall(payload)
    got = b""
    while len(got) < len(payload):
        data = sock.recv(65536)
        assert data, "the connection ended mid-echo"
        got += data
    assert got == payload
    return time.monotonic() - start


def _dead(sock: socket.socket) -> bool:
    """Whether the connection was reset or closed under us (within TIMEOUT)."""
    try:
        sock.sendall(b"still there?")
        return sock.recv(100) == b""
    except (ConnectionResetError, BrokenPipeError):
        return True


def _turned_away(proxy: FaultProxy) -> bool:
    """Whether a new connection is reset at once (its connect() itself may see the RST)."""
    try:
        sock = _connect(proxy, b"echo\n")
    except ConnectionResetError:
        return True
    with sock:
        return _dead(sock)


def test_twenty_megabytes_pass_unchanged_both_ways(proxy: FaultProxy) -> None:
    payload = os.urandom(20 * 1024 * 1024)
    sock = _connect(proxy, b"echo\n")

    def send() -> None:
        sock.sendall(payload)
        sock.shutdown(socket.SHUT_WR)  # the half-close must reach the server through the proxy

    sender = threading.Thread(target=send, daemon=True)
    sender.start()
    got, end = _read_all(sock)
    sender.join(timeout=TIMEOUT)
    sock.close()
    assert end == "eof" and len(got) == len(payload)
    assert hashlib.sha256(got).hexdigest() == hashlib.sha256(payload).hexdigest()
    stats = proxy.stats
    assert stats.bytes_up == len(payload) + len(b"echo\n") and stats.bytes_down == len(payload)
    assert (stats.accepted, stats.cuts) == (1, 0)


@pytest.mark.alone
def test_latency_is_added_each_way_without_becoming_a_bandwidth_cap(proxy: FaultProxy) -> None:
    with _connect(proxy, b"echo\n") as sock:
        clean = _roundtrip(sock)
        proxy.latency = 0.15
        assert proxy.latency == 0.15
        assert _roundtrip(sock) >= 0.3  # 0.15 up + 0.15 down
        proxy.down.latency = 0.0
        with pytest.raises(ValueError, match="differs per direction"):
            _ = proxy.latency
        assert 0.15 <= _roundtrip(sock) < 0.3 + clean + 1.0
        # A delay line: 2 MB in 64 KiB chunks pays the delay once, not once per chunk
        proxy.latency = 0.1
        elapsed = _roundtrip(sock, os.urandom(2 * 1024 * 1024))
        assert 0.2 <= elapsed < 2.0


@pytest.mark.alone
def test_bandwidth_cap_holds_roughly(proxy: FaultProxy) -> None:
    proxy.bandwidth = 2_000_000
    start = time.monotonic()
    with _connect(proxy, b"send 1000000\n") as sock:
        got, end = _read_all(sock)
    elapsed = time.monotonic() - start
    assert (len(got), end) == (1_000_000, "eof")
    assert 0.4 <= elapsed < 3.0
    proxy.bandwidth = None
    start = time.monotonic()
    with _connect(proxy, b"send 1000000\n") as sock:
        assert len(_read_all(sock)[0]) == 1_000_000
    assert time.monotonic() - start < 0.4  # unlimited again


def test_cut_after_bytes_resets_the_client_after_about_n_bytes(proxy: FaultProxy) -> None:
    proxy.cut_after_bytes = 100_000
    command = b"send 1000000\n"
    for _ in range(2):  # the limit is per connection, not for the proxy's whole life
        with _connect(proxy, command) as sock:
            got, end = _read_all(sock)
        assert end in ("reset", "eof")
        # the command counts: N is what the connection carried both ways
        assert 50_000 <= len(got) <= 100_000 - len(command)
    assert proxy.stats.cuts == 2


def test_cut_after_bytes_draws_a_fresh_limit_per_connection(proxy: FaultProxy) -> None:
    limits = iter([3_000, 60_000])
    proxy.cut_after_bytes = lambda: next(limits)
    received = []
    for _ in range(2):
        with _connect(proxy, b"send 200000\n") as sock:
            received.append(len(_read_all(sock)[0]))
    assert received[0] <= 3_000 < 30_000 <= received[1] <= 60_000
    proxy.cut_after_bytes = None  # changed while running: the next connection is whole
    with _connect(proxy, b"send 200000\n") as sock:
        got, end = _read_all(sock)
    assert (len(got), end) == (200_000, "eof")
    assert proxy.stats.cuts == 2


def test_every_nth_connection_is_cut_early(proxy: FaultProxy) -> None:
    proxy.cut_every_nth_connection = 3
    proxy.nth_cut_after_bytes = 100
    outcomes = []
    for _ in range(6):
        with _connect(proxy, b"send 10000\n") as sock:
            got, _ = _read_all(sock)
        outcomes.append(len(got) == 10_000)
    assert outcomes == [True, True, False, True, True, False]
    assert proxy.stats.cuts == 2


def test_reset_kills_live_connections_and_new_ones_work(proxy: FaultProxy) -> None:
    socks = [_connect(proxy, b"echo\n") for _ in range(2)]
    for sock in socks:
        _roundtrip(sock)
    assert proxy.reset() == 2
    for sock in socks:
        assert _dead(sock)
        sock.close()
    with _connect(proxy, b"echo\n") as sock:
        _roundtrip(sock)
    assert proxy.stats.resets == 2


def test_refuse_mode_is_a_server_down(proxy: FaultProxy) -> None:
    proxy.refuse = True
    assert _turned_away(proxy)
    proxy.refuse = False
    with _connect(proxy, b"echo\n") as sock:
        _roundtrip(sock)
    assert (proxy.stats.accepted, proxy.stats.refused) == (2, 1)


def test_pause_holds_connections_open_and_resume_delivers(proxy: FaultProxy) -> None:
    with _connect(proxy, b"echo\n") as live:
        _roundtrip(live)
        proxy.pause()
        assert proxy.paused
        live.sendall(b"held")
        held_new = _connect(proxy, b"echo\nnew")  # accepted, but not a byte goes through
        for sock in (live, held_new):
            sock.settimeout(0.4)
            with pytest.raises(TimeoutError):
                sock.recv(100)
            sock.settimeout(TIMEOUT)
        proxy.resume()
        assert live.recv(100) == b"held"
        assert held_new.recv(100) == b"new"
        held_new.close()


def _proxy_threads() -> list[threading.Thread]:
    # asyncio_* would be the default executor's threads, which the proxy must never start
    return [t for t in threading.enumerate() if t.name.startswith(("faultproxy", "asyncio"))]


def test_close_resets_connections_stops_the_thread_and_frees_the_port(backend: int) -> None:
    proxy = FaultProxy("127.0.0.1", backend)
    port = proxy.port
    assert proxy.url_for() == f"https://127.0.0.1:{port}"
    assert proxy.url_for("http") == f"http://127.0.0.1:{port}"
    sock = _connect(proxy, b"echo\n")
    _roundtrip(sock)
    proxy.close()
    proxy.close()  # idempotent
    assert proxy.closed and not _proxy_threads()
    assert _dead(sock)
    sock.close()
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT)
    with socket.socket() as again:
        again.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        again.bind(("127.0.0.1", port))
    # the thread-safe calls are harmless no-ops on a closed proxy
    assert proxy.reset() == 0
    proxy.pause()
    proxy.resume()


def test_max_lifetime_stops_the_proxy_on_its_own(backend: int) -> None:
    proxy = FaultProxy("127.0.0.1", backend, max_lifetime=0.5)
    sock = _connect(proxy, b"echo\n")
    _roundtrip(sock)
    deadline = time.monotonic() + TIMEOUT
    while not proxy.closed and time.monotonic() < deadline:
        time.sleep(0.05)
    assert proxy.closed and proxy.expired and not _proxy_threads()
    assert _dead(sock)
    sock.close()
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", proxy.port), timeout=TIMEOUT)
    proxy.close()


def test_a_target_that_is_down_resets_the_client() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        nobody = s.getsockname()[1]  # closed again: nothing listens there
    with FaultProxy("127.0.0.1", nobody) as proxy:
        assert _turned_away(proxy)


@pytest.mark.parametrize(("target", "listen"), [
    ("10.0.0.1", "127.0.0.1"), ("192.168.1.1", "127.0.0.1"), ("8.8.8.8", "127.0.0.1"),
    ("example.com", "127.0.0.1"), ("127.0.0.1", "0.0.0.0"), ("127.0.0.1", "::"),
    ("127.0.0.1", "192.168.1.1"), ("127.0.0.1", ""),
])
def test_non_loopback_addresses_are_refused(target: str, listen: str) -> None:
    before = _proxy_threads()
    with pytest.raises(ValueError, match="loopback"):
        FaultProxy(target, 1, listen_host=listen)
    assert _proxy_threads() == before


def test_bad_fault_values_are_refused(proxy: FaultProxy) -> None:
    with pytest.raises(ValueError):
        proxy.latency = -1
    with pytest.raises(ValueError):
        proxy.bandwidth = 0
    with pytest.raises(ValueError):
        FaultProxy("127.0.0.1", 1, max_lifetime=0)


# -- the real server (SQLite and PostgreSQL), over HTTPS with the pin, through the proxy ---

def test_https_to_the_real_server_goes_through_and_a_cut_fails_fast(server) -> None:
    target = urlsplit(server.url)
    with server.client() as direct:
        expected = direct.get("/v1/info").json()
    expected.pop("server_time")  # the one field that changes between two answers
    with FaultProxy(target.hostname or "", target.port or 0, max_lifetime=60) as proxy:
        proxy.latency = 0.02  # a little delay: TLS must not depend on chunk timing
        with server.client(url=proxy.url_for()) as c:
            r = c.get("/v1/info")
            got = r.json()
            got.pop("server_time")
            assert r.status_code == 200 and got == expected
        assert proxy.stats.bytes_up > 0 and proxy.stats.bytes_down > 0

        proxy.cut_after_bytes = 200  # inside the TLS handshake
        start = time.monotonic()
        with server.client(url=proxy.url_for()) as c, pytest.raises(httpx.TransportError):
            c.get("/v1/info")
        assert time.monotonic() - start < 5
        assert proxy.stats.cuts >= 1
