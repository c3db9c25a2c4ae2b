"""The app-wide preferences file `<home>/ui-prefs.json` (the language), read before any
vault is open. Kept apart from `preferences.WorkerSettings` so the unlock window's start
does not import what only an unlocked session needs."""
from __future__ import annotations

import json
import os
from pathlib import Path

PREFS_FILE = "ui-prefs.json"


def load_app_prefs(home: Path) -> dict:
    try:
        data = json.loads((Path(home) / PREFS_FILE).read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def save_app_prefs(home: Path, **changes) -> None:
    home = Path(home)
    home.mkdir(mode=0o700, parents=True, exist_ok=True)
    prefs = load_app_prefs(home)
    prefs.update(changes)
    path = home / PREFS_FILE
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(prefs, fh)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
