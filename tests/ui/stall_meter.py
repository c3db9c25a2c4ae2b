"""Measures how long the GUI event loop goes without running: a 5 ms timer records the
largest gap between its ticks. Used by the stall test and the UI benchmark."""
from __future__ import annotations

import time

from PySide6.QtCore import QObject, QTimer


class StallMeter(QObject):
    def __init__(self, interval_ms: int = 5):
        super().__init__()
        self.gaps: list[float] = []
        self._last = None
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._tick)

    def _tick(self) -> None:
        now = time.perf_counter()
        if self._last is not None:
            self.gaps.append((now - self._last) * 1000.0)
        self._last = now

    def start(self) -> None:
        self.gaps.clear()
        self._last = None
        self._timer.start()

    def stop(self) -> float:
        self._timer.stop()
        return self.max_ms

    @property
    def max_ms(self) -> float:
        return max(self.gaps, default=0.0)
