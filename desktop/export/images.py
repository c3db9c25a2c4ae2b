"""Images for the PDF pages: decoded in memory only, JPEGs passed through untouched.

A camera JPEG goes into the PDF as is (DCTDecode): re-encoding costs time and quality, and
its EXIF orientation is applied by the drawing transform instead of by rotating pixels.
Anything else (PNG screenshots, huge or CMYK JPEGs) is decoded once, scaled down, turned
upright and encoded as a JPEG for display; the embedded original is never altered.
Huge JPEGs decode at 1/2..1/8 scale (libjpeg's draft mode), so a 100 MB photo does not
cost gigabytes; other formats above a pixel budget are not displayed at all.
"""
from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

from reportlab.pdfbase import pdfdoc
from reportlab.platypus import Flowable

MAX_SIDE = 2400                    # px; enough for a full A4 page at ~200 dpi
PASSTHROUGH_MAX_BYTES = 16 << 20
PASSTHROUGH_MAX_PIXELS = 60_000_000
DECODE_MAX_PIXELS = 40_000_000     # non-JPEG formats decode at full size: ~160 MB RGBA
JPEG_MAX_PIXELS = 178_000_000      # Pillow's own decompression-bomb ceiling

_MAGIC = (
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"BM", "image/bmp"),
    (b"II*\x00", "image/tiff"),
    (b"MM\x00*", "image/tiff"),
    (b"%PDF-", "application/pdf"),
)


def sniff_mime(head: bytes) -> str:
    for magic, mime in _MAGIC:
        if head.startswith(magic):
            return mime
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    return "application/octet-stream"


class ImageTooLarge(Exception):
    pass


class ImageUnreadable(Exception):
    pass


@dataclass(frozen=True)
class DisplayImage:
    jpeg: bytes
    width: int           # pixels of the JPEG stream
    height: int
    orientation: int = 1  # EXIF orientation still to apply when drawing

    @property
    def display_size(self) -> tuple[int, int]:
        if self.orientation in (5, 6, 7, 8):
            return self.height, self.width
        return self.width, self.height


def prepare(data: bytes) -> DisplayImage:
    """A JPEG to draw for image attachment `data`; raises ImageTooLarge / ImageUnreadable."""
    from PIL import Image

    with warnings.catch_warnings():
        # Big pictures are expected here and handled by the budgets below.
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        return _prepare(data)


def _prepare(data: bytes) -> DisplayImage:
    from PIL import Image

    try:
        img = Image.open(io.BytesIO(data))  # reads the header only
        w, h = img.size
    except Image.DecompressionBombError:
        raise ImageTooLarge() from None
    except Exception:
        raise ImageUnreadable() from None
    try:
        if img.format == "JPEG":
            if w * h > JPEG_MAX_PIXELS:
                raise ImageTooLarge()
            if (img.mode in ("RGB", "L") and len(data) <= PASSTHROUGH_MAX_BYTES
                    and w * h <= PASSTHROUGH_MAX_PIXELS):
                return DisplayImage(data, w, h, _orientation(img))
        elif w * h > DECODE_MAX_PIXELS:
            raise ImageTooLarge()
        return _reencode(img)
    except (ImageTooLarge, MemoryError):
        raise ImageTooLarge() from None
    except Exception:
        raise ImageUnreadable() from None


def _orientation(img) -> int:
    try:
        value = int(img.getexif().get(0x0112, 1))
    except Exception:
        return 1
    return value if 1 <= value <= 8 else 1


def _reencode(img) -> DisplayImage:
    from PIL import Image, ImageOps

    # For a JPEG, draft() picks libjpeg's 1/2..1/8 decoding scale, so the full-size bitmap
    # never exists. It keeps both sides >= the request: ask for the aspect-preserving fit
    # (thumbnail() would ask for a square and so decode a landscape photo at full size).
    w, h = img.size
    scale = min(1.0, MAX_SIDE / max(w, h))
    img.draft(None, (max(1, int(w * scale)), max(1, int(h * scale))))
    img.thumbnail((MAX_SIDE, MAX_SIDE))
    img = ImageOps.exif_transpose(img)
    if img.mode in ("RGBA", "LA", "P", "PA"):
        img = img.convert("RGBA")
        flat = Image.new("RGB", img.size, "white")
        flat.paste(img, mask=img.getchannel("A"))
        img = flat
    elif img.mode not in ("RGB", "L"):
        img = img.convert("RGB")
    out = io.BytesIO()
    img.save(out, "JPEG", quality=88, optimize=False)
    return DisplayImage(out.getvalue(), img.width, img.height, 1)


def orientation_matrix(orientation: int, w: float, h: float) -> tuple:
    """The PDF matrix mapping an image's unit square onto a w x h upright box."""
    return {
        1: (w, 0, 0, h, 0, 0),
        2: (-w, 0, 0, h, w, 0),
        3: (-w, 0, 0, -h, w, h),
        4: (w, 0, 0, -h, 0, h),
        5: (0, -h, -w, 0, w, h),
        6: (0, -h, w, 0, 0, h),
        7: (0, h, w, 0, 0, 0),
        8: (0, h, -w, 0, w, 0),
    }.get(orientation, (w, 0, 0, h, 0, 0))


class ImageFlowable(Flowable):
    """Draws a prepared JPEG scaled into (max_w, max_h), upright. reportlab's drawImage
    would decode the whole bitmap just to name it; we register the JPEG stream directly."""

    def __init__(self, image: DisplayImage, key: str, max_w: float, max_h: float,
                 draw_pixels: bool = True):
        super().__init__()
        self.image, self.key = image, key
        dw, dh = image.display_size
        scale = min(max_w / dw, max_h / dh, 2.0)  # small images: at most doubled
        self.w, self.h = dw * scale, dh * scale
        self.draw_pixels = draw_pixels

    def wrap(self, avail_w, avail_h):
        return self.w, self.h

    def draw(self):
        canv = self.canv
        canv.saveState()
        canv.setStrokeGray(0.6)
        canv.rect(0, 0, self.w, self.h, stroke=1, fill=0)
        if self.draw_pixels:
            name = "DH" + self.key
            doc = canv._doc
            reg_name = doc.getXObjectName(name)
            if not doc.idToObject.get(reg_name):
                xobj = pdfdoc.PDFImageXObject(name)
                if not xobj.loadImageFromJPEG(io.BytesIO(self.image.jpeg)):
                    raise ImageUnreadable()
                xobj.name = name
                canv._setXObjects(xobj)
                doc.Reference(xobj, reg_name)
                doc.addForm(name, xobj)
            canv.transform(*orientation_matrix(self.image.orientation, self.w, self.h))
            canv._code.append(f"/{reg_name} Do")
            canv._formsinuse.append(name)
            canv._currentPageHasImages = 1
        canv.restoreState()
