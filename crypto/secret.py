"""Key material in a mutable buffer that can be overwritten when it is no longer needed.

Python's `bytes` are immutable and linger in freed memory until reused; a `bytearray` can be
zeroed in place. This narrows (it cannot close) the window in which a key is readable from a
memory image: copies made by C libraries or by `bytes(...)` conversions are out of our reach.
"""
from __future__ import annotations

import ctypes


class SecretBytes(bytearray):
    """A bytearray holding a secret; `wipe()` (or leaving a `with` block) zeroes it."""

    def wipe(self) -> None:
        n = len(self)
        if n:
            # memset through the buffer itself: no intermediate bytes object is created.
            buf = (ctypes.c_char * n).from_buffer(self)
            ctypes.memset(ctypes.addressof(buf), 0, n)
            del buf

    @property
    def wiped(self) -> bool:
        return not any(self)

    def __enter__(self) -> SecretBytes:
        return self

    def __exit__(self, *exc: object) -> None:
        self.wipe()

    def __repr__(self) -> str:
        return f"<SecretBytes len={len(self)}>"

    __str__ = __repr__

    def hex_into(self) -> SecretBytes:
        """Lowercase hex of the secret, built in a new SecretBytes (no str copy)."""
        digits = b"0123456789abcdef"
        out = SecretBytes(2 * len(self))
        for i, b in enumerate(self):
            out[2 * i] = digits[b >> 4]
            out[2 * i + 1] = digits[b & 15]
        return out
