"""Picks the command line or the GUI, as Electrum's launcher does.

desktop.cli parses the whole command line (the contract in docs/architecture.md) and runs
every subcommand; for the two cases that need Qt — no subcommand (the desktop app) and the
GUI step of `--self-test` — it calls what this module hands it. ui/ is imported only inside
those two callables, so `donghaeng --version` or `record put` never loads PySide6.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from desktop.cli.frontends import Frontends
from desktop.cli.main import main as cli_main


def start_gui(home: Path, *, lang: str | None, worker: str | None) -> int:
    from ui.app import main as gui_main

    return gui_main(home, lang=lang, worker=worker)


def check_gui(vault: Any) -> None:
    """The self-test's GUI step: main window on the self-test's unlocked vault."""
    from ui.selftest import run_gui_check

    run_gui_check(vault)


FRONTENDS = Frontends(gui=start_gui, gui_check=check_gui)


def main(argv: list[str] | None = None) -> int:
    return cli_main(argv, frontends=FRONTENDS)
