"""How a round tells what it is doing: one line in Korean and one in English, the caller
(the CLI on stderr, later the app's status line) shows the one of its language."""
from __future__ import annotations

from collections.abc import Callable

Progress = Callable[[str, str], None]   # (ko, en)


def quiet(_ko: str, _en: str) -> None:
    """A round nobody watches."""
