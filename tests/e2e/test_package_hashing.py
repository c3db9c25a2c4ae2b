"""The built bundle and issue 16: numpy (PDQ) inside and working, no video decoder, no
test-only reference package. Builds dist/donghaeng like test_package_smoke (if stale)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BUNDLE = ROOT / "dist" / "donghaeng"
EXE = BUNDLE / "donghaeng"
sys.path.insert(0, str(ROOT / "packaging"))

import bundle_check  # noqa: E402  (packaging/, beside build.py)

PASS = "테스트-암호-correct horse 2026"


def test_the_check_finds_a_video_decoder(tmp_path):
    bundle = tmp_path / "bundle"
    (bundle / "_internal" / "av.libs").mkdir(parents=True)
    (bundle / "_internal" / "libQt6Core.so.6").write_bytes(b"")
    assert bundle_check.check_no_video_decoder(bundle) == []
    for name in ("libavcodec-8ab3c2.so.61.19.100", "libx264.so.164", "ffmpeg"):
        (bundle / "_internal" / "av.libs" / name).write_bytes(b"")
    found = bundle_check.check_no_video_decoder(bundle)
    assert len(found) == 3 and all("add-on" in p for p in found)


@pytest.fixture(scope="module")
def exe() -> Path:
    proc = subprocess.run([sys.executable, str(ROOT / "packaging" / "build.py"), "--if-stale",
                           "--skip-archive"], cwd=ROOT, capture_output=True, text=True,
                          timeout=1500)
    assert proc.returncode == 0, f"build failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-5000:]}"
    return EXE


def test_bundle_has_numpy_and_no_decoder_or_reference(exe):
    names = {p.name for p in BUNDLE.rglob("*")}
    assert bundle_check.check_no_video_decoder(BUNDLE) == []
    assert "numpy" in names
    assert not any(n.startswith(("pdqhash", "vpdq", "av.libs")) for n in names)


def test_frozen_app_hashes_an_image_at_import(exe, tmp_path):
    from PIL import Image

    from crypto.pdq import pdq_hash
    from tests.unit.crypto.pdq_images import photo

    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "LANG": "C.UTF-8",
           "TMPDIR": str(tmp_path), "DONGHAENG_HOME": str(tmp_path / "h"),
           "DONGHAENG_PASSPHRASE": PASS, "QT_QPA_PLATFORM": "offscreen"}

    def run(*args):
        proc = subprocess.run([str(exe), *map(str, args)], env=env, capture_output=True,
                              text=True, timeout=120, cwd=tmp_path)
        assert proc.returncode == 0, proc.stderr
        return proc.stdout

    (tmp_path / "h").mkdir(mode=0o700)
    run("vault", "create", "--worker", "w")
    values = json.loads(run("forms", "example", "evidence", "--json"))
    (tmp_path / "e.json").write_text(json.dumps(values, ensure_ascii=False), encoding="utf-8")
    rid = run("record", "put", "--form", "evidence", "--case", "C-1", tmp_path / "e.json").strip()
    pixels = photo(9, 640, 480)
    Image.fromarray(pixels).save(tmp_path / "p.png")
    run("attach", "--record", rid, "--hash-only", tmp_path / "p.png")
    [att] = json.loads(run("record", "show", rid, "--json"))["attachments"]
    assert att["hash_only"] is True and att["pdq"] == pdq_hash(pixels).hex
    assert not list((tmp_path / "h").rglob("*.dhae"))
    assert os.access(exe, os.X_OK)
