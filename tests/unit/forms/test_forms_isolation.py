"""forms/ is Qt-free and imports nothing else of ours (checked in a fresh interpreter)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]

SCRIPT = r"""
import sys
sys.modules["PySide6"] = None          # any `import PySide6...` now fails
import forms, forms.lint, forms.examples, forms.migrate, forms.consent, forms.fake_draw
from forms.examples import example
from forms.lint import check_dir
from forms.loader import DEFINITIONS_DIR
reg = forms.load_registry()
assert all(forms.validate(f, example(f.id)) == [] for f in reg.all_latest())
assert check_dir(DEFINITIONS_DIR) == []
ours = sorted(m for m in sys.modules
              if m.split(".")[0] in ("desktop", "ui", "crypto", "sync"))
assert not ours, ours
assert not any(m.startswith("PySide6.") for m in sys.modules)
print("ok")
"""


def test_forms_imports_and_works_with_pyside6_blocked():
    result = subprocess.run([sys.executable, "-c", SCRIPT], cwd=ROOT, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"
