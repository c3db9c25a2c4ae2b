"""The export benchmark's case: a real vault (cheap KDF) holding one court-ready case of
about 50 PDF pages — records from the forms' example/fake values put through the validated
path, a signed consent, 20 camera-like JPEGs of ~2 MB and 5 other files.

Everything is made in memory and imported from BytesIO: no evidence-like file is written
outside the vault. Content is random and clearly fake (forms' fake vocabulary)."""
from __future__ import annotations

import io
import random
from datetime import date
from pathlib import Path

PASS = "bench-export-passphrase-2026"
WORKER = "bench"
CASE = "BENCH-2026-0050"
PROFILE = "court"
N_IMAGES = 20
IMAGE_BYTES = 2_000_000
# Records besides the evidence items; tuned so the whole export is ~50 pages
# (20 image pages + cover, contents, manifest and signature page + these).
N_SESSIONS = 12
N_INCIDENTS = 3
PAGES_RANGE = (45, 56)      # the case no longer means "50 pages" outside this


def noisy_jpeg(rng: random.Random, orientation: int = 1, w: int = 3000, h: int = 2000,
               target: int = IMAGE_BYTES) -> bytes:
    """A 6 MP JPEG of ~`target` bytes: a gradient under random noise, which compresses
    about like a camera photo (a flat picture would be a few KB and prove nothing)."""
    from PIL import Image

    base = Image.linear_gradient("L").resize((w, h)).convert("RGB")
    noise = Image.frombytes("RGB", (w, h), rng.randbytes(w * h * 3))
    alpha, data = 0.22, b""
    for _ in range(6):   # a couple of steps: size is close to linear in alpha here
        img = Image.blend(base, noise, alpha)
        exif = Image.Exif()
        if orientation != 1:
            exif[0x0112] = orientation
        out = io.BytesIO()
        img.save(out, "JPEG", quality=85, exif=exif)
        data = out.getvalue()
        if abs(len(data) - target) <= target * 0.08:
            break
        alpha *= target / len(data)
    return data


def other_files(rng: random.Random) -> list[tuple[str, bytes]]:
    """Five non-image attachments of typical kinds and sizes."""
    chat = "".join(f"2026-10-{1 + i % 28:02d} 21:{i % 60:02d} 상대방: 가상 메시지 {i} "
                   f"(데모 자료 — demo material)\n" for i in range(4000)).encode()
    page = ("<html><body>" + "<p>가상 게시물 fake post %d</p>" * 9000 + "</body></html>")
    page = (page % tuple(range(9000))).encode()
    pdf = b"%PDF-1.4\n% fake scanned letter\n" + rng.randbytes(1_000_000) + b"\n%%EOF\n"
    return [
        ("chat-log.txt", chat),
        ("saved-post.html", page),
        ("police-letter.pdf", pdf),
        ("voice-message.m4a", rng.randbytes(3_000_000)),
        ("statement-draft.docx", b"PK\x03\x04" + rng.randbytes(400_000)),
    ]


def build_case(home: Path):
    """Create the vault at `home` with the benchmark case; returns the open Vault."""
    from crypto.kdf import CHEAP
    from desktop.demo import signature_png
    from desktop.records_service import put_record
    from desktop.vault import Vault
    from forms import load_registry
    from forms.examples import example, fake_values

    registry = load_registry()
    rng = random.Random(50)
    today = date.today()
    vault = Vault.create(home, WORKER, PASS, kdf=CHEAP)

    def put(form_id, values):
        return put_record(vault, registry, form_id, values, CASE)

    def fake(form_id, **kw):
        return fake_values(registry.latest(form_id), rng, today=today, **kw)

    def attach(ref, field, name, data):
        vault.import_attachment(ref.id, io.BytesIO(data), name, field=field)

    vault.ensure_case(CASE)
    put("intake", example("intake"))
    consent = put("consent", example("consent"))   # grants every recipient and purpose
    attach(consent, "signature", "consent-signature.png", signature_png())
    for _ in range(N_INCIDENTS):
        put("incident", fake("incident"))
    put("support_plan", fake("support_plan"))
    for _ in range(N_SESSIONS):
        put("companion_session", fake("companion_session"))
    for i in range(N_IMAGES):
        ev = put("evidence", fake("evidence", overrides={"kind": "image"}))
        attach(ev, "attachment", f"photo-{i + 1:02d}.jpg",
               noisy_jpeg(rng, orientation=6 if i % 5 == 4 else 1))
    for name, data in other_files(rng):
        ev = put("evidence", fake("evidence", overrides={"kind": "chat_log"}))
        attach(ev, "attachment", name, data)
    put("referral", fake("referral", refs={"consent": consent.id}))
    put("case_closure", fake("case_closure"))
    return vault


# One full export in a fresh interpreter, printing its peak RSS (VmHWM, MB). VmHWM, not
# ru_maxrss: the latter can carry the parent's peak across fork+exec.
RSS_SCRIPT = """
import sys
from desktop.export import export_case
from desktop.vault import Vault
from forms import load_registry
home, out, worker, passphrase, case, profile = sys.argv[1:7]
v = Vault.open(home, worker, passphrase)
r = export_case(v, load_registry(), case, profile, out)
v.lock()
hwm = [ln for ln in open('/proc/self/status') if ln.startswith('VmHWM')][0]
print(r.pages, int(hwm.split()[1]) // 1024)
"""
RSS_ARGS = [WORKER, PASS, CASE, PROFILE]  # after home and out
