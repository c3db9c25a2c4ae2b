"""The takedown packet's signed PDF summary (desktop/takedown_packet.py): the packet id, the
platform, when, how many items and files, each file's hashes, and the SHA-256 of the CSV
and JSON beside it, signed by the worker's export signer (desktop/export/signing.py). It
names no case, victim, file name or title: only what the CSV and JSON hold."""
from __future__ import annotations

import hashlib
import io
from datetime import datetime

from desktop.export.errors import ExportError

_MARGIN = 40.0
_LINE = 11.0


def _lines(packet_id: str, labels: tuple[str, str], rows: list[dict], now: datetime,
           lang: str, files: dict[str, bytes]) -> list[str]:
    en = lang == "en"
    out = [
        ("Takedown packet (hash values for blocking and removal)" if en else
         "삭제 요청 해시 묶음 (차단·삭제용 해시값)"),
        f"{'Packet' if en else '묶음 번호'}: {packet_id}",
        f"{'Platform' if en else '플랫폼'}: {labels[1] if en else labels[0]}",
        f"{'Created' if en else '작성'}: {now.isoformat(timespec='seconds')}",
        (f"Items: {len({r['item'] for r in rows})}, files: {len(rows)}" if en else
         f"증거 항목 {len({r['item'] for r in rows})}개, 파일 {len(rows)}개"),
        ("No image and no detail of the person is in this packet." if en else
         "이 묶음에는 이미지도, 당사자를 알아볼 정보도 들어 있지 않습니다."),
        "",
    ]
    for name, data in files.items():
        out.append(f"{name} SHA-256 {hashlib.sha256(data).hexdigest()}")
    out.append("")
    for r in rows:
        out.append(f"{r['item']}.{r['file']}  {r['media_type'] or '-'}"
                   + (f"  {r['found_date']}" if r["found_date"] else ""))
        if r["pdq"]:
            out.append(f"   PDQ {r['pdq']} (q {r['pdq_quality']})")
        if r["vpdq"]:
            out.append(f"   vPDQ {len(r['vpdq'])} frames")
        out.append(f"   MD5 {r['md5']}")
        out.append(f"   SHA-256 {r['sha256']}")
        for u in r["urls"]:
            out.append(f"   {u[:110]}")
    return out


def summary_pdf(vault, packet_id: str, labels: tuple[str, str], rows: list[dict],
                now: datetime, lang: str, files: dict[str, bytes]) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    from crypto.pades import SigningError, TimestampUnavailable
    from desktop.export.fonts import printable, register
    from desktop.export.signing import make_signer

    fonts = register()
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, pageCompression=1)
    c.setTitle(f"Takedown packet {packet_id}")
    c.setAuthor("")
    w, h = A4
    y = h - _MARGIN
    for line in _lines(packet_id, labels, rows, now, lang, files):
        if y < _MARGIN:
            c.showPage()
            y = h - _MARGIN
        mono = line.startswith("   ") or "SHA-256" in line
        c.setFont(fonts.mono if mono else fonts.regular, 8 if mono else 10)
        c.drawString(_MARGIN, y, printable(line))
        y -= _LINE
    c.save()
    try:
        return make_signer(vault).sign(buf.getvalue(), signing_time=now)
    except TimestampUnavailable as exc:
        raise ExportError(f"시점 확인 서버가 응답하지 않습니다: {exc.url}",
                          f"the timestamp service did not answer: {exc.url}") from None
    except SigningError as exc:
        raise ExportError(f"서명하지 못했습니다: {exc}", f"signing failed: {exc}") from None
