"""The visible signature box: a one-page PDF the size of the box, drawn with the embedded
Korean font, which the signer imports as the signature field's appearance."""
from __future__ import annotations

import io
from datetime import datetime

from reportlab.lib import colors
from reportlab.pdfgen import canvas

from desktop.export.bundle import SignerInfo, human_kst
from desktop.export.fonts import printable, register
from desktop.export.strings import t
from desktop.export.styles import ACCENT, MARGIN_BOTTOM, MARGIN_X, PAGE_W

# Bottom of the last page, below the verification notes (which stay well above it).
BOX = (MARGIN_X, MARGIN_BOTTOM + 30, PAGE_W - MARGIN_X, MARGIN_BOTTOM + 30 + 128)


def stamp_pdf(signer: SignerInfo, signed_at: datetime, lang: str) -> bytes:
    f = register()
    w, h = BOX[2] - BOX[0], BOX[3] - BOX[1]
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(w, h))
    c.setTitle("signature appearance")
    c.setStrokeColor(ACCENT)
    c.setLineWidth(1.2)
    c.roundRect(1, 1, w - 2, h - 2, 6, stroke=1, fill=0)
    c.setFillColor(ACCENT)
    c.setFont(f.bold, 11)
    c.drawString(12, h - 22, t("stamp_title", lang))
    c.setFillColor(colors.black)
    rows = [
        (t("stamp_signer", lang), printable(signer.name), f.regular, 10),
        (t("stamp_time", lang), human_kst(signed_at, lang), f.regular, 10),
        (t("stamp_fp", lang), signer.fingerprint, f.mono, 7.4),
    ]
    y = h - 44
    for label, value, font, size in rows:
        c.setFont(f.bold, 8.5)
        c.drawString(12, y, label)
        c.setFont(font, size)
        c.drawString(110, y, value)
        y -= 19
    if signer.device_local:
        c.setFont(f.regular, 8)
        c.setFillColor(colors.Color(0.55, 0.1, 0.1))
        c.drawString(12, y, t("stamp_local", lang))
    c.showPage()
    c.save()
    return buf.getvalue()
