"""Video hashing as an add-on outside the bundle (docs/architecture.md, "Video hashing").

Decoding video needs FFmpeg, and the builds at hand are GPL (Debian's ffmpeg; PyAV's
wheels carry x264/x265), which may not ship inside the desktop bundle. So the bundle holds
no video decoder: a laptop whose center installed the add-on (an ffmpeg executable,
e.g. Debian's `apt install ffmpeg`, or any build at the path below) gets vPDQ frame lists;
one without it still records SHA-256 and MD5 of a video, and says the frames are missing.

The add-on's interface is the ffmpeg command line, run as a separate program (never
linked): `DECODER -nostdin -v error -i FILE -map 0:v:0 -vf fps=1 -f image2pipe -c:v ppm -`.
One frame per second, each as a binary PPM on the pipe (decoded in memory: nothing is
written to disk, which hash-only evidence relies on). Frame k is at k seconds, as vPDQ
samples at one hash per second.

Where it is looked for: DONGHAENG_VIDEO_DECODER (a path), else `ffmpeg` on PATH.
"""
from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

ENV = "DONGHAENG_VIDEO_DECODER"
SECONDS_PER_HASH = 1


@dataclass(frozen=True)
class VpdqFrame:
    """One sampled frame: its time in seconds, PDQ hex and quality (vPDQ's fields)."""

    seconds: float
    pdq: str
    quality: int

    def as_list(self) -> list:
        return [self.seconds, self.pdq, self.quality]


def decoder() -> str | None:
    """The add-on's executable, or None when it is not installed."""
    named = os.environ.get(ENV)
    if named:
        return named if os.access(named, os.X_OK) else None
    return shutil.which("ffmpeg")


def _read_exact(stream, n: int) -> bytes:
    chunks, got = [], 0
    while got < n:
        part = stream.read(n - got)
        if not part:
            break
        chunks.append(part)
        got += len(part)
    return b"".join(chunks)


def _ppm_frames(stream) -> Iterator[np.ndarray]:
    """Binary PPMs (P6, maxval 255) one after another on `stream`."""
    while True:
        fields: list[bytes] = []
        token = b""
        while len(fields) < 4:
            c = stream.read(1)
            if not c:
                return
            if c.isspace():
                if token:
                    fields.append(token)
                    token = b""
            else:
                token += c
        if fields[0] != b"P6" or fields[3] != b"255":
            raise ValueError("unexpected frame format from the video decoder")
        width, height = int(fields[1]), int(fields[2])
        data = _read_exact(stream, width * height * 3)
        if len(data) < width * height * 3:
            return
        import numpy as np

        yield np.frombuffer(data, dtype=np.uint8).reshape(height, width, 3)


def vpdq_frames(path: str | os.PathLike, exe: str | None = None) -> list[VpdqFrame] | None:
    """PDQ of one frame per second of the video at `path`; None without the add-on or if
    it cannot decode the file (not a video, damaged)."""
    exe = exe or decoder()
    if exe is None:
        return None
    from crypto.pdq import pdq_hash

    cmd = [exe, "-nostdin", "-v", "error", "-i", os.fspath(Path(path)), "-map", "0:v:0",
           "-vf", f"fps=1/{SECONDS_PER_HASH}", "-f", "image2pipe", "-c:v", "ppm", "-"]
    try:
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                stderr=subprocess.DEVNULL)
    except OSError:
        return None
    frames: list[VpdqFrame] = []
    try:
        assert proc.stdout is not None
        for k, pixels in enumerate(_ppm_frames(proc.stdout)):
            h = pdq_hash(pixels)
            frames.append(VpdqFrame(float(k * SECONDS_PER_HASH), h.hex, h.quality))
    except ValueError:
        proc.kill()
        frames = []
    finally:
        if proc.stdout is not None:
            proc.stdout.close()
        rc = proc.wait()
    return frames if rc == 0 and frames else None
