"""`donghaeng match` (issue 16, "Matching, offline"): a re-encoded (JPEG q70), resized (50 %),
slightly cropped (<= 1 %) and mirrored copy of an evidence image match it; an unrelated image
does not; a byte-identical copy is marked exact; --all looks in every case; a video without
the add-on is skipped with a line; nothing from the folder enters the vault."""
from __future__ import annotations

import io
import json
import os

import numpy as np
import pytest
from PIL import Image

from tests.e2e.cli_helpers import assert_clean_failure, run_cli
from tests.unit.crypto.pdq_images import jpeg_bytes, photo

PASS = "테스트-암호-correct horse 2026"
WORKER = "김동행"
NO_ADDON = {"DONGHAENG_VIDEO_DECODER": "/nonexistent/ffmpeg"}


@pytest.fixture
def vault_home(home):
    from crypto.kdf import CHEAP
    from desktop.vault import Vault

    Vault.create(home, WORKER, PASS, kdf=CHEAP).lock()
    return home


def _evidence(home, tmp_path, case: str, image: bytes, name: str) -> tuple[str, str]:
    r = run_cli("forms", "example", "evidence", "--json")
    assert r.code == 0, r.err
    f = tmp_path / f"{case}.json"
    f.write_text(json.dumps(dict(json.loads(r.out), kind="image"), ensure_ascii=False),
                 encoding="utf-8")
    r = run_cli("record", "put", "--form", "evidence", "--case", case, f, home=home,
                passphrase=PASS)
    assert r.code == 0, r.err
    rid = r.out.strip()
    src = tmp_path / name
    src.write_bytes(image)
    r = run_cli("attach", "--record", rid, "--field", "attachment", src, home=home,
                passphrase=PASS)
    assert r.code == 0, r.err
    r = run_cli("record", "show", rid, "--json", home=home, passphrase=PASS)
    att = json.loads(r.out)["attachments"][0]
    assert att.get("pdq"), "the import did not record a PDQ"
    return rid, att["id"]


def _jpeg(img: Image.Image, quality: int = 90) -> bytes:
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=quality)
    return buf.getvalue()


def test_match_finds_altered_copies_and_rejects_unrelated(vault_home, tmp_path):
    original = jpeg_bytes(photo(3, 1920, 1080))
    rid, aid = _evidence(vault_home, tmp_path, "C-0001", original, "victim.jpg")
    other = jpeg_bytes(photo(8, 1280, 960))
    rid2, aid2 = _evidence(vault_home, tmp_path, "C-0002", other, "other.jpg")
    img = Image.open(io.BytesIO(original)).convert("RGB")
    w, h = img.size
    found = tmp_path / "found"
    (found / "sub").mkdir(parents=True)
    (found / "reencoded.jpg").write_bytes(_jpeg(img, 70))
    (found / "resized.jpg").write_bytes(_jpeg(img.resize((w // 2, h // 2))))
    dx, dy = w // 200, h // 200   # 0.5 % off each side: <= 1 % of each dimension
    (found / "cropped.png").write_bytes(b"")
    img.crop((dx, dy, w - dx, h - dy)).save(found / "cropped.png")
    (found / "sub" / "mirrored.jpg").write_bytes(
        _jpeg(Image.fromarray(np.ascontiguousarray(np.asarray(img)[:, ::-1]))))
    (found / "exact.jpg").write_bytes(original)
    (found / "unrelated.jpg").write_bytes(jpeg_bytes(photo(77, 1600, 900)))
    (found / "notes.txt").write_text("nothing to see", encoding="utf-8")
    (found / "clip.mp4").write_bytes(b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 64)

    before = run_cli("record", "show", rid, "--json", home=vault_home, passphrase=PASS).out
    r = run_cli("match", "--case", "C-0001", found, "--json", home=vault_home,
                passphrase=PASS, env=NO_ADDON)
    assert r.code == 0, r.err
    out = json.loads(r.out)   # stdout holds only the list
    by_file = {e["file"]: e["matches"] for e in out}
    assert sorted(by_file) == ["clip.mp4", "cropped.png", "exact.jpg", "notes.txt",
                               "reencoded.jpg", "resized.jpg", "sub/mirrored.jpg",
                               "unrelated.jpg"]
    for name in ("reencoded.jpg", "resized.jpg", "cropped.png", "sub/mirrored.jpg",
                 "exact.jpg"):
        ms = by_file[name]
        assert len(ms) == 1, (name, ms)
        m = ms[0]
        assert (m["case"], m["record"], m["attachment"]) == ("C-0001", rid, aid), name
        assert 0 <= m["distance"] <= 31 and m["exact"] is (name == "exact.jpg"), (name, m)
        assert set(m) == {"case", "record", "attachment", "distance", "exact"}
    assert by_file["exact.jpg"][0]["distance"] == 0
    assert by_file["unrelated.jpg"] == [] and by_file["notes.txt"] == []
    assert by_file["clip.mp4"] == []
    assert "clip.mp4: video skipped: add-on not installed" in \
        run_cli("--lang", "en", "match", "--case", "C-0001", found, home=vault_home,
                passphrase=PASS, env=NO_ADDON).err
    assert "8/8" in r.err   # progress on stderr

    # --all: the other case's item is looked for too; --case C-0001 did not see it
    (found / "other.jpg").write_bytes(other)
    r = run_cli("match", "--all", found, "--json", home=vault_home, passphrase=PASS,
                env=NO_ADDON)
    assert r.code == 0, r.err
    by_file = {e["file"]: e["matches"] for e in json.loads(r.out)}
    assert [(m["case"], m["record"], m["attachment"], m["exact"])
            for m in by_file["other.jpg"]] == [("C-0002", rid2, aid2, True)]
    assert by_file["exact.jpg"][0]["attachment"] == aid
    # nothing from the folder entered the vault
    after = run_cli("record", "show", rid, "--json", home=vault_home, passphrase=PASS).out
    assert json.loads(after)["attachments"] == json.loads(before)["attachments"]


def test_match_refuses_bad_input(vault_home, tmp_path):
    folder = tmp_path / "f"
    folder.mkdir()
    locked = folder / "locked.jpg"
    locked.write_bytes(b"\xff\xd8\xff")
    locked.chmod(0)
    (folder / "ok.txt").write_text("x", encoding="utf-8")
    r = run_cli("--lang", "en", "match", "--all", folder, "--json",
                home=vault_home, passphrase=PASS)
    if os.access(locked, os.R_OK):  # root reads it anyway: nothing to test here
        assert r.code == 0, r.err
    else:
        assert r.code == 0, r.err
        assert [e["file"] for e in json.loads(r.out)] == ["ok.txt"]
        assert "locked.jpg: cannot be read, skipped" in r.err
    locked.chmod(0o600)
    assert_clean_failure(run_cli("match", "--case", "C-9999", folder, home=vault_home,
                                 passphrase=PASS))
    assert_clean_failure(run_cli("match", folder, home=vault_home, passphrase=PASS))
    assert_clean_failure(run_cli("match", "--all", tmp_path / "missing", home=vault_home,
                                 passphrase=PASS))
