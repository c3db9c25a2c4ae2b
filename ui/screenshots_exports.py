"""Screenshots of the per-record delivery state in the case view and of the Exports page
(called by ui/screenshots.py on its demo session). The demo vault is not enrolled and no
server runs here: the case view's timeline is given the delivery states the vault reports
(its one input, `TimelineModel.set_delivery`), one of each kind; the Exports page lists the
real exports the session made (the one the export screenshot signed, and a second)."""
from __future__ import annotations

import tempfile
import time
from pathlib import Path

CASE = "DEMO-001"


def _demo_delivery(records: list, lang: str) -> dict:
    """One record of each state, newest first: saved on this laptop, delivered with a file
    still uploading, received from a teammate, then delivered with all files there."""
    from desktop.vault.delivery import DELIVERED, LOCAL, RECEIVED, Delivery

    teammate = "박서연" if lang == "ko" else "Park Seoyeon"
    out = {}
    seq = 4217
    for i, rec in enumerate(records):
        if i == 0:
            out[rec.id] = Delivery(LOCAL, None, None, 0, 0, rec.author)
        elif i == 1:
            out[rec.id] = Delivery(DELIVERED, seq + 6, "2026-12-06T09:12:03Z", 3, 2,
                                   rec.author)
        elif i == 2:
            out[rec.id] = Delivery(RECEIVED, None, None, 0, 0, teammate, 1)
        else:
            out[rec.id] = Delivery(DELIVERED, seq - i, "2026-12-05T17:40:21Z", 1 if i == 3
                                   else 0, 1 if i == 3 else 0, rec.author)
    return out


def shoot_delivery_and_exports(app, ctrl, main, out: Path, lang: str, *, settle,
                               save) -> list[Path]:
    saved: list[Path] = []
    main.open_case(CASE)
    settle(app, ctrl, 0.6)
    cv = main.case_view
    cv.timeline.set_delivery(_demo_delivery(cv.timeline.records, lang))
    cv.table.selectRow(1)  # the record whose file is still on its way
    settle(app, ctrl, 0.5)
    cv._show_delivery()
    settle(app, ctrl, 0.2)
    saved.append(save(main, out, "23-case-delivery", lang))

    with tempfile.TemporaryDirectory(prefix="donghaeng-shots-exports-") as tmp:
        registry = main.session.registry
        recipient = "수서경찰서 사이버수사팀" if lang == "ko" else "Suseo Police, cyber crime unit"

        def op(vault):
            from desktop.export import export_case

            return export_case(vault, registry, CASE, "police", Path(tmp) / "police.pdf",
                               recipient=recipient, lang=lang)
        done: list = []
        main.session.submit(op, done.append, done.append)
        deadline = time.monotonic() + 120
        while not done and time.monotonic() < deadline:
            settle(app, ctrl, 0.1)
    main.show_page("exports")
    settle(app, ctrl, 0.6)
    saved.append(save(main, out, "24-exports", lang))
    return saved
