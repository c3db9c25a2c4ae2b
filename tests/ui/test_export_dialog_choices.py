"""Issue 12, the export dialog: the court profile's contact details are included only with
a written reason; a timestamp service that does not answer makes the dialog ask (never a
silent export without timestamp)."""
from __future__ import annotations

import subprocess
from types import SimpleNamespace

import pytest

from crypto.kdf import CHEAP
from ui import dialogs

PASS = "demo-pass-for-tests-1"


@pytest.fixture(scope="module")
def demo_home(tmp_path_factory):
    from desktop.demo import build_demo

    home = tmp_path_factory.mktemp("dlg") / "home"
    build_demo(home, PASS, kdf=CHEAP)
    return home


@pytest.fixture
def vault(demo_home):
    from desktop.vault import Vault

    v = Vault.open(demo_home, "demo", PASS)
    yield v
    v.set_meta("export.tsa_url", b"")
    v.lock()


def _dialog(qtbot, vault, target):
    from forms import load_registry
    from ui.app import make_application
    from ui.export_dialog import ExportDialog

    make_application()

    def submit(op, ok=None, err=None, **_kw):   # synchronous stand-in for the worker
        try:
            result = op(vault)
        except Exception as exc:
            err(exc)
        else:
            ok(result)

    session = SimpleNamespace(registry=load_registry(), submit=submit)
    dlg = ExportDialog(session, "DEMO-001")
    qtbot.addWidget(dlg)
    dlg.profile.setCurrentIndex(dlg.profile.findData("court"))
    dlg.target.setText(str(target))
    return dlg


def _text(path):
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True,
                          text=True, timeout=60).stdout


def test_contacts_need_a_reason_and_then_are_included(qtbot, vault, tmp_path):
    out = tmp_path / "c.pdf"
    dlg = _dialog(qtbot, vault, out)
    dlg.show()
    assert dlg.contacts.isVisible() and not dlg.contacts_reason.isVisible()
    dlg.contacts.setChecked(True)
    assert dlg.contacts_reason.isVisible()
    dlg.start_export()
    assert not out.exists() and "reason" in dlg.message.text()
    dlg.contacts_reason.setText("재판부 요청")
    dlg.start_export()
    assert out.exists(), dlg.message.text()
    assert "010-0000-0000" in _text(out)
    assert "time claimed by the laptop" in dlg.message.text()
    dlg.profile.setCurrentIndex(dlg.profile.findData("police"))
    assert not dlg.contacts.isVisible()


def test_unanswering_timestamp_service_asks_before_exporting_without(qtbot, vault,
                                                                      tmp_path):
    vault.set_meta("export.tsa_url", b"http://127.0.0.1:9/tsa")
    out = tmp_path / "t.pdf"
    dlg = _dialog(qtbot, vault, out)
    dialogs.set_next_answer(False)
    dlg.start_export()
    assert not out.exists()
    assert dialogs.history[-1][0] == "confirm" and "127.0.0.1:9" in dialogs.history[-1][2]
    assert "did not answer" in dlg.message.text() or "응답" in dlg.message.text()
    dialogs.set_next_answer(True)
    dlg.start_export()
    assert out.exists() and dlg.result.level == "B-B"
    assert "노트북 시계" in _text(out).split("\f")[0] or \
        "time claimed by the laptop" in _text(out).split("\f")[0]
