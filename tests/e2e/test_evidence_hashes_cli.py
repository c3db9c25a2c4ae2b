"""Issue 16 on the command line: PDQ at import (`attach`, `record show --json`), hash-only
evidence (`attach --hash-only --note`) leaving no byte of the image anywhere, and `vault
check` not looking for hash-only bytes."""
from __future__ import annotations

import hashlib
import io
import json
import os
from pathlib import Path

import numpy as np
import pdqhash
import pytest
from PIL import Image

from crypto.pdq import hamming, pdq_hash
from tests.e2e.cli_helpers import assert_clean_failure, run_cli
from tests.unit.crypto.pdq_images import jpeg_bytes, photo, screenshot

PASS = "테스트-암호-correct horse 2026"
WORKER = "김동행"


@pytest.fixture
def vault_home(home):
    from crypto.kdf import CHEAP
    from desktop.vault import Vault

    Vault.create(home, WORKER, PASS, kdf=CHEAP).lock()
    return home


def _evidence(home, tmp_path, kind="image") -> str:
    r = run_cli("forms", "example", "evidence", "--json")  # whatever the latest version
    assert r.code == 0, r.err
    values = dict(json.loads(r.out), kind=kind)
    f = tmp_path / "evidence.json"
    f.write_text(json.dumps(values, ensure_ascii=False), encoding="utf-8")
    r = run_cli("record", "put", "--form", "evidence", "--case", "C-0001", f, home=home,
                passphrase=PASS)
    assert r.code == 0, r.err
    return r.out.strip()


def _show(home, rid) -> dict:
    r = run_cli("record", "show", rid, "--json", home=home, passphrase=PASS)
    assert r.code == 0, r.err
    return json.loads(r.out)


def _ref_hex(data: bytes) -> str:
    pixels = np.asarray(Image.open(io.BytesIO(data)).convert("RGB"))
    return np.packbits(pdqhash.compute(pixels)[0].astype(np.uint8)).tobytes().hex()


def test_attach_records_pdq_of_images_only(vault_home, tmp_path):
    rid = _evidence(vault_home, tmp_path)
    jpg = tmp_path / "photo.jpg"
    jpg.write_bytes(jpeg_bytes(photo(3, 1920, 1080)))
    png = tmp_path / "screen.png"
    Image.fromarray(screenshot(4, 390, 844)).save(png)
    txt = tmp_path / "chat.txt"
    txt.write_bytes("대화 기록".encode() * 100)
    for f in (jpg, png, txt):
        r = run_cli("attach", "--record", rid, "--field", "attachment", f, home=vault_home,
                    passphrase=PASS)
        assert r.code == 0, r.err
        assert r.out.strip() == hashlib.sha256(f.read_bytes()).hexdigest()
    by_name = {a["name"]: a for a in _show(vault_home, rid)["attachments"]}
    j, p, t = by_name["photo.jpg"], by_name["screen.png"], by_name["chat.txt"]
    assert j["media_type"] == "image/jpeg" and p["media_type"] == "image/png"
    for a in (j, p):
        assert len(a["pdq"]) == 64 and a["pdq"] == a["pdq"].lower()
        assert 0 <= a["pdq_quality"] <= 100 and a["hash_only"] is False
    # the PNG is decoded whole: bit-identical to the reference; the JPEG reduced: close
    assert p["pdq"] == _ref_hex(png.read_bytes())
    assert hamming(j["pdq"], _ref_hex(jpg.read_bytes())) <= 8
    assert "pdq" not in t and t["hash_only"] is False and t["media_type"] is None


def _canary_png(path: Path) -> bytes:
    """An image whose bytes are unlike anything else: noise plus a text chunk."""
    from PIL import PngImagePlugin

    rng = np.random.default_rng(1616)
    pixels = rng.integers(0, 256, (300, 400, 3), dtype=np.uint8)
    pixels[100:200, 100:300] = (250, 20, 20)
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "CANARY-E1-hash-only-" + "7" * 40)
    Image.fromarray(pixels).save(path, pnginfo=info)
    return path.read_bytes()


