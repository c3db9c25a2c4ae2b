"""Compile ui/translations/*.ts to .qm (run by `make setup`): `python -m ui.translations_build`.

Idempotent and fast: a .qm newer than its .ts is left alone. `--update` (for developers)
re-extracts the source strings from ui/*.py into both .ts files with lupdate; new English
entries are filled with their source text, new Korean ones stay unfinished until translated
(the test suite fails on them).
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

UI_DIR = Path(__file__).resolve().parent
TS_DIR = UI_DIR / "translations"


def _tool(name: str) -> str:
    """pyside6-lrelease/lupdate from the venv, else the binary bundled inside PySide6."""
    exe = Path(sys.executable).parent / f"pyside6-{name}"
    if exe.exists():
        return str(exe)
    import PySide6

    bundled = Path(PySide6.__file__).parent / name
    if bundled.exists():
        return str(bundled)
    found = shutil.which(f"pyside6-{name}") or shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found (PySide6 is not installed in this environment)")
    return found


def compile_all(force: bool = False) -> list[Path]:
    done = []
    for ts in sorted(TS_DIR.glob("*.ts")):
        qm = ts.with_suffix(".qm")
        if not force and qm.exists() and qm.stat().st_mtime >= ts.stat().st_mtime:
            continue
        subprocess.run([_tool("lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)
        done.append(qm)
    return done


def fill_english(ts_path: Path) -> int:
    """English is the source language: an unfinished English entry takes its source text."""
    tree = ET.parse(ts_path)
    filled = 0
    for msg in tree.iter("message"):
        tr = msg.find("translation")
        if tr is None or tr.get("type") != "unfinished":
            continue
        source = msg.findtext("source") or ""
        if msg.get("numerus") == "yes":
            for form in tr.findall("numerusform") or [ET.SubElement(tr, "numerusform")]:
                form.text = source
        else:
            tr.text = source
        del tr.attrib["type"]
        filled += 1
    if filled:
        tree.write(ts_path, encoding="utf-8", xml_declaration=True)
    return filled


def update_sources() -> None:
    TS_DIR.mkdir(exist_ok=True)
    sources = sorted(str(p) for p in UI_DIR.glob("*.py"))
    for lang in ("ko", "en"):
        ts = TS_DIR / f"{lang}.ts"
        subprocess.run([_tool("lupdate"), "-silent", "-no-obsolete", "-locations", "none",
                        "-tr-function-alias", "translate+=_tr",
                        "-source-language", "en",
                        "-target-language", lang, *sources, "-ts", str(ts)], check=True)
    fill_english(TS_DIR / "en.ts")


def main(argv: list[str]) -> int:
    if "--update" in argv:
        update_sources()
    compile_all(force="--force" in argv)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
