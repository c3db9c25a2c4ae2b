"""Settings. Two places, on purpose:

- app prefs (`ui/app_prefs.py`): the language, in `<home>/ui-prefs.json` — needed before
  any vault is open (the unlock screen). It holds nothing about any person or case.
- `WorkerSettings`: idle-lock minutes, the privacy-mode default, the worker's language, the
  main window's size and place (`ui/window_fit.py`) — inside the worker's encrypted vault
  (`vault.set_meta("ui.settings", ...)`).
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass

META_KEY = "ui.settings"


@dataclass
class WorkerSettings:
    idle_minutes: float = 5.0
    privacy_default: bool = False
    lang: str | None = None
    window: dict | None = None  # {"x","y","w","h","max","screen"}: window_fit.snapshot

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
        s.window = valid_saved(data.get("window"))
        return s

    @classmethod
    def load(cls, vault) -> WorkerSettings:
        try:
            return cls.from_bytes(vault.get_meta(META_KEY))
        except KeyError:
            return cls()

    def save(self, vault) -> None:
        vault.set_meta(META_KEY, self.to_bytes())


def valid_saved(data) -> dict | None:
    """A stored geometry, checked (it comes back from the vault as JSON)."""
    if not isinstance(data, dict):
        return None
    try:
        out = {k: int(data[k]) for k in ("x", "y", "w", "h")}
    except (KeyError, TypeError, ValueError):
        return None
    if not (200 <= out["w"] <= 20000 and 150 <= out["h"] <= 20000):
        return None
    out["max"] = bool(data.get("max", False))
    out["screen"] = str(data.get("screen") or "")[:200]
    return out