def _windows(data: bytes, width: int = 48) -> list[bytes]:
    """Samples of the canary's bytes all through it (the header and the text chunk too)."""
    step = max(1, (len(data) - width) // 200)
    return [data[i:i + width] for i in range(0, len(data) - width, step)]


def test_hash_only_leaves_no_byte_of_the_image(vault_home, tmp_path):
    rid = _evidence(vault_home, tmp_path)
    outside = tmp_path / "outside"
    outside.mkdir()
    src = outside / "canary.png"
    data = _canary_png(src)
    pixels = np.asarray(Image.open(src).convert("RGB"))
    r = run_cli("attach", "--record", rid, "--hash-only", "--note", "피해자 휴대전화에서 확인 후 삭제",
                src, home=vault_home, passphrase=PASS)
    assert r.code == 0, r.err
    assert r.out.strip() == hashlib.sha256(data).hexdigest()
    [att] = _show(vault_home, rid)["attachments"]
    assert att["hash_only"] is True and att["note"] == "피해자 휴대전화에서 확인 후 삭제"
    assert att["size"] == len(data) and att["md5"] == hashlib.md5(data).hexdigest()
    assert att["pdq"] == pdq_hash(pixels).hex == _ref_hex(data)
    assert att["media_type"] == "image/png" and att["file_mtime"]
    assert run_cli("vault", "check", home=vault_home, passphrase=PASS).code == 0

    samples = _windows(data) + [b"CANARY-E1-hash-only", pixels[150, 100:300].tobytes()]
    # every file of the home as it lies on disk
    for path in vault_home.rglob("*"):
        if path.is_file():
            raw = path.read_bytes()
            assert not any(s in raw for s in samples), path
    assert not list(vault_home.rglob("*.dhae")), "a hash-only import wrote a file"
    # and the vault's plaintext through the API: the database and every attachment
    from desktop.vault import Vault
    from desktop.vault.attachments import HashOnly

    v = Vault.open(vault_home, WORKER, PASS)
    try:
        dump = _plaintext_dump(v._conn)
        assert not any(s in dump for s in samples)
        assert b"CANARY" not in dump
        for a in v.list_attachments(include_removed=True):
            with pytest.raises(HashOnly):
                b"".join(v.read_attachment(a.id))
        assert not v.check()
    finally:
        v.lock()


def _plaintext_dump(conn) -> bytes:
    """Every value of every table of the (decrypted) vault database."""
    out = bytearray()
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    for table in tables:
        for row in conn.execute(f'SELECT * FROM "{table}"'):
            for value in row:
                if isinstance(value, bytes):
                    out += value
                elif value is not None:
                    out += str(value).encode("utf-8", "surrogateescape")
                out += b"\x00"
    return bytes(out)


def test_note_needs_hash_only(vault_home, tmp_path):
    rid = _evidence(vault_home, tmp_path)
    f = tmp_path / "x.png"
    Image.new("RGB", (32, 32)).save(f)
    r = run_cli("attach", "--record", rid, "--note", "메모", f, home=vault_home,
                passphrase=PASS)
    assert_clean_failure(r)
    assert not [p for p in vault_home.rglob("*.dhae")]


def test_reduced_decode_stays_within_8_bits_of_full_resolution(tmp_path):
    """The import's reduced JPEG decode (the Y channel only; draft mode too for those with
    both sides >= 2048), on photos and screenshots of phone, camera and usual sizes."""
    from desktop.evidence_hashes import decode_luma, image_pdq

    cases = [photo(i, w, h) for i, (w, h) in enumerate(
        [(4032, 3024), (3000, 2000), (2160, 3840), (1920, 1080), (1080, 1920)])]
    cases += [screenshot(20 + i, w, h) for i, (w, h) in enumerate(
        [(2160, 3840), (3840, 2160), (2048, 2732), (2048, 2048), (1080, 1920), (1284, 2778)])]
    worst, reduced_count = 0, 0
    for pixels in cases:
        data = jpeg_bytes(pixels)
        decoded = decode_luma(io.BytesIO(data))
        assert decoded is not None
        reduced_count += decoded[0].shape != pixels.shape[:2]
        reduced = image_pdq(io.BytesIO(data))
        assert reduced is not None
        worst = max(worst, hamming(reduced.hex, _ref_hex(data)))
    assert reduced_count >= 6  # the big ones were decoded reduced
    assert worst <= 8, worst


def test_video_without_the_add_on_keeps_sha256_only(vault_home, tmp_path):
    rid = _evidence(vault_home, tmp_path, kind="video")
    f = tmp_path / "clip.mp4"
    f.write_bytes(b"\x00\x00\x00\x18ftypmp42" + os.urandom(5000))
    r = run_cli("attach", "--record", rid, f, home=vault_home, passphrase=PASS,
                env={"DONGHAENG_VIDEO_DECODER": str(tmp_path / "not-installed")})
    assert r.code == 0, r.err
    [att] = _show(vault_home, rid)["attachments"]
    assert att["media_type"] == "video/mp4" and att["vpdq_frames"] is None
    assert "pdq" not in att


def test_video_with_the_add_on_gets_one_frame_hash_per_second(vault_home, tmp_path):
    """ffmpeg installed (packaging/setup-debian.sh): vPDQ frames, also for hash-only; each
    frame's hash is the reference PDQ of that frame."""
    import shutil
    import subprocess

    exe = shutil.which("ffmpeg")
    assert exe, "ffmpeg (the video add-on) is installed by packaging/setup-debian.sh"
    clip = tmp_path / "clip.mp4"
    subprocess.run([exe, "-v", "error", "-f", "lavfi", "-i",
                    "testsrc2=size=320x240:rate=25:duration=3", "-c:v", "libx264",
                    "-pix_fmt", "yuv420p", "-y", str(clip)], check=True)
    rid = _evidence(vault_home, tmp_path, kind="video")
    for extra in ((), ("--hash-only",)):
        r = run_cli("attach", "--record", rid, *extra, clip, home=vault_home, passphrase=PASS)
        assert r.code == 0, r.err
    atts = _show(vault_home, rid)["attachments"]
    assert [a["hash_only"] for a in atts] == [False, True]
    assert all(a["vpdq_frames"] == 3 and a["media_type"] == "video/mp4" for a in atts)
    from desktop.vault import Vault

    with Vault.open(vault_home, WORKER, PASS) as v:
        frames = v.get_attachment(atts[1]["id"]).vpdq
    assert [f[0] for f in frames] == [0.0, 1.0, 2.0]
    first = tmp_path / "f0.png"
    subprocess.run([exe, "-v", "error", "-i", str(clip), "-vf", "fps=1", "-frames:v", "1",
                    "-y", str(first)], check=True)
    assert frames[0][1] == _ref_hex(first.read_bytes())
    assert not list(vault_home.rglob("*.dhae"))[1:]  # one file: the kept copy only
