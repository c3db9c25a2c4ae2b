"""Translations: both .ts files complete and in step with the source code; switching the
language live changes what is on screen (Qt strings and form-data labels alike); dates in
the locale's format."""
from __future__ import annotations

import subprocess
import xml.etree.ElementTree as ET

from tests.ui.helpers import unlock, wait_idle
from ui import i18n, translations_build

TS = translations_build.TS_DIR


def _messages(path):
    tree = ET.parse(path)
    for ctx in tree.iter("context"):
        name = ctx.findtext("name")
        for msg in ctx.iter("message"):
            yield name, msg


def test_every_string_is_translated_in_both_languages():
    for lang in ("ko", "en"):
        bad = []
        for ctx, msg in _messages(TS / f"{lang}.ts"):
            tr = msg.find("translation")
            forms = tr.findall("numerusform") if msg.get("numerus") == "yes" else [tr]
            if tr.get("type") in ("unfinished", "vanished", "obsolete") or \
                    any(not (f.text or "").strip() for f in forms):
                bad.append(f"{ctx}: {msg.findtext('source')}")
        assert not bad, f"{lang}.ts has untranslated strings:\n" + "\n".join(bad)


def test_ts_files_cover_every_string_in_the_code(tmp_path):
    """Extract the source strings again: a string added in code but not in the .ts files
    (so shown untranslated) fails here."""
    fresh = tmp_path / "fresh.ts"
    sources = sorted(str(p) for p in translations_build.UI_DIR.glob("*.py"))
    subprocess.run([translations_build._tool("lupdate"), "-silent", "-locations", "none",
                    "-tr-function-alias", "translate+=_tr", *sources, "-ts", str(fresh)],
                   check=True)
    wanted = {(c, m.findtext("source")) for c, m in _messages(fresh)}
    assert len(wanted) > 200
    for lang in ("ko", "en"):
        have = {(c, m.findtext("source")) for c, m in _messages(TS / f"{lang}.ts")}
        missing = sorted(wanted - have)
        assert not missing, f"{lang}.ts lacks: {missing[:10]}"


def test_korean_differs_from_english_where_it_should():
    ko = {m.findtext("source"): m.find("translation").text for _c, m in _messages(TS / "ko.ts")}
    same = [s for s, t in ko.items() if s == t and any(ch.isalpha() for ch in s)
            and s not in ("SHA-256",)]
    assert not same, same


def test_switching_language_changes_visible_texts(make_ctrl, vault_home, qtbot):
    ctrl = make_ctrl("en")
    main = unlock(ctrl, qtbot)
    wait_idle(ctrl, qtbot)
    main.quick_log()
    ed = main.editor
    district_label = ed.view.rows["district"].label
    en = {"nav": main.nav.item(0).text(), "new": main.cases.new_case.text(),
          "finalise": ed.finalise.text(), "label": district_label.text(),
          "action": main.act_lock.text()}
    assert en["nav"] == "Cases" and en["label"].startswith("District")
    settings = main.page("settings")
    settings.language.setCurrentIndex(settings.language.findData("ko"))
    qtbot.waitUntil(lambda: main.nav.item(0).text() == "사례", timeout=5000)
    ko = {"nav": main.nav.item(0).text(), "new": main.cases.new_case.text(),
          "finalise": ed.finalise.text(), "label": district_label.text(),
          "action": main.act_lock.text()}
    for key in en:
        assert ko[key] != en[key], key
    assert ko["label"].startswith("자치구") and ko["action"] == "잠금"
    assert i18n.current() == "ko"
    # The choice stays for the next start (read before any vault is open).
    from ui.app_prefs import load_app_prefs

    assert load_app_prefs(ctrl.home)["lang"] == "ko"


def test_dates_and_numbers_follow_the_locale(make_ctrl):
    make_ctrl("ko")
    assert i18n.fmt_date("2026-03-01") == "2026년 3월 1일"  # as the record view and the PDF
    assert i18n.fmt_int(100000) == "100,000"
    i18n.install("en")
    assert i18n.fmt_date("2026-03-01") == "1 March 2026"
