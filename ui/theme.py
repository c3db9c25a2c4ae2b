"""Colours that work in the system's light and dark schemes: everything else comes from
the palette, which Qt keeps in step with the desktop's colour scheme."""
from __future__ import annotations

from PySide6.QtGui import QColor, QGuiApplication, QPalette


def is_dark() -> bool:
    pal = QGuiApplication.palette()
    return pal.color(QPalette.ColorRole.Window).lightness() < 128


def error_color() -> QColor:
    return QColor("#ff8a80") if is_dark() else QColor("#b3261e")


def ok_color() -> QColor:
    return QColor("#81c995") if is_dark() else QColor("#1e7b34")


def muted_color() -> QColor:
    c = QGuiApplication.palette().color(QPalette.ColorRole.WindowText)
    c.setAlpha(160)
    return c
