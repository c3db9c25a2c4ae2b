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


def _save(widget, out: Path, name: str, lang: str) -> Path:
    path = out / f"{name}-{lang}.png"
    widget.grab().save(str(path))
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
        home = Path(tmp) / "home"
        build_demo(home, PASSPHRASE, kdf=CHEAP)
        for lang in ("ko", "en"):
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
            ed.dirty = False
            main._close_editor_widget()

            main.open_editor("consent", "DEMO-001")
            sig = main.editor.view.rows["signature"].editor
            sig.pad.resize(480, 150)
            sig.pad.add_stroke([(40 + i * 4, 95 - 30 * math.sin(i / 6.0) * math.cos(i / 17.0))
                                for i in range(90)])
            main.editor.scroll.ensureWidgetVisible(sig)
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
            main.editor.dirty = False
            main._close_editor_widget()

            for name, key in (("08-outreach", "outreach"), ("09-dashboard", "dashboard"),
                              ("10-drafts", "drafts"), ("11-settings", "settings")):
                main.show_page(key)
                _settle(app, ctrl, 0.5)
                saved.append(_save(main, out, name, lang))

            pdf = Path(tmp) / f"DEMO-001-{lang}.pdf"
            main.open_case("DEMO-001")
            _settle(app, ctrl)
            dlg = main.export_case("DEMO-001")
            dlg.target.setText(str(pdf))
            dlg.start_export()
            deadline = time.monotonic() + 120
            while dlg.result is None and time.monotonic() < deadline and \
                    not dlg.message.text():
                _pump(app, 0.1)
            _pump(app, 0.3)
            saved.append(_save(dlg, out, "12-export", lang))
            dlg.close()

            main.show_page("verify")
            verify = main.page("verify")
            if pdf.exists():
                verify.verify(pdf)
                _settle(app, ctrl, 0.5)
            saved.append(_save(main, out, "13-verify", lang))

            ctrl.lock("manual")
            _settle(app, ctrl)
            ctrl.shutdown()
            for w in (ctrl.unlock_window,):
                if w is not None:
                    w.close()
            _pump(app, 0.2)
    return saved


def main(argv: list[str]) -> int:
    out = Path(argv[0] if argv else "docs/screenshots")
    for p in shoot(out):
        print(p)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
