"""Small helpers for the export end-to-end tests (poppler as the independent reader)."""
from __future__ import annotations

import subprocess
from pathlib import Path


def pdftotext(path: Path) -> str:
    proc = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True,
                          text=True, timeout=60)
    return proc.stdout
