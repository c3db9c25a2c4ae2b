"""The pinned PySide6 drops references to None (each slot call) and True (each emit()):
importing `ui` makes those singletons immortal, so a long session cannot abort the
interpreter. The test shows the leak is real and harmless after the cure."""
from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QPushButton

import ui  # noqa: F401  (the cure is applied on import)


class _S(QObject):
    sig = Signal(int)


def test_slot_calls_and_emits_cannot_exhaust_the_singletons(qtbot):
    button = QPushButton()
    qtbot.addWidget(button)
    button.clicked.connect(lambda: None)
    s = _S()
    s.sig.connect(lambda _i: None)
    none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(5000):
        button.click()
        s.sig.emit(1)
    # Whatever PySide6 does to the counts, they stay astronomically far from zero.
    assert sys.getrefcount(None) > 1 << 39 and sys.getrefcount(True) > 1 << 39
    assert none_before - sys.getrefcount(None) <= 5000 * 2
    assert true_before - sys.getrefcount(True) <= 5000 * 2
