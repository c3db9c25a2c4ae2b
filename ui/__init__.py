"""ui: everything PySide6 (see docs/ui.md).

Importing this package works around a reference-counting bug of the pinned PySide6 6.12.0
on Python 3.11: every signal delivered to a Python slot drops one reference to `None`, and
every `Signal.emit()` from Python drops one to `True` (it returns a borrowed `True`). Those
singletons are refcounted before Python 3.12, so after some thousands of clicks, keystrokes
and worker results the interpreter aborts ("none_dealloc" / "bool_dealloc"). Python 3.12
made them immortal; we do the same here by giving them a reference count no session can
exhaust. Over-counting a singleton is harmless, so this stays safe once PySide6 is fixed.
tests/ui/test_pyside_refcounts.py shows the bug and the cure.
"""
import sys


def _immortal_singletons() -> None:
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    import ctypes

    for obj in (None, True, False):
        # ob_refcnt is the first field of every CPython object.
        ctypes.c_ssize_t.from_address(id(obj)).value += 1 << 40


_immortal_singletons()
