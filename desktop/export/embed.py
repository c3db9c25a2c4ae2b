"""Original evidence bytes and the JSON manifest, embedded as PDF file attachments.

reportlab cannot embed files, so pyHanko adds them in one incremental update before the
signature (the signature then covers them). Name-tree keys are ASCII and written in
sorted order (the PDF name tree must be sorted; pyHanko only appends); the Unicode name a
viewer shows carries the manifest number, so two `photo.jpg` never collide.
"""
from __future__ import annotations

import io
from datetime import datetime

from desktop.export.bundle import ExportBundle
from desktop.export.manifest import MANIFEST_NAME, embedded_key, embedded_name

# Already-compressed formats gain nothing from Flate; big files would only cost time.
_STORED_TYPES = ("image/jpeg", "image/png", "image/gif", "image/webp", "application/pdf")
COMPRESS_MAX = 8 << 20


def _compress(mime: str, size: int) -> bool:
    return mime not in _STORED_TYPES and size <= COMPRESS_MAX


def _parse_time(text: str) -> datetime | None:
    try:
        dt = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except (ValueError, AttributeError):
        return None
    return dt if dt.tzinfo else None


def embed(pdf: bytes, bundle: ExportBundle, manifest: bytes) -> io.BytesIO:
    """`pdf` plus an incremental update embedding every attachment and the manifest."""
    from pyhanko.pdf_utils.embed import (
        EmbeddedFileObject,
        EmbeddedFileParams,
        FileSpec,
        embed_file,
    )
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    buf = io.BytesIO(pdf)
    buf.seek(0, io.SEEK_END)
    writer = IncrementalPdfFileWriter(buf, strict=False)
    # a hash-only item has no original to embed (the manifest lists its hashes)
    entries = sorted((a for a in bundle.attachments if not a.hash_only), key=embedded_key)
    for a in entries:
        data = a.data if a.data is not None else b""
        params = EmbeddedFileParams(embed_size=True, embed_checksum=True,
                                    creation_date=_parse_time(a.imported_at))
        stream = EmbeddedFileObject.from_file_data(writer, data,
                                                   compress=_compress(a.mime, len(data)),
                                                   params=params)
        embed_file(writer, FileSpec(
            file_spec_string=embedded_key(a), file_name=embedded_name(a),
            embedded_data=stream, description=f"{a.label} SHA-256 {a.sha256}"))
    stream = EmbeddedFileObject.from_file_data(writer, manifest, compress=True,
                                               params=EmbeddedFileParams())
    embed_file(writer, FileSpec(file_spec_string=MANIFEST_NAME, file_name=MANIFEST_NAME,
                                embedded_data=stream,
                                description="Donghaeng evidence manifest (JSON)"))
    writer.write_in_place()
    return buf
