"""A takedown packet for one platform (issue 16, `donghaeng takedown packet`): the hashes of a
case's evidence files (PDQ hex, MD5, SHA-256; a video's vPDQ frames in the JSON), the URLs
and dates tied to that platform, as CSV and JSON, plus a signed PDF summary for the record.

What it never holds: images or any file's bytes, file names, the items' titles or notes,
record or attachment ids, the case code, the victim's details. A random packet id names it;
the vault's audit entry ties that id to the case. Items are numbered 1..n in record order.

Which items: every evidence item of the case with a hashed file (hash sharing is for
blocking re-uploads anywhere on the platform, found there or not). URLs: the item's own
addresses when its platform is this one, and those of its deletion requests to this
platform. Dates: when the item was found; when each request to this platform was made.

Refused unless a consent of the case covers hash sharing with the platform
(desktop/export/hash_consent.py), or the worker gives an override reason (audited).
The folder appears whole or not at all: written in a hidden folder beside it, then renamed.
"""
from __future__ import annotations

import csv
import io
import json
import os
import shutil
import tempfile
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from desktop.errors import UserError
from desktop.export.errors import ExportRefused

EVIDENCE = "evidence"
CSV_NAME, JSON_NAME, PDF_NAME = "hashes.csv", "hashes.json", "summary.pdf"
CSV_COLUMNS = ("item", "file", "media_type", "pdq", "pdq_quality", "md5", "sha256",
               "vpdq_frames", "found_date", "urls", "requested_dates")


@dataclass(frozen=True)
class PacketResult:
    out: Path
    packet_id: str
    items: int
    files: int
    consent: str | None
    override_reason: str | None


def _platform_labels(platform_id: str) -> tuple[str, str]:
    from forms import load_registry

    for c in load_registry().choice_list("platforms"):
        if c.id == platform_id:
            return c.label.get("ko", platform_id), c.label.get("en", platform_id)
    raise UserError(f"알 수 없는 플랫폼: {platform_id}", f"unknown platform: {platform_id}")


def _check_out(out: Path) -> None:
    if out.exists() or out.is_symlink():
        raise UserError(f"대상 폴더가 이미 있습니다: {out}", f"the target already exists: {out}")
    if not out.parent.is_dir():
        raise UserError(f"상위 폴더가 없습니다: {out.parent}", f"no such folder: {out.parent}")


def _urls(values: dict, platform: str, requests) -> list[str]:
    urls: list[str] = []
    if values.get("platform") == platform:
        for row in values.get("urls") or ():
            if isinstance(row, dict) and isinstance(row.get("url"), str):
                urls.append(row["url"].strip())
    for req in requests:
        if req.platform == platform:
            urls += req.urls
    return list(dict.fromkeys(u for u in urls if u))


def packet_rows(vault, registry, case_code: str, platform: str) -> list[dict]:
    """The packet's rows, one per hashed file of the case's evidence items."""
    from desktop.takedown import requests_of

    rows: list[dict] = []
    item = 0
    for rec in vault.list_records(case_code=case_code, form=EVIDENCE):
        if rec.deleted:
            continue
        atts = [a for a in vault.list_attachments(record_id=rec.id) if a.sha256]
        if not atts:
            continue
        item += 1
        values = rec.values if isinstance(rec.values, dict) else {}
        reqs = requests_of(registry, rec)
        urls = _urls(values, platform, reqs)
        requested = sorted({r.requested for r in reqs if r.platform == platform and r.requested})
        found = values.get("found_date") if isinstance(values.get("found_date"), str) else None
        for n, a in enumerate(atts, 1):
            rows.append({
                "item": item, "file": n, "media_type": a.media_type, "pdq": a.pdq,
                "pdq_quality": a.pdq_quality, "md5": a.md5, "sha256": a.sha256,
                "vpdq": [[t, h, q] for t, h, q in a.vpdq] if a.vpdq else None,
                "found_date": found, "urls": urls, "requested_dates": requested,
            })
    return rows


