"""Images on pages: EXIF orientation, JPEG pass-through, other formats, bad and huge input."""
from __future__ import annotations

import io
import subprocess

import pytest
from export_kit import attachment, jpeg_bytes, make_bundle, pdftotext, png_bytes, render

from desktop.export.images import (
    MAX_SIDE,
    DisplayImage,
    ImageFlowable,
    ImageUnreadable,
    prepare,
)
from desktop.verify import verify_pdf


def _draw_alone(display: DisplayImage, tmp_path):
    """The prepared image drawn alone on a page the size of its upright form, rasterised
    by poppler."""
    from PIL import Image
    from reportlab.pdfgen import canvas

    w, h = display.display_size
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(w, h))
    flow = ImageFlowable(display, "t", w, h)
    flow.wrap(w, h)
    flow.drawOn(c, 0, 0)
    c.showPage()
    c.save()
    pdf = tmp_path / "img.pdf"
    pdf.write_bytes(buf.getvalue())
    subprocess.run(["pdftoppm", "-png", "-r", "72", "-singlefile", str(pdf),
                    str(tmp_path / "img")], check=True)
    return Image.open(tmp_path / "img.png").convert("RGB")


def _red_corner(img) -> str:
    w, h = img.size
    corners = {"tl": (w // 8, h // 8), "tr": (w * 7 // 8, h // 8),
               "bl": (w // 8, h * 7 // 8), "br": (w * 7 // 8, h * 7 // 8)}
    red = [k for k, xy in corners.items() if img.getpixel(xy)[0] > 180
           and img.getpixel(xy)[1] < 90]
    assert len(red) == 1, red
    return red[0]


@pytest.mark.parametrize("orientation", range(1, 9))
def test_exif_orientation_matches_pillow(tmp_path, orientation):
    from PIL import Image, ImageOps

    data = jpeg_bytes(300, 200, orientation=orientation)
    expected = ImageOps.exif_transpose(Image.open(io.BytesIO(data)))
    display = prepare(data)
    assert display.jpeg is data              # passed through, not re-encoded
    assert display.display_size == expected.size
    drawn = _draw_alone(display, tmp_path)
    assert drawn.size == expected.size
    assert _red_corner(drawn) == _red_corner(expected.convert("RGB"))


def test_jpeg_bytes_are_placed_unchanged(tmp_path, signer):
    photo = jpeg_bytes(1200, 900, quality=90)
    bundle = make_bundle("court", attachments=[attachment(1, "p.jpg", photo, "rec-evidence")])
    pdf = render(bundle, signer)
    # once as the page image (DCTDecode) and once as the embedded original
    assert pdf.count(photo) == 2


def test_png_with_alpha_is_shown(tmp_path, signer):
    bundle = make_bundle("court", attachments=[
        attachment(1, "screen.png", png_bytes(), "rec-evidence")])
    out = tmp_path / "c.pdf"
    out.write_bytes(render(bundle, signer))
    assert "E001 · screen.png" in pdftotext(out)
    assert verify_pdf(out).ok


def test_undecodable_image_is_noted_not_fatal(tmp_path, signer):
    broken = b"\xff\xd8\xff\xe0" + b"\x00garbage" * 100
    with pytest.raises(ImageUnreadable):
        prepare(broken)
    bundle = make_bundle("court", attachments=[attachment(1, "bad.jpg", broken, "rec-evidence")])
    out = tmp_path / "c.pdf"
    out.write_bytes(render(bundle, signer))
    text = pdftotext(out)
    assert "이미지를 읽을 수 없어 표시하지 않았습니다" in text
    report = verify_pdf(out)
    assert report.ok and report.files[0].ok      # the original is still embedded intact


def test_huge_jpeg_is_downscaled_in_memory():
    from PIL import Image

    img = Image.new("RGB", (12000, 9000), (200, 200, 190))   # 108 MP, small file
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=50)
    del img
    display = prepare(buf.getvalue())
    assert max(display.width, display.height) <= MAX_SIDE
    assert display.jpeg[:3] == b"\xff\xd8\xff"


def test_cmyk_jpeg_is_converted():
    from PIL import Image

    buf = io.BytesIO()
    Image.new("CMYK", (400, 300), (0, 100, 100, 0)).save(buf, "JPEG")
    display = prepare(buf.getvalue())
    assert display.jpeg != buf.getvalue()
    assert Image.open(io.BytesIO(display.jpeg)).mode == "RGB"


def test_huge_png_is_refused_for_display_but_embedded(tmp_path, signer):
    from PIL import Image

    from desktop.export.images import DECODE_MAX_PIXELS, ImageTooLarge

    # A huge canvas in a small file: the pixel budget is checked before decoding.
    side = int(DECODE_MAX_PIXELS ** 0.5) + 100
    buf = io.BytesIO()
    Image.new("1", (side, side)).save(buf, "PNG")
    with pytest.raises(ImageTooLarge):
        prepare(buf.getvalue())
    bundle = make_bundle("court", attachments=[
        attachment(1, "huge.png", buf.getvalue(), "rec-evidence")])
    out = tmp_path / "c.pdf"
    out.write_bytes(render(bundle, signer))
    assert "이미지가 너무 커서 화면에 표시하지 않았습니다" in pdftotext(out)
    assert verify_pdf(out).ok
