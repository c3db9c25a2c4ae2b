"""Lock by replacing the process: once the vault is locked and the draft saved, the app
`exec`s itself into a fresh unlock window, so nothing the session held — the passphrase as
typed, the data key's stray copies, decrypted records in Python and Qt objects, SQLite's
freed pages — survives in the process's memory (docs/security.md, "Lock").

An in-process lock cannot promise that: Python `str`s are immutable and freed memory is not
overwritten, and a root scan of /proc/PID/mem after such a lock found the passphrase twice
and the record text dozens of times. After `execve` the kernel gives the same PID a new
address space; the old pages are no longer part of it.

What crosses the exec, and nothing else:
- the command line: the same interpreter (or the frozen binary) and entry point, `--home`
  and `--lang` (neither names a person);
- the environment, minus the passphrase variables, plus `DONGHAENG_RELAUNCH` (JSON: the
  worker to preselect, whether the unlock window starts minimized after a panic). The
  worker's name goes there rather than on the command line, which any local user can read;
- file descriptors 0-2. Every other descriptor is marked close-on-exec first: Python opens
  its own that way (PEP 446), but a library may not.
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import NamedTuple

RELAUNCH_ENV = "DONGHAENG_RELAUNCH"
# Never carried into the new process (the GUI does not read them anyway: ui.app.main).
SECRET_ENV = ("DONGHAENG_PASSPHRASE", "DONGHAENG_NEW_PASSPHRASE")


class RelaunchState(NamedTuple):
    home: Path
    lang: str
    worker: str | None = None
    minimized: bool = False


def command(state: RelaunchState) -> list[str]:
    """argv of the new process: the frozen binary, or this interpreter with its flags
    running the `donghaeng` launcher (what `python -m donghaeng` and the console script
    run). `-m donghaeng` rather than sys.argv: a test driver or a script that started the
    app is not what the locked app should become."""
    args = ["--home", str(Path(state.home).absolute()), "--lang", state.lang]
    if getattr(sys, "frozen", False):
        return [sys.executable, *args]
    import subprocess

    # The interpreter's own options (-X, -O, -I, -s, ...), as multiprocessing passes them.
    flags = getattr(subprocess, "_args_from_interpreter_flags", lambda: [])()
    return [sys.executable, *flags, "-m", "donghaeng", *args]


def environment(state: RelaunchState, base: dict[str, str] | None = None) -> dict[str, str]:
    env = dict(os.environ if base is None else base)
    for name in SECRET_ENV:
        env.pop(name, None)
    env[RELAUNCH_ENV] = json.dumps({"worker": state.worker, "minimized": state.minimized})
    if getattr(sys, "frozen", False):
        # PyInstaller >= 6.9: the bootloader sets up its own environment afresh instead of
        # taking the new process for a child of this one.
        env["PYINSTALLER_RESET_ENVIRONMENT"] = "1"
    return env


def take_state() -> dict:
    """In the new process: what the locked one handed over ({} on an ordinary start). The
    variable is removed so that nothing started later inherits it."""
    raw = os.environ.pop(RELAUNCH_ENV, None)
    if not raw:
        return {}
    try:
        data = json.loads(raw)
    except ValueError:
        return {}
    if not isinstance(data, dict):
        return {}
    worker = data.get("worker")
    return {"worker": worker if isinstance(worker, str) and worker else None,
            "minimized": data.get("minimized") is True}


def close_on_exec_all() -> None:
    """Mark every descriptor above stderr close-on-exec (a library's socket or file opened
    without O_CLOEXEC would otherwise live on in the new process)."""
    fd_dir = "/proc/self/fd" if os.path.isdir("/proc/self/fd") else "/dev/fd"
    try:
        fds = [int(name) for name in os.listdir(fd_dir)]
    except OSError:
        import resource

        soft = resource.getrlimit(resource.RLIMIT_NOFILE)[0]
        fds = list(range(3, min(soft if soft > 0 else 4096, 65536)))
    for fd in fds:
        if fd <= 2:
            continue
        try:
            os.set_inheritable(fd, False)
        except OSError:
            pass  # the listing's own descriptor, already closed


def exec_fresh(state: RelaunchState) -> None:
    """Replace this process with a fresh app. Returns only if the exec failed (the caller
    then stays in this process, locked, as before)."""
    argv, env = command(state), environment(state)
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except (OSError, ValueError):
            pass
    if sys.platform == "win32":
        # Windows has no exec (os.execv starts a new process and ends this one): do that
        # explicitly, without inheriting handles.
        import subprocess

        try:
            subprocess.Popen(argv, env=env, close_fds=True)
        except OSError as exc:
            sys.stderr.write(f"donghaeng: restart after lock failed: {exc}\n")
            return
        os._exit(0)
    close_on_exec_all()
    try:
        os.execve(argv[0], argv, env)
    except OSError as exc:
        sys.stderr.write(f"donghaeng: restart after lock failed: {exc}\n")
