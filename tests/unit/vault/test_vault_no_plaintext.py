"""No plaintext anywhere: a scripted use with canary strings, then every file that could
hold a copy is scanned. And the core works with PySide6 blocked."""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from vault_kit import canary_forms, files_containing

ROOT = Path(__file__).resolve().parents[3]
CANARIES = ["CANARY-DH-8c1f2e77", "카나리아피해자진술", "010-7357-1942"]

SCRIPT = textwrap.dedent("""
    import io, logging, sys, tempfile, warnings
    sys.path.insert(0, ROOT)
    logging.basicConfig(level=logging.DEBUG, filename=LOGFILE)
    warnings.simplefilter("always")
    from crypto.kdf import CHEAP
    from desktop.vault import Vault
    c1, c2, c3 = CANARIES
    v = Vault.create(HOME, "카나리아 작업자", "pw-canary", kdf=CHEAP)
    r = v.put_record("intake", 1, {"name": c2, "story": f"{c1} 진술 {c2}는", "phone": c3},
                     case_code="CAN-1")
    v.update_record(r.id, {"name": c2, "story": f"{c1} 수정본", "phone": c3})
    v.put_record("outreach_contact", 1, {"note": c1})
    att = v.import_attachment(r.id, io.BytesIO((c1 + c2).encode() * 5000), "증거.txt")
    assert b"".join(v.read_attachment(att.id)).startswith((c1 + c2).encode())
    assert v.search("카나리아") and v.search(c1) and v.search("피해자")
    v.save_draft("d", {"memo": c2 + c1}, case_code="CAN-1")
    v.set_meta("ui.note", c1.encode())
    v.get_record(r.id)
    v.list_records()
    v.backup(BACKUP)
    v.change_passphrase("pw-canary", "pw-canary-2")
    assert v.check() == [] and v.verify_audit() == []
    v.delete_record(r.id, "test")
    v.lock()
    w = Vault.open(HOME, "카나리아 작업자", "pw-canary-2")
    w.search(c2)
    w.lock()
    print("scripted use done")
""")


def test_no_canary_in_any_file_or_log(tmp_path):
    dirs = {name: tmp_path / name for name in
            ("home", "tmp", "userhome", "xdg-cache", "xdg-data", "xdg-config", "xdg-state",
             "logs", "out")}
    for d in dirs.values():
        d.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("DONGHAENG_")}
    env.update(HOME=str(dirs["userhome"]), TMPDIR=str(dirs["tmp"]),
               XDG_CACHE_HOME=str(dirs["xdg-cache"]), XDG_DATA_HOME=str(dirs["xdg-data"]),
               XDG_CONFIG_HOME=str(dirs["xdg-config"]), XDG_STATE_HOME=str(dirs["xdg-state"]),
               PYTHONDONTWRITEBYTECODE="1")
    head = (f"ROOT = {str(ROOT)!r}\nHOME = {str(dirs['home'])!r}\n"
            f"LOGFILE = {str(dirs['logs'] / 'debug.log')!r}\n"
            f"BACKUP = {str(dirs['out'] / 'backup.dhb')!r}\nCANARIES = {CANARIES!r}\n")
    r = subprocess.run([sys.executable, "-c", head + SCRIPT], capture_output=True, env=env,
                       timeout=120)
    assert r.returncode == 0, r.stderr.decode()
    assert b"scripted use done" in r.stdout
    (dirs["logs"] / "stdout.txt").write_bytes(r.stdout)
    (dirs["logs"] / "stderr.txt").write_bytes(r.stderr)
    needles = [form for c in CANARIES for form in canary_forms(c)]

    # The scanner itself finds a planted canary, so a clean result means something.
    planted = dirs["tmp"] / "planted"
    planted.write_bytes(b"..." + CANARIES[1].encode("utf-16-le") + b"...")
    assert files_containing([dirs["tmp"]], needles)
    planted.unlink()

    assert any(dirs["home"].rglob("*.dhae")) and (dirs["out"] / "backup.dhb").exists()
    roots = list(dirs.values()) + [Path(os.environ.get("TMPDIR", "/nonexistent"))]
    assert files_containing(roots, needles) == []


def test_core_imports_and_works_with_pyside6_blocked(tmp_path):
    script = textwrap.dedent(f"""
        import io, sys
        sys.modules["PySide6"] = None
        sys.path.insert(0, {str(ROOT)!r})
        import crypto.secret, crypto.kdf, crypto.keyslots, crypto.stream, crypto.hashing
        import desktop.vault
        from desktop.vault import Vault
        from crypto.kdf import CHEAP
        v = Vault.create({str(tmp_path / 'h')!r}, "작업자", "pw", kdf=CHEAP)
        r = v.put_record("intake", 1, {{"a": "b"}}, case_code="C-1")
        v.import_attachment(r.id, io.BytesIO(b"x"), "x.txt")
        assert v.search("b") and v.check() == []
        v.lock()
        loaded = [m for m in sys.modules if m.startswith(("PySide6", "shiboken"))]
        assert loaded == ["PySide6"] and sys.modules["PySide6"] is None, loaded
        print("ok")
    """)
    r = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                       timeout=120)
    assert r.returncode == 0 and r.stdout.strip() == "ok", r.stderr
