"""What the entry point above desktop/ hands the CLI: the GUI and the GUI self-check.

desktop/ never imports ui/ (the layering `make lint` checks): donghaeng.launcher, above
both, passes these in. `python -m desktop` passes none and is the command line only.
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple, Protocol


class GuiStarter(Protocol):
    """Runs the desktop app until it is closed; returns the exit status."""

    def __call__(self, home: Path, *, lang: str | None, worker: str | None) -> int: ...


# Opens the main window on the self-test's unlocked vault and closes it; raises on failure.
# The vault is typed Any: ui/ is not ours to type from here, and the self-test owns it.
GuiCheck = Callable[[Any], None]


class Frontends(NamedTuple):
    # A NamedTuple, not a dataclass: dataclasses (and inspect) would load before the
    # unlock window's account list, which the start benchmark times.
    gui: GuiStarter | None = None
    gui_check: GuiCheck | None = None


CLI_ONLY = Frontends()