def _csv(rows: list[dict]) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(CSV_COLUMNS)
    for r in rows:
        w.writerow([r["item"], r["file"], r["media_type"] or "", r["pdq"] or "",
                    "" if r["pdq_quality"] is None else r["pdq_quality"], r["md5"],
                    r["sha256"], len(r["vpdq"]) if r["vpdq"] else "", r["found_date"] or "",
                    " ".join(r["urls"]), " ".join(r["requested_dates"])])
    return buf.getvalue().encode("utf-8-sig")  # BOM: spreadsheet programs read UTF-8


def _write(folder: Path, name: str, data: bytes) -> None:
    fd = os.open(folder / name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def make_packet(vault, registry, case_code: str, platform: str, out: Path, *,
                override_reason: str | None = None, lang: str = "ko",
                now: datetime | None = None) -> PacketResult:
    """Write the packet folder `out` (which must not exist). ExportRefused without a
    covering consent unless `override_reason`; nothing is written then."""
    from desktop.export.hash_consent import hash_sharing_consent
    from desktop.takedown_packet_pdf import summary_pdf

    out = Path(out)
    if override_reason is not None and not override_reason.strip():
        raise UserError("--override-consent 사유가 비어 있습니다",
                        "the --override-consent reason is empty")
    override = override_reason.strip() if override_reason else None
    label_ko, label_en = _platform_labels(platform)
    _check_out(out)
    if vault.get_case(case_code) is None:
        raise UserError(f"사례가 없습니다: {case_code}", f"no such case: {case_code}")
    consent, reasons = hash_sharing_consent(vault, case_code, platform)
    if consent is None and override is None:
        head = (f"해시 묶음을 만들 수 없습니다: 사례 {case_code}의 동의가 '{label_ko}'에 해시값 "
                "제공을 허락하지 않습니다 (불가피하면 --override-consent 사유)",
                f"takedown packet refused: no consent of case {case_code} covers sharing "
                f"hash values with '{label_en}' (if unavoidable: --override-consent REASON)")
        raise ExportRefused("", lines=[head, *reasons])
    rows = packet_rows(vault, registry, case_code, platform)
    if not rows:
        raise UserError(f"사례 {case_code}에 해시값이 있는 증거 파일이 없습니다",
                        f"case {case_code} has no evidence file with hash values")
    now = now or datetime.now().astimezone()
    packet_id = str(uuid.uuid4())
    doc = {"packet": packet_id, "platform": platform, "created": now.isoformat(timespec="seconds"),
           "hash_algorithms": {"pdq": "PDQ (256-bit, hex, bit 255 first)", "md5": "MD5",
                               "sha256": "SHA-256"},
           "items": rows}
    json_bytes = (json.dumps(doc, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    csv_bytes = _csv(rows)
    pdf = summary_pdf(vault, packet_id, (label_ko, label_en), rows, now, lang,
                      {CSV_NAME: csv_bytes, JSON_NAME: json_bytes})
    import hashlib

    files = {CSV_NAME: csv_bytes, JSON_NAME: json_bytes, PDF_NAME: pdf}
    # audited before the folder appears: there is never a packet the log does not know
    vault.audit("takedown_packet", subject=case_code, reason=json.dumps({
        "packet": packet_id, "platform": platform, "out": out.name,
        "items": len({r["item"] for r in rows}), "files": len(rows),
        "consent": consent, "override_reason": override if consent is None else None,
        "sha256": {k: hashlib.sha256(v).hexdigest() for k, v in files.items()},
    }, ensure_ascii=False))
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent))
    try:
        for name, data in files.items():
            _write(tmp, name, data)
        _fsync_dir(tmp)
        _check_out(out)   # rename() would replace an empty folder made meanwhile
        os.rename(tmp, out)
        _fsync_dir(out.parent)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return PacketResult(out, packet_id, len({r["item"] for r in rows}), len(rows), consent,
                        override if consent is None else None)
