"""What an import learns from a file's content besides SHA-256/MD5: its media type, the PDQ
hash of an image, the vPDQ frame list of a video (when the video add-on is installed) and
the times the file carries (docs/deletion.md, "Hashes").

Every attachment whose bytes decode as an image gets a PDQ, whatever the evidence kind.
JPEGs are decoded reduced: the Y channel only (JPEG's Y is PDQ's luma up to rounding; no
chroma, no colour conversion: a 1080p JPEG decodes and hashes ~1.4x faster) and, when
large, in Pillow's draft mode (the smallest DCT scale whose both sides stay >=
REDUCED_SIDE; a 12 MP photo at 1/2). tests/e2e/test_evidence_hashes_cli.py shows those
hashes stay within 8 bits of the full-resolution reference. The draft threshold is 1024
because a text-heavy 1080 x 1920 screenshot at 1/2 moved 10 bits. Other formats are
decoded whole and hashed exactly as pdqhash would. No EXIF rotation is applied: the hash is of the stored pixels, as a
platform hashing the same file would get; PDQ's dihedral hashes cover rotated copies.
Decoding happens in memory only (hash-only evidence relies on it). A file is offered to
Pillow when its first bytes are those of an image format Pillow reads (`looks_like_image`):
a file that is not an image otherwise makes Pillow load every one of its format plugins
(~0.1 s), and numpy (~0.2 s) is loaded only for an image or a video — most attachments
are neither, and an import should not pay for them.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    from PIL import Image

    from crypto.pdq import PdqHash
    from desktop.video_addon import VpdqFrame

REDUCED_SIDE = 1024
# image formats Pillow decodes, by their first bytes: JPEG, PNG, GIF, BMP, TIFF (both byte
# orders), ICO/CUR, JPEG 2000 (codestream and JP2), PSD, QOI, PNM (P1-P6), WebP and AVIF
# (checked in looks_like_image)
_IMAGE_MAGIC = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"GIF87a", b"GIF89a", b"BM",
                b"II*\x00", b"MM\x00*", b"\x00\x00\x01\x00", b"\x00\x00\x02\x00",
                b"\xff\x4f\xff\x51", b"\x00\x00\x00\x0cjP  ", b"8BPS", b"qoif",
                b"P1", b"P2", b"P3", b"P4", b"P5", b"P6")
_EXIF_IFD, _DATETIME_ORIGINAL = 0x8769, 0x9003
# video containers by their first bytes: ISO BMFF (mp4, mov, 3gp), Matroska/WebM, AVI,
# FLV, MPEG program/transport streams, ASF (wmv)
_VIDEO_MAGIC = (
    (4, b"ftyp", "video/mp4"), (0, b"\x1a\x45\xdf\xa3", "video/x-matroska"),
    (0, b"FLV", "video/x-flv"), (0, b"\x00\x00\x01\xba", "video/mpeg"),
    (0, b"\x30\x26\xb2\x75\x8e\x66\xcf\x11", "video/x-ms-asf"),
)


@dataclass(frozen=True)
class MediaHashes:
    media_type: str | None = None
    pdq: PdqHash | None = None
    vpdq: list[VpdqFrame] | None = None
    taken_at: str | None = None  # EXIF DateTimeOriginal as written in the file


def looks_like_image(head: bytes) -> bool:
    if head.startswith(_IMAGE_MAGIC):
        return True
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return True
    return head[4:8] == b"ftyp" and head[8:12] in (b"avif", b"avis")


def decode_luma(source, *, reduced: bool = True) -> tuple[np.ndarray, Image.Image] | None:
    """The first frame of an image as a float32 luma plane (and the opened image, for its
    metadata), or None if the bytes are not an image Pillow can decode. `reduced`: a JPEG
    is decoded as its Y channel only (libjpeg skips the chroma and the colour conversion;
    JPEG's Y is PDQ's luma up to rounding) and, when large, in draft mode; other images are
    decoded whole to RGB and given the reference's luma."""
    import numpy as np
    from PIL import Image, UnidentifiedImageError

    from crypto.pdq import luma

    try:
        with Image.open(source) as opened:
            if reduced and opened.format == "JPEG":
                opened.draft("L", (REDUCED_SIDE, REDUCED_SIDE))
                if opened.mode == "L":
                    return np.asarray(opened).astype(np.float32), opened
            rgb = opened if opened.mode == "RGB" else opened.convert("RGB")
            return luma(np.asarray(rgb)), opened
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, EOFError,
            Image.DecompressionBombError):
        return None


