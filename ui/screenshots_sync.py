"""Screenshots of sync in the app (called by ui/screenshots.py on its demo session): the
status line in each of its states, the enroll dialog filled from a QR's text, and the sync
history. The demo vault is not enrolled and no server runs here: the status line is shown
the states a runner reports (its one input), and the history rounds are recorded through
the vault's own `record_round`, as the engine records them."""
from __future__ import annotations

import hashlib
from pathlib import Path

DEMO_FP = hashlib.sha256(b"demo server key").hexdigest()  # a fingerprint's shape
DEMO_QR = ("donghaeng-enroll:v1?server=https%3A%2F%2Fsync.center.example%3A8443"
           f"&code=K7PD-4XQM-9RTA&fp={DEMO_FP}")
MB = 1 << 20


def _states():
    from ui.sync_runner import SyncState

    last = "2026-12-06T09:12:00Z"
    on = SyncState(known=True, enrolled=True, last_success=last)
    return [
        SyncState(known=True, enrolled=False),
        on,
        _with(on, pending_changes=3, pending_files=2, pending_bytes=41 * MB),
        _with(on, running=True, pending_changes=3, pending_files=2, pending_bytes=41 * MB,
              sent_bytes=12 * MB, total_bytes=40 * MB),
        _with(on, problem="offline", pending_changes=3),
        _with(on, problem="refused", message=(
            "서버가 이 노트북을 거부했습니다; 센터에 문의하세요",
            "the server refused this laptop; ask the center")),
    ]


def _with(state, **changes):
    from dataclasses import replace

    return replace(state, **changes)


def _stacked(images, path: Path, write_png) -> Path:
    """The status bar in each state, one under the other, as one picture."""
    from PySide6.QtGui import QColor, QImage, QPainter

    width = max(i.width() for i in images)
    height = sum(i.height() for i in images) + 2 * (len(images) - 1)
    out = QImage(width, height, QImage.Format.Format_RGB32)
    out.fill(QColor(160, 160, 160))
    p = QPainter(out)
    y = 0
    for img in images:
        p.drawImage(0, y, img)
        y += img.height() + 2
    p.end()
    write_png(out, path)
    return path


def shoot_sync(app, ctrl, main, out: Path, lang: str, *, settle, save, save_with_dialog,
               write_png) -> list[Path]:
    saved: list[Path] = []
    # the status bar: the runner's reports replaced by each state in turn
    main.sync_runner.state_changed.disconnect(main.sync_status.set_state)
    bar = main.statusBar()
    images = []
    for state in _states():
        main.sync_status.set_state(state)
        settle(app, ctrl, 0.1)
        images.append(bar.grab().toImage())
    saved.append(_stacked(images, out / f"15-sync-status-{lang}.png", write_png))
    main.sync_status.set_state(_states()[3])  # the window below shows one while sending

    # the enroll dialog, from Settings, with the QR's text pasted
    main.show_page("settings")
    settle(app, ctrl, 0.3)
    dlg = main.page("settings").open_enroll()
    dlg.qr.setText(DEMO_QR)
    settle(app, ctrl, 0.3)
    saved.append(save_with_dialog(main, dlg, out, "16-enroll", lang))
    dlg.close()

    # the history: rounds as the engine records them
    rounds = [("2026-12-06T08:02:11Z", 14, 3, 2, None),
              ("2026-12-06T08:31:40Z", 0, 0, 0, "Offline"),
              ("2026-12-06T09:05:02Z", 2, 0, 0, "Offline"),
              ("2026-12-06T09:12:00Z", 5, 7, 1, None)]

    def record(vault):
        for started, pushed, pulled, files, error in rounds:
            vault.record_round(started, pushed, pulled, files, error)
    ctrl.tasks.call(record)
    main.show_sync_history()
    settle(app, ctrl, 0.5)
    saved.append(save(main, out, "17-sync-history", lang))
    # the status line follows the runner again for the screenshots after these
    main.sync_runner.state_changed.connect(main.sync_status.set_state)
    main.sync_status.set_state(main.sync_runner.state)
    return saved


def _demo_workers(lang: str) -> list[dict]:
    """Rows as `desk workers --json` gives them: one worker up to date, one with work
    waiting and a conflict, one whose laptop has not reported (an older app)."""
    ko = lang == "ko"

    def row(worker, team, laptops, last, changes, files, size, conflicts):
        return {"worker": worker, "team": team, "role": "worker", "laptops": laptops,
                "last_sync": last, "pending_changes": changes, "pending_files": files,
                "pending_bytes": size, "inbox_waiting": 0 if changes is not None else None,
                "conflicts": conflicts, "devices": []}
    return [
        row("김민지" if ko else "Kim Minji", "서부팀" if ko else "West team", 1,
            "2026-12-06T09:12:00Z", 0, 0, 0, 0),
        row("박서연" if ko else "Park Seoyeon", "서부팀" if ko else "West team", 2,
            "2026-12-05T17:40:00Z", 3, 2, 41 * MB, 1),
        row("이도윤" if ko else "Lee Doyun", "동부팀" if ko else "East team", 1,
            "2026-12-01T08:05:00Z", None, None, None, 0),
    ]


def shoot_workers(app, ctrl, main, out: Path, lang: str, *, settle, save) -> list[Path]:
    """The desk's Workers page. The demo vault is no desk and no server runs here: the
    entry is shown and the page given the rows an overview answers (its one input)."""
    from PySide6.QtCore import Qt

    from ui.workers_view import KEY

    nav = main.nav
    item = next(nav.item(i) for i in range(nav.count())
                if nav.item(i).data(Qt.ItemDataRole.UserRole) == KEY)
    item.setHidden(False)
    view = main.page(KEY)
    main.stack.setCurrentWidget(view)
    nav.blockSignals(True)  # highlighted, without the page asking a server there is not
    nav.setCurrentItem(item)
    nav.blockSignals(False)
    view.show_rows(_demo_workers(lang), "2026-12-06T09:15:00Z")
    settle(app, ctrl, 0.4)
    saved = [save(main, out, "18-workers", lang)]
    item.setHidden(True)
    return saved
