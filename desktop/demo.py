"""`donghaeng demo`: a demo home for trying the app and for the export profiles' tests.

Worker `demo`, 20+ cases over every form, all content clearly fake (가명, 010-0000-xxxx),
built through the same validated path as real records. `DEMO-001` is complete: a consent
signed for every recipient, companion sessions, evidence with an image and a non-image
attachment, a referral — so every export profile succeeds on it.
"""
from __future__ import annotations

import io
import random
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.errors import UserError

if TYPE_CHECKING:
    from desktop.records_service import RecordsService, Saved

DEMO_WORKER = "demo"
DEFAULT_PASSPHRASE = "demo-donghaeng-2026"
CASE_COUNT = 22
SEED = 20261125


@dataclass
class DemoSummary:
    home: Path
    cases: int
    records: int
    attachments: int

    def describe(self, lang: str) -> str:
        if lang == "en":
            return (f"demo home {self.home}: worker '{DEMO_WORKER}', {self.cases} cases, "
                    f"{self.records} records, {self.attachments} attachments")
        return (f"데모 홈 {self.home}: 작업자 '{DEMO_WORKER}', 사례 {self.cases}건, "
                f"기록 {self.records}건, 첨부 {self.attachments}건")


def signature_png(name: str = "김가명") -> bytes:
    """A drawn-looking signature, made in memory."""
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (480, 160), "white")
    d = ImageDraw.Draw(img)
    rng = random.Random(name)
    x, y = 30, 100
    points = [(x, y)]
    for _ in range(24):
        x += rng.randint(10, 22)
        y = max(30, min(140, y + rng.randint(-35, 35)))
        points.append((x, y))
    d.line(points, fill=(20, 30, 90), width=4, joint="curve")
    buf = io.BytesIO()
    img.save(buf, "PNG")
    return buf.getvalue()


def evidence_jpeg() -> bytes:
    """A fake 'screenshot' of a chat, clearly marked as demo material."""
    from PIL import Image, ImageDraw, ImageFont

    img = Image.new("RGB", (900, 1400), (236, 240, 245))
    d = ImageDraw.Draw(img)
    font: ImageFont.FreeTypeFont | ImageFont.ImageFont
    small: ImageFont.FreeTypeFont | ImageFont.ImageFont
    try:
        from desktop.export.fonts import font_path

        font = ImageFont.truetype(str(font_path()), 36)
        small = ImageFont.truetype(str(font_path()), 28)
    except Exception:  # no Korean font: the demo still works, the text is Latin-only
        font = small = ImageFont.load_default()
    d.rectangle((0, 0, 900, 110), fill=(60, 70, 90))
    d.text((30, 35), "DEMO — 가상 증거 화면 (실제 아님)", font=font, fill="white")
    lines = ["상대방: 사진 지우고 싶으면 연락해", "나: 그만하세요", "상대방: 안 그러면 올린다",
             "(가상 대화 — 데모 자료)"]
    top = 180
    for i, text in enumerate(lines):
        left = 40 if i % 2 == 0 else 300
        d.rounded_rectangle((left, top, left + 560, top + 90), 20,
                            fill=(255, 255, 255) if i % 2 == 0 else (255, 236, 150))
        d.text((left + 24, top + 28), text, font=small, fill=(20, 20, 20))
        top += 140
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=85)
    return buf.getvalue()


CHAT_LOG = ("[데모 자료 — 실제 대화 아님]\n2026-10-02 21:14 상대방: 사진 가지고 있다\n"
            "2026-10-02 21:15 피해자: 지워 주세요\n2026-10-02 21:20 상대방: 돈 보내면 지운다\n")


def _attach_bytes(service: RecordsService, record_id: str, field: str | None, name: str,
                  data: bytes) -> Saved:
    """Through the records service, like every other change to a record."""
    from desktop.vault import NewFile

    return service.attach(record_id, NewFile(io.BytesIO(data), name, field))


def build_demo(home: Path, passphrase: str, kdf=None) -> DemoSummary:
    from desktop.records_service import RecordsService, put_record
    from desktop.vault import Vault
    from forms import load_registry
    from forms.examples import example, fake_values

    home = Path(home)
    if home.exists() and DEMO_WORKER in Vault.list_workers(home):
        raise UserError(f"데모 금고가 이미 있습니다: {home}", f"the demo vault already exists: {home}")
    registry = load_registry()
    vault = Vault.create(home, DEMO_WORKER, passphrase, kdf=kdf)
    service = RecordsService(vault, registry)
    rng = random.Random(SEED)
    counts = {"records": 0, "attachments": 0}

    def put(form_id, values, case):
        counts["records"] += 1
        return put_record(vault, registry, form_id, values, case)

    def attach(rec, field, name, data):
        counts["attachments"] += 1
        return _attach_bytes(service, rec.id, field, name, data)

    try:
        _complete_case(vault, registry, put, attach, example)
        today = date.today()
        for n in range(2, CASE_COUNT + 1):
            code = f"DEMO-{n:03d}"
            vault.ensure_case(code)
            for form_id in ("intake", "incident", "support_plan"):
                put(form_id, fake_values(registry.latest(form_id), rng, today=today), code)
            consent = put("consent", fake_values(registry.latest("consent"), rng, today=today),
                          code)
            attach(consent, "signature", "signature.png", signature_png(code))
            for _ in range(rng.randint(0, 3)):
                put("companion_session",
                    fake_values(registry.latest("companion_session"), rng, today=today), code)
            if rng.random() < 0.5:
                put("evidence", fake_values(registry.latest("evidence"), rng, today=today), code)
            if n % 5 == 0:
                put("case_closure", fake_values(registry.latest("case_closure"), rng,
                                                today=today), code)
                vault.set_case_status(code, "closed")
        for _ in range(12):
            put("outreach_contact", fake_values(registry.latest("outreach_contact"), rng,
                                                today=today), None)
        for _ in range(4):
            put("prevention_class", fake_values(registry.latest("prevention_class"), rng,
                                                today=today), None)
        cases = len(vault.list_cases())
    finally:
        vault.lock()
    return DemoSummary(home, cases, counts["records"], counts["attachments"])


def _complete_case(vault, registry, put, attach, example) -> None:
    code = "DEMO-001"
    vault.ensure_case(code)
    put("intake", example("intake"), code)
    consent = put("consent", example("consent"), code)
    attach(consent, "signature", "consent-signature.png", signature_png())
    put("incident", example("incident"), code)
    put("support_plan", example("support_plan"), code)
    session = example("companion_session")
    for days_ago, place_type in ((21, "police"), (9, "hospital"), (2, "court")):
        values = dict(session)
        values["date"] = (date.today() - timedelta(days=days_ago)).isoformat()
        if "place_type" in values:
            values["place_type"] = place_type
        put("companion_session", values, code)
    evidence = put("evidence", example("evidence"), code)
    attach(evidence, "attachment", "chat-screenshot.jpg", evidence_jpeg())
    attach(evidence, "attachment", "chat-log.txt", CHAT_LOG.encode("utf-8"))
    referral = example("referral")
    referral["consent_record"] = consent.id
    put("referral", referral, code)