def decode_rgb(source, *, reduced: bool = True) -> tuple[np.ndarray, Image.Image] | None:
    """The first frame of an image as an RGB uint8 array (and the opened image), or None
    if the bytes are not an image Pillow can decode; large JPEGs in draft mode. For the
    dihedral hashes (matching), which need the pixels, not only the luma."""
    import numpy as np
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(source) as opened:
            if reduced and opened.format == "JPEG":
                opened.draft("RGB", (REDUCED_SIDE, REDUCED_SIDE))
            rgb = opened if opened.mode == "RGB" else opened.convert("RGB")
            return np.asarray(rgb), opened
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, EOFError,
            Image.DecompressionBombError):
        return None


def image_pdq(source, *, reduced: bool = True) -> PdqHash | None:
    from crypto.pdq import pdq_hash_luma

    decoded = decode_luma(source, reduced=reduced)
    return pdq_hash_luma(decoded[0]) if decoded is not None else None


def _taken_at(im) -> str | None:
    try:
        value = im.getexif().get_ifd(_EXIF_IFD).get(_DATETIME_ORIGINAL)
    except Exception:  # a damaged EXIF block is no reason to refuse the image
        return None
    return str(value).strip()[:40] or None if value else None


def sniff_video(head: bytes) -> str | None:
    for offset, magic, mime in _VIDEO_MAGIC:
        if head[offset:offset + len(magic)] == magic:
            if mime == "video/mp4" and head[8:10] == b"qt":
                return "video/quicktime"
            return mime
    if head[:4] == b"RIFF" and head[8:12] == b"AVI ":
        return "video/x-msvideo"
    if len(head) > 188 and head[0] == 0x47 and head[188] == 0x47:
        return "video/mp2t"
    return None


def _rewind(source) -> None:
    if not isinstance(source, (str, os.PathLike)):
        source.seek(0)


def media_hashes(source) -> MediaHashes:
    """The hashes of an image or video given as a path or a seekable binary file object
    (read from its start). Anything else gets an empty MediaHashes."""
    if isinstance(source, (str, os.PathLike)):
        with open(source, "rb") as f:
            head = f.read(512)
    else:
        head = source.read(512)
        _rewind(source)
    decoded = decode_luma(source) if looks_like_image(head) else None
    _rewind(source)
    if decoded is not None:
        from PIL import Image

        from crypto.pdq import pdq_hash_luma

        y, im = decoded
        mime = Image.MIME.get(im.format or "") or None
        return MediaHashes(mime, pdq_hash_luma(y), None, _taken_at(im))
    mime = sniff_video(head)
    if mime is None:
        return MediaHashes()
    from desktop import video_addon

    # the add-on reads a path; a file object (tests, the demo) has no frames
    frames = video_addon.vpdq_frames(source) if isinstance(source, (str, os.PathLike)) \
        else None
    return MediaHashes(mime, None, frames, None)


def file_mtime(source) -> str | None:
    """The source file's modification time (UTC, ISO 8601), kept as its original time."""
    if not isinstance(source, (str, os.PathLike)):
        return None
    try:
        st = Path(source).stat()
    except OSError:
        return None
    return datetime.fromtimestamp(st.st_mtime, UTC).isoformat(timespec="seconds")
