"""Picks the command line or the GUI, as Electrum's launcher does.

desktop.cli parses the whole command line (the contract in docs/architecture.md) and runs
every subcommand; for the two cases that need Qt — no subcommand (the desktop app) and the
GUI step of `--self-test` — it calls what this module hands it. ui/ is imported only inside
those two callables, so `donghaeng --version` or `record put` never loads PySide6.

`donghaeng server …` goes to sync.server.cli before desktop is imported at all: the
center's server has no vault, no home and no worker, and must not need the desktop's
libraries (nor the desktop's bundle the server's).
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from desktop.cli.frontends import Frontends


def start_gui(home: Path, *, lang: str | None, worker: str | None) -> int:
    from ui.app import main as gui_main

    return gui_main(home, lang=lang, worker=worker)


def check_gui(vault: Any) -> None:
    """The self-test's GUI step: main window on the self-test's unlocked vault."""
    from ui.selftest import run_gui_check

    run_gui_check(vault)


def frontends() -> Frontends:
    """What the CLI is handed: the GUI and its self-check (imports desktop, so `server …`
    never calls it)."""
    from desktop.cli.frontends import Frontends

    return Frontends(gui=start_gui, gui_check=check_gui)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    server_argv = _server_argv(argv)
    if server_argv is not None:
        from sync.server.cli import main as server_main

        return server_main(server_argv)
    from desktop.cli.main import main as cli_main

    return cli_main(argv, frontends=frontends())


def _server_argv(argv: list[str]) -> list[str] | None:
    """The `server` group's arguments if `server` is the command, else None. Like the
    desktop's global options, `--lang` (the one the server takes) may come before it:
    `donghaeng --lang en server status …` hands `--lang en status …` on."""
    i = 0
    while i < len(argv) and (argv[i] == "--lang" or argv[i].startswith("--lang=")):
        i += 2 if argv[i] == "--lang" else 1
    if argv[i:i + 1] == ["server"]:
        return argv[:i] + argv[i + 1:]
    return None
