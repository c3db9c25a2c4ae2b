"""`python -m ui.screenshots OUTDIR`: every main screen in Korean and English, rendered
offscreen (`grab()`) from a demo vault built in a temporary home (the lead's
`desktop.demo.build_demo`, cheap KDF), into OUTDIR as PNGs."""
from __future__ import annotations

import math
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SIZE = (1280, 820)
SMALL = (900, 600)
PASSPHRASE = "demo-screenshots-2026"


def _pump(app, seconds: float = 0.3) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)


def _settle(app, ctrl, seconds: float = 0.3) -> None:
    """Wait until the worker has nothing queued and its results were delivered."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        _pump(app, 0.05)
        if ctrl.tasks.pending() == 0:
            ctrl.tasks.flush()
            break
    _pump(app, seconds)


def _write_png(image, path: Path) -> None:
    """Save a QImage/QPixmap as a small PNG: 256-colour palette without dithering (flat UI
    colours and anti-aliased text survive it), maximum compression."""
    from PySide6.QtCore import QBuffer, QIODevice

    buf = QBuffer()
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buf, "PNG")
    try:
        import io

        from PIL import Image
    except ImportError:  # Pillow comes with reportlab; without it, Qt's PNG is fine
        path.write_bytes(bytes(buf.data()))
        return
    img = Image.open(io.BytesIO(bytes(buf.data()))).convert("RGB")
    img = img.quantize(256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    img.save(path, "PNG", optimize=True)


def _save(widget, out: Path, name: str, lang: str) -> Path:
    path = out / f"{name}-{lang}.png"
    _write_png(widget.grab(), path)
    return path


def _save_with_dialog(window, dialog, out: Path, name: str, lang: str) -> Path:
    """The window with a dialog drawn over it, centred, with a frame and a title bar —
    offscreen dialogs are separate top-level windows, so one grab() cannot hold both."""
    from PySide6.QtCore import QRect, Qt
    from PySide6.QtGui import QColor, QFont, QPainter, QPalette

    base = window.grab()
    top = dialog.grab()
    title_h = dialog.fontMetrics().height() + 12
    w, h = top.width() + 2, top.height() + title_h + 1
    x, y = (base.width() - w) // 2, (base.height() - h) // 2
    p = QPainter(base)
    p.fillRect(base.rect(), QColor(0, 0, 0, 70))  # the modal shade
    pal = dialog.palette()
    p.fillRect(QRect(x, y, w, h), pal.color(QPalette.ColorRole.Window))
    p.fillRect(QRect(x, y, w, title_h), pal.color(QPalette.ColorRole.Highlight))
    f = QFont(dialog.font())
    f.setBold(True)
    p.setFont(f)
    p.setPen(pal.color(QPalette.ColorRole.HighlightedText))
    p.drawText(QRect(x + 10, y, w - 20, title_h),
               Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, dialog.windowTitle())
    p.drawPixmap(x + 1, y + title_h, top)
    p.setPen(pal.color(QPalette.ColorRole.Dark))
    p.drawRect(QRect(x, y, w - 1, h - 1))
    p.end()
    path = out / f"{name}-{lang}.png"
    _write_png(base, path)
    return path


def _window(w, size=SIZE) -> None:
    w.resize(*size)
    w.show()


def shoot(out: Path) -> list[Path]:
    from crypto.kdf import CHEAP
    from desktop.demo import DEMO_WORKER, build_demo
    from ui import dialogs, translations_build
    from ui.app import make_application
    from ui.app_controller import AppController

    translations_build.compile_all()
    out.mkdir(parents=True, exist_ok=True)
    app = make_application()
    saved: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="donghaeng-shots-") as tmp:
        for lang in ("ko", "en"):
            # A fresh demo home per language: drafts saved in one run must not show up
            # in the other's drafts screen.
            home = Path(tmp) / f"home-{lang}"
            build_demo(home, PASSPHRASE, kdf=CHEAP)
            fresh = Path(tmp) / f"fresh-{lang}"
            first = AppController(fresh, lang=lang, kdf=CHEAP)
            first.start()
            fr = first.first_run_window
            fr.name.setText("김민지" if lang == "ko" else "Kim Minji")
            fr.passphrase.setText("spring bus")
            _window(fr, SMALL)
            _pump(app)
            saved.append(_save(fr, out, "01-first-run", lang))
            first.shutdown()
            fr.close()

            ctrl = AppController(home, lang=lang, kdf=CHEAP, worker=DEMO_WORKER)
            ctrl.start()
            uw = ctrl.unlock_window
            _window(uw, SMALL)
            uw.passphrase.setText("wrong-guess")
            uw._submit()
            _settle(app, ctrl)
            saved.append(_save(uw, out, "02-unlock-error", lang))
            ctrl.unlock_window.passphrase.setText(PASSPHRASE)
            dialogs.set_next_answer(False)  # "open your drafts?" — not now
            ctrl.unlock_window._submit()
            deadline = time.monotonic() + 60
            while ctrl.main_window is None and time.monotonic() < deadline:
                _pump(app, 0.05)
            main = ctrl.main_window
            _window(main)
            _settle(app, ctrl, 0.6)
            saved.append(_save(main, out, "03-cases", lang))

            main.cases.search.setText("DEMO-00")
            _settle(app, ctrl)
            main.cases.search.clear()
            _settle(app, ctrl)

            main.open_case("DEMO-001")
            _settle(app, ctrl, 0.6)
            saved.append(_save(main, out, "04-case-view", lang))

            main.open_editor("intake", "DEMO-001")
            ed = main.editor
            ed.view.rows["client_name"].editor.set_value("김가명")
            ed.view.rows["contact_phone"].editor.set_value("123")
            ed.finalise_record()
            _settle(app, ctrl, 0.6)
            saved.append(_save(main, out, "05-form-validation", lang))
            ed.save_draft(force=True)  # shown later on the drafts screen
            _settle(app, ctrl)
            ed.dirty = False
            main._close_editor_widget()

            main.open_editor("consent", "DEMO-001")
            sig = main.editor.view.rows["signature"].editor
            _settle(app, ctrl, 0.2)
            ph = sig.pad.height()
            sig.pad.add_stroke([(40 + i * 4, ph * 0.55 - ph * 0.25 * math.sin(i / 6.0)
                                 * math.cos(i / 17.0)) for i in range(90)])
            main.editor.scroll.ensureWidgetVisible(sig, 0, 120)
            _settle(app, ctrl, 0.4)
            saved.append(_save(main, out, "06-consent-signature", lang))
            main.editor.dirty = False
            main._close_editor_widget()

            main.quick_log()
            qv = main.editor.view
            qv.rows["contact_alias"].editor.set_value("가명 A")
            qv.rows["follow_up_needed"].editor.set_value(True)
            qv.refresh()
            qv.set_privacy(True)
            _settle(app, ctrl, 0.2)
            main.editor.scroll.ensureWidgetVisible(qv.rows["contact_phone"].container)
            _settle(app, ctrl, 0.3)
            saved.append(_save(main, out, "07-quick-log-privacy", lang))
            main.editor.save_draft(force=True)
            _settle(app, ctrl)
            main.editor.dirty = False
            main._close_editor_widget()

            # Attachments: the evidence record's photo, previewed from memory.
            from ui.image_preview import ImagePreviewDialog

            main.open_case("DEMO-001")
            _settle(app, ctrl, 0.5)
            files = main.case_view.files
            for row in range(files.model.rowCount()):
                files.table.selectRow(row)
                if files.selected() is not None and files.selected().name.endswith(".jpg"):
                    break
            files._preview_selected()
            _settle(app, ctrl, 0.3)
            previews = main.findChildren(ImagePreviewDialog)
            if previews:
                pv = previews[-1]
                pv.resize(560, 420)
                _pump(app, 0.2)
                saved.append(_save_with_dialog(main, pv, out, "08-attachment-preview", lang))
                pv.close()
            else:
                saved.append(_save(main, out, "08-attachment-preview", lang))

            for name, key in (("09-outreach", "outreach"), ("10-dashboard", "dashboard"),
                              ("11-drafts", "drafts"), ("12-settings", "settings")):
                main.show_page(key)
                _settle(app, ctrl, 0.5)
                if key == "dashboard":  # with the line the figures' export leaves
                    main.page(key).export_to(Path(tmp) / f"figures-{lang}.xlsx")
                    _settle(app, ctrl, 0.5)
                saved.append(_save(main, out, name, lang))

            pdf = Path(tmp) / f"DEMO-001-{lang}.pdf"
            main.open_case("DEMO-001")
            _settle(app, ctrl)
            dlg = main.export_case("DEMO-001")
            dlg.recipient.setText("서울중앙지방법원" if lang == "ko" else "Seoul Central District Court")
            dlg.target.setText(str(pdf))
            dlg.start_export()
            deadline = time.monotonic() + 120
            while dlg.result is None and time.monotonic() < deadline and \
                    not dlg.message.text():
                _pump(app, 0.1)
            _pump(app, 0.3)
            saved.append(_save_with_dialog(main, dlg, out, "13-export", lang))
            dlg.close()

            main.show_page("verify")
            verify = main.page("verify")
            if pdf.exists():
                verify.verify(pdf)
                _settle(app, ctrl, 0.5)
            saved.append(_save(main, out, "14-verify", lang))

            from ui.screenshots_sync import shoot_sync

            saved += shoot_sync(app, ctrl, main, out, lang, settle=_settle, save=_save,
                                save_with_dialog=_save_with_dialog, write_png=_write_png)
            from ui.screenshots_sync import shoot_workers

            saved += shoot_workers(app, ctrl, main, out, lang, settle=_settle, save=_save)

            from ui.screenshots_desk import shoot_desk, shoot_notes

            saved += shoot_notes(app, ctrl, main, out, lang, settle=_settle, save=_save)
            saved += shoot_conflicts(app, ctrl, main, out, lang)
            from ui.screenshots_exports import shoot_delivery_and_exports

            saved += shoot_delivery_and_exports(app, ctrl, main, out, lang, settle=_settle,
                                                save=_save)

            ctrl.lock("manual")
            _settle(app, ctrl)
            ctrl.shutdown()
            for w in (ctrl.unlock_window,):
                if w is not None:
                    w.close()
            _pump(app, 0.2)
            saved += shoot_desk(app, Path(tmp), out, lang, settle=_settle, pump=_pump,
                                save=_save, save_with_dialog=_save_with_dialog,
                                window=_window, passphrase=PASSPHRASE)
    return saved


# -- conflicts and merging (issue 14) ----------------------------------------------------

def _make_demo_conflict(ctrl) -> str:
    """Two edits of DEMO-001's companion session made from the same version, as two
    laptops editing offline leave it after a sync: the id of the record in conflict."""
    from desktop.records_service import RecordsService

    def op(vault):
        [rec] = vault.list_records("DEMO-001", form="companion_session")[:1]
        service = RecordsService(vault)
        base = rec.version_id
        a = {**rec.values, "place": "서울관악경찰서 2층 진술녹화실",
             "what_happened": "피해자 조사에 동석함. 조사 중 두 차례 휴식을 요청했고, 영상 캡처 사본을 "
                              "제출함.",
             "victim_state": "조사 전 긴장이 컸으나 두 번째 휴식 후 진술을 마침."}
        b = {**rec.values, "next_steps": "다음 주 법원 동행 예정. 국선변호사와 일정 확인.",
             "what_happened": "피해자 조사에 동석함. 해시값 기록을 조사관과 함께 확인함.",
             "victim_state": "조사 내내 불안해했고 귀가 후 상담 연계가 필요함."}
        service.edit(rec.id, a, base=base)
        service.edit(rec.id, b, base=base)
        return rec.id
    return ctrl.tasks.call(op)


def shoot_conflicts(app, ctrl, main, out: Path, lang: str) -> list[Path]:
    """The conflict badge in the case list, the marked record in the case view, and the
    merge screen halfway (one question answered, one open)."""
    saved = []
    rid = _make_demo_conflict(ctrl)
    _settle(app, ctrl, 0.3)
    main.show_page("cases")
    main.cases.reload()
    _settle(app, ctrl, 0.6)
    main.cases.table.clearSelection()  # the badge's colour, not the selection's
    saved.append(_save(main, out, "20-conflict-cases", lang))
    main.open_case("DEMO-001", select_record=rid)
    _settle(app, ctrl, 0.6)
    saved.append(_save(main, out, "21-conflict-case-view", lang))
    cv = main.case_view
    cv.open_merge()
    _settle(app, ctrl, 0.6)
    cv.merge_view.choose("what_happened", 1)
    _settle(app, ctrl, 0.3)
    saved.append(_save(main, out, "22-merge", lang))
    cv.merge_view.close_merge()
    _settle(app, ctrl, 0.3)
    return saved


def main(argv: list[str]) -> int:
    out = Path(argv[0] if argv else "docs/screenshots")
    for p in shoot(out):
        print(p)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
