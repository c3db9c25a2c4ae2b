"""Keep record windows out of screenshots and screen sharing where the platform allows it.

Windows 10 2004+: SetWindowDisplayAffinity(WDA_EXCLUDEFROMCAPTURE) — the window shows as
empty in captures; older Windows: WDA_MONITOR (black). Linux (X11/Wayland) and macOS offer
no per-window exclusion a Qt app can set reliably; the limit is documented in docs/ui.md.
"""
from __future__ import annotations

import sys

WDA_MONITOR = 0x1
WDA_EXCLUDEFROMCAPTURE = 0x11


def exclude_from_capture(window) -> str:
    """Returns what was applied: "exclude", "monitor" or "unsupported"."""
    if sys.platform != "win32":
        return "unsupported"
    import ctypes

    hwnd = int(window.winId())
    user32 = ctypes.windll.user32
    if user32.SetWindowDisplayAffinity(hwnd, WDA_EXCLUDEFROMCAPTURE):
        return "exclude"
    if user32.SetWindowDisplayAffinity(hwnd, WDA_MONITOR):
        return "monitor"
    return "unsupported"
