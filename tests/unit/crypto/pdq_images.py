"""Deterministic test images for the PDQ tests: photo-like scenes, screenshots, flat and
noisy images and odd sizes, made with numpy and Pillow (no files shipped)."""
from __future__ import annotations

import io

import numpy as np
from PIL import Image, ImageDraw, ImageFilter


def photo(seed: int, w: int, h: int) -> np.ndarray:
    """A smooth scene: gradients, soft blobs and shapes, a little sensor noise."""
    rng = np.random.default_rng(seed)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float64)
    img = np.zeros((h, w, 3))
    for c in range(3):
        a, b = rng.uniform(-1, 1, 2)
        img[:, :, c] = 128 + 60 * np.sin(a * xx / w * 6 + b * yy / h * 4 + rng.uniform(0, 6))
    for _ in range(6):
        cx, cy = rng.uniform(0, w), rng.uniform(0, h)
        r = rng.uniform(0.05, 0.3) * min(w, h) + 1
        blob = np.exp(-((xx - cx) ** 2 + (yy - cy) ** 2) / (2 * r * r))
        img += blob[:, :, None] * rng.uniform(-90, 90, 3)
    pil = Image.fromarray(np.clip(img, 0, 255).astype(np.uint8))
    draw = ImageDraw.Draw(pil)
    for _ in range(4):
        x0, y0 = rng.integers(0, max(1, w - 2)), rng.integers(0, max(1, h - 2))
        x1, y1 = x0 + rng.integers(1, max(2, w // 3)), y0 + rng.integers(1, max(2, h // 3))
        draw.ellipse((x0, y0, x1, y1), fill=tuple(int(v) for v in rng.integers(0, 256, 3)))
    pil = pil.filter(ImageFilter.GaussianBlur(radius=max(1, min(w, h) // 200)))
    arr = np.asarray(pil).astype(np.int16) + rng.integers(-6, 7, (h, w, 3))
    return np.clip(arr, 0, 255).astype(np.uint8)


def screenshot(seed: int, w: int, h: int) -> np.ndarray:
    """A chat-app-like screen: flat panels, bubbles and text."""
    rng = np.random.default_rng(seed)
    pil = Image.new("RGB", (w, h), (245, 245, 245))
    draw = ImageDraw.Draw(pil)
    draw.rectangle((0, 0, w, h // 12), fill=(60, 90, 160))
    y = h // 10
    while y < h - 30:
        left = bool(rng.integers(0, 2))
        bw = int(rng.integers(w // 4, w * 3 // 4))
        x0 = 10 if left else w - bw - 10
        draw.rounded_rectangle((x0, y, x0 + bw, y + 40), 10,
                               fill=(255, 255, 255) if left else (255, 235, 59))
        draw.text((x0 + 8, y + 12), f"message {int(rng.integers(0, 10**6))} lorem ipsum",
                  fill=(20, 20, 20))
        y += 50 + int(rng.integers(0, 20))
    return np.asarray(pil)


def jpeg_bytes(pixels: np.ndarray, quality: int = 90) -> bytes:
    out = io.BytesIO()
    Image.fromarray(pixels).save(out, format="JPEG", quality=quality)
    return out.getvalue()


def varied_images() -> list[tuple[str, np.ndarray]]:
    """At least 20 images of every kind the issue names."""
    rng = np.random.default_rng(2026)
    images: list[tuple[str, np.ndarray]] = []
    for i, (w, h) in enumerate([(640, 480), (1920, 1080), (480, 640), (333, 501),
                                (1001, 99), (256, 256)]):
        images.append((f"photo{i}-{w}x{h}", photo(i, w, h)))
    for i, (w, h) in enumerate([(720, 1280), (1280, 720), (390, 844)]):
        images.append((f"screenshot{i}-{w}x{h}", screenshot(10 + i, w, h)))
    images.append(("flat-gray", np.full((300, 400, 3), 128, np.uint8)))
    images.append(("flat-red", np.tile(np.array([200, 10, 10], np.uint8), (97, 211, 1))))
    images.append(("noise-uniform", rng.integers(0, 256, (480, 640, 3), dtype=np.uint8)))
    images.append(("noise-small", rng.integers(0, 256, (37, 53, 3), dtype=np.uint8)))
    images.append(("exact-64", photo(20, 64, 64)))
    images.append(("exact-64-noise", rng.integers(0, 256, (64, 64, 3), dtype=np.uint8)))
    images.append(("odd-63x65", photo(21, 65, 63)))
    images.append(("odd-5x5", rng.integers(0, 256, (5, 5, 3), dtype=np.uint8)))
    images.append(("odd-7x1003", photo(22, 1003, 7)))
    images.append(("tiny-4x9", rng.integers(0, 256, (4, 9, 3), dtype=np.uint8)))
    gray = np.asarray(Image.fromarray(photo(23, 500, 375)).convert("L").convert("RGB"))
    images.append(("grayscale", gray))
    stripes = np.zeros((200, 200, 3), np.uint8)
    stripes[:, ::2] = 255
    images.append(("stripes", stripes))
    checker = ((np.indices((129, 257)).sum(axis=0) // 16) % 2 * 255).astype(np.uint8)
    images.append(("checker-129x257", np.repeat(checker[:, :, None], 3, axis=2)))
    return images
