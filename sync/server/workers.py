"""`server run --workers N`: N server processes on the same address.

One Python process uses one core (the interpreter runs one thread at a time), and under
fifty laptops pushing at once a push spends most of its time waiting for that core. The
processes share nothing but the address: each opens its own database engine after the
fork, and everything they must agree on (sequences, nonces, upload offsets, TSA serial
blocks) is in the database already, as for two `server run` on one PostgreSQL. The kernel
hands each new connection to one of the processes.

The parent only supervises: it forwards a stop (SIGTERM or SIGINT) to every worker once,
and when a worker dies on its own it stops the others and exits 1, so the service
manager restarts the whole server (docs/operations.md) instead of it running on with
fewer processes than configured. The workers run in their own process group, so a
Ctrl-C in a terminal reaches them once, through the parent. Each worker has sockets of
its own on the same address (SO_REUSEPORT, commands.run), so the kernel spreads
connections evenly instead of to whichever worker wakes first.
"""
from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable

MAX_WORKERS = 64
_STOPS = (signal.SIGTERM, signal.SIGINT)


def supervise(count: int, serve: Callable[[int], int]) -> int:
    """Forks `count` processes running `serve(n)` (which opens what it needs itself);
    waits for all of them. 0 when every worker stopped cleanly after a stop was asked."""
    children: list[int] = []
    for n in range(count):
        pid = os.fork()
        if pid == 0:  # the worker
            os.setpgid(0, 0)
            for sig in _STOPS:
                signal.signal(sig, signal.SIG_DFL)
            code = 1
            try:
                code = serve(n)
            except SystemExit as e:
                code = e.code if isinstance(e.code, int) else 1
            except BaseException as e:  # noqa: BLE001 - the type only: no request content
                print(f"server worker stopped: {type(e).__name__}", file=sys.stderr)
            finally:
                sys.stderr.flush()
                os._exit(code)
        children.append(pid)
    return _wait(children)


def _wait(children: list[int]) -> int:
    stopping = False

    def stop(_sig: int = 0, _frame: object = None) -> None:
        nonlocal stopping
        if stopping:
            return
        stopping = True
        for pid in children:
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass

    for sig in _STOPS:
        signal.signal(sig, stop)
    code = 0
    remaining = set(children)
    while remaining:
        pid, status = os.wait()  # a signal's handler runs, then the wait resumes (PEP 475)
        if pid not in remaining:
            continue
        remaining.discard(pid)
        exit_code = os.waitstatus_to_exitcode(status)
        if not stopping:
            # a worker died without being asked: the server stops as a whole
            print(f"server worker {pid} exited ({exit_code}); stopping the others",
                  file=sys.stderr, flush=True)
            code = 1
            stop()
        elif exit_code not in (0, -signal.SIGTERM, -signal.SIGINT):
            # uvicorn ends a stopped server by raising the signal it caught again
            code = 1
    return code
