"""Settings. Two places, on purpose:

- `AppPrefs`: the language, in `<home>/ui-prefs.json` — needed before any vault is open
  (the unlock screen). It holds nothing about any person or case.
- `WorkerSettings`: idle-lock minutes, the privacy-mode default, the worker's language —
  inside the worker's encrypted vault (`vault.set_meta("ui.settings", ...)`).
"""
from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

PREFS_FILE = "ui-prefs.json"
META_KEY = "ui.settings"


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


@dataclass
class WorkerSettings:
    idle_minutes: float = 5.0
    privacy_default: bool = False
    lang: str | None = None

    def to_bytes(self) -> bytes:
        return json.dumps(asdict(self)).encode("utf-8")

    @classmethod
    def from_bytes(cls, raw: bytes | None) -> WorkerSettings:
        if not raw:
            return cls()
        try:
            data = json.loads(bytes(raw).decode("utf-8"))
        except (ValueError, UnicodeDecodeError):
            return cls()
        s = cls()
        if isinstance(data.get("idle_minutes"), (int, float)) and 1 <= data["idle_minutes"] <= 120:
            s.idle_minutes = float(data["idle_minutes"])
        s.privacy_default = bool(data.get("privacy_default", False))
        if data.get("lang") in ("ko", "en"):
            s.lang = data["lang"]
        return s

    @classmethod
    def load(cls, vault) -> WorkerSettings:
        try:
            return cls.from_bytes(vault.get_meta(META_KEY))
        except KeyError:
            return cls()

    def save(self, vault) -> None:
        vault.set_meta(META_KEY, self.to_bytes())
