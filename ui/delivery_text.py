"""A record's delivery state in words (desktop/vault/delivery.py): short for the timeline's
column, whole for the line under the record shown in the case view. Saved on this laptop
→ delivered (the server's receipt: its time and number) → files 2/3 → all files there; a
record written on another laptop: received from its author, and its files not yet
downloaded if any. No delivery at all (None) when the vault is not enrolled."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ui import i18n

_tr = QCoreApplication.translate  # _tr("Delivery", "text"): found by lupdate


def _files(d) -> str:
    """The files' part, or "" when the record has none to send or fetch."""
    parts = []
    if d.files_total:
        if d.files_done >= d.files_total:
            parts.append(_tr("Delivery", "all files there"))
        else:
            parts.append(_tr("Delivery", "files %1/%2").replace("%1", str(d.files_done))
                         .replace("%2", str(d.files_total)))
    if d.to_download:
        parts.append(_tr("Delivery", "%1 file(s) not yet downloaded")
                     .replace("%1", str(d.to_download)))
    return " · ".join(parts)


def short(d) -> str:
    """The timeline's cell."""
    if d is None:
        return ""
    if d.state == "received":
        # its files still to fetch are said by the line and the tooltip: the column is narrow
        return _tr("Delivery", "from %1").replace("%1", d.author or "?")
    head = _tr("Delivery", "delivered") if d.state == "delivered" else \
        _tr("Delivery", "on this laptop")
    files = _files(d)
    return f"{head} · {files}" if files else head


def line(d) -> str:
    """The line under the record shown."""
    if d is None:
        return ""
    if d.state == "received":
        head = _tr("Delivery", "Received from %1 through the server").replace(
            "%1", d.author or "?")
    elif d.state == "delivered":
        head = (_tr("Delivery", "Delivered to the server %1 (server no. %2)")
                .replace("%1", i18n.fmt_datetime(d.received_at))
                .replace("%2", str(d.server_seq)))  # an identifier: no separators
    else:
        head = _tr("Delivery", "Saved on this laptop — not yet delivered to the server")
    files = _files(d)
    return f"{head} · {files}" if files else head
