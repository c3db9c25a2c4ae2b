"""The evidence manifest, printed (for people) and as JSON inside the PDF (for `verify`).

Each hash is one unbroken hex string in a monospaced face small enough that all 64
characters of a SHA-256 fit on one line: `pdftotext` and a reader's copy-paste then give
back exactly the value to compare.
"""
from __future__ import annotations

import json

from reportlab.platypus import Table

from desktop.export.bundle import AttachmentEntry, ExportBundle, human_kst, iso_kst
from desktop.export.strings import t
from desktop.export.styles import FRAME_W, GRID, SHADE, para, table_style
from forms.display_text import pick

MANIFEST_NAME = "donghaeng-manifest.json"
MANIFEST_FORMAT = "donghaeng-evidence-manifest/1"


# File systems limit a name to 255 bytes (ext4, APFS; NTFS 255 UTF-16 units): about 83
# Hangul syllables in UTF-8. `pdfdetach -saveall` and viewers save under the embedded
# name and stop at the first that is too long, so it is kept below the limit; the full
# name stays in the printed and the embedded manifest.
NAME_BYTES = 240


def embedded_name(a: AttachmentEntry) -> str:
    """The attachment's name inside the PDF: numbered, so names never collide, and short
    enough for any file system, keeping the extension."""
    return shorten_name(f"{a.label}_{a.name}")


def shorten_name(name: str, limit: int = NAME_BYTES) -> str:
    if len(name.encode("utf-8")) <= limit:
        return name
    stem, dot, ext = name.rpartition(".")
    if not dot or not stem or len(ext.encode("utf-8")) > 16:
        stem, ext = name, ""
    tail = ("…." + ext) if ext else "…"
    room = limit - len(tail.encode("utf-8"))
    cut = stem.encode("utf-8")[:room].decode("utf-8", "ignore")   # whole characters only
    return cut + tail


def embedded_key(a: AttachmentEntry) -> str:
    """The ASCII name-tree key; keys must sort in the order they are written."""
    ext = a.name.rsplit(".", 1)[-1] if "." in a.name else ""
    ext = "".join(ch for ch in ext if ch.isascii() and ch.isalnum())[:8]
    return f"{a.label}.{ext}" if ext else a.label


def manifest_table(bundle: ExportBundle) -> list:
    lang = bundle.lang
    if not bundle.attachments:
        return [para(t("no_files", lang), "withheld")]
    forms = {r.meta.id: pick(getattr(r.form, "title", None), lang) or r.meta.form
             for r in bundle.records}
    widths = [36, 200, 66, 118, FRAME_W - 420]
    rows = [[para(t(k, lang), "label") for k in ("m_no", "m_name", "m_size", "m_hashed",
                                                  "m_record")]]
    style = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("GRID", (0, 0), (-1, 0), 0.25, GRID),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
    ]
    for a in bundle.attachments:
        top = len(rows)
        rows.append([para(a.label, "cell"), para(a.name, "cell"), para(f"{a.size:,}", "cell"),
                     para(human_kst(a.imported_at, lang), "cell_small"),
                     para(forms.get(a.record_id, ""), "cell_small")])
        rows.append([para(f"SHA-256: {a.sha256}", "hash"), "", "", "", ""])
        rows.append([para(f"MD5: {a.md5}", "hash"), "", "", "", ""])
        extra = [(line, style_name) for line, style_name in (
            (f"PDQ: {a.pdq} (quality {a.pdq_quality})" if a.pdq else None, "hash"),
            (t("m_vpdq", lang, n=a.vpdq_frames) if a.vpdq_frames else None, "hash"),
            (t("m_hash_only", lang) if a.hash_only else None, "cell_small"),
            (f"{t('m_note', lang)}: {a.note}" if a.hash_only and a.note else None,
             "cell_small")) if line]
        for line, style_name in extra:
            rows.append([para(line, style_name), "", "", "", ""])
        last = top + 2 + len(extra)
        style += [("SPAN", (0, r), (-1, r)) for r in range(top + 1, last + 1)]
        style += [
            ("BOX", (0, top), (-1, last), 0.25, GRID),
            ("LINEBELOW", (0, top), (-1, top), 0.25, SHADE),
        ]
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(table_style(*style))
    return [para(t("manifest_intro", lang), "meta"), table]


def manifest_json(bundle: ExportBundle, pages: int | None = None) -> bytes:
    """The machine-readable manifest embedded in the signed revision."""
    doc: dict[str, object] = {
        "format": MANIFEST_FORMAT,
        "case": bundle.case_code,
        "profile": bundle.profile.id,
        "exported_at": iso_kst(bundle.exported_at),
        "recipient": bundle.recipient,
        "purpose": bundle.purpose,
        "override_reason": bundle.override_reason,
        "records": [{"id": r.meta.id, "form": r.meta.form, "form_version": r.meta.form_version,
                     "version": r.meta.version} for r in bundle.records],
        "files": [{"no": a.label, "name": a.name, "embedded_as": embedded_name(a),
                   "size": a.size, "sha256": a.sha256, "md5": a.md5,
                   "hashed_at": iso_kst(a.imported_at), "record": a.record_id,
                   "field": a.field, "mime": a.mime, "hash_only": a.hash_only,
                   "embedded": not a.hash_only, "intimate": a.intimate, "pdq": a.pdq,
                   "pdq_quality": a.pdq_quality, "vpdq_frames": a.vpdq_frames}
                  for a in bundle.attachments],
        "intimate_shown_reason": bundle.show_intimate_reason,
    }
    if pages is not None:
        doc["pages"] = pages
    return json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8")
