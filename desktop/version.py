"""The version, from one place: pyproject's version, read from the package metadata, with
a fallback constant for frozen builds that carry no metadata (kept equal by a test)."""
from __future__ import annotations

__version__ = "0.1.0"


def version() -> str:
    try:
        from importlib.metadata import version as _v

        return _v("donghaeng")
    except Exception:  # frozen app without dist-info
        return __version__
