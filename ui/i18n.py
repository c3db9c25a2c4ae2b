"""The UI language: Qt translators for our .qm files and Qt's own, live switching, and
locale-formatted dates and numbers.

Source strings in the code are English; `ui/translations/ko.ts` carries Korean and
`en.ts` carries the (identical) English so both languages are checked for completeness.
Text that comes from data (form labels, validation messages) is chosen per language from
its ko/en pair, not through Qt.
"""
from __future__ import annotations

import datetime as _dt
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QTranslator,
)

LANGS = ("ko", "en")
TRANSLATIONS_DIR = Path(__file__).resolve().parent / "translations"

_state: dict = {"lang": "ko", "translators": []}


def current() -> str:
    return _state["lang"]


def locale() -> QLocale:
    return QLocale(QLocale.Language.Korean, QLocale.Country.SouthKorea) \
        if current() == "ko" else QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)


def install(lang: str) -> None:
    """Switch the application's language; every widget receives a LanguageChange event and
    re-reads its texts (see `retranslate` methods)."""
    if lang not in LANGS:
        lang = "ko"
    app = QCoreApplication.instance()
    for t in _state["translators"]:
        app.removeTranslator(t)
    _state["translators"] = []
    _state["lang"] = lang
    QLocale.setDefault(locale())
    # Qt's own strings (standard buttons, context menus, file dialogs) in the same
    # language: qtbase_ko.qm ships with PySide6. Where QLibraryInfo points elsewhere (a
    # bundle's qt.conf), the copy beside the PySide6 package is tried too. Ours is
    # installed last, so it is asked first: the few labels qtbase_ko lacks are ours
    # (dialogs.py).
    qt = QTranslator(app)
    if any(qt.load(locale(), "qtbase", "_", d) for d in _qt_translation_dirs()):
        app.installTranslator(qt)
        _state["translators"].append(qt)
    ours = QTranslator(app)
    if ours.load(str(TRANSLATIONS_DIR / f"{lang}.qm")):
        app.installTranslator(ours)
        _state["translators"].append(ours)


def _qt_translation_dirs() -> list[str]:
    dirs = [QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)]
    try:
        import PySide6

        dirs.append(str(Path(PySide6.__file__).resolve().parent / "Qt" / "translations"))
    except (ImportError, TypeError):
        pass
    return list(dict.fromkeys(d for d in dirs if d))


def translations_present() -> bool:
    return all((TRANSLATIONS_DIR / f"{lang}.qm").exists() for lang in LANGS)


def pick(text: dict | str | None) -> str:
    """The current language's side of a {"ko":..., "en":...} text from the form data."""
    if text is None:
        return ""
    if isinstance(text, str):
        return text
    lang = current()
    return text.get(lang) or text.get("ko") or text.get("en") or ""


def fmt_date(value) -> str:
    """A date as the record view and the PDF write it (forms.display_text): one style on
    every screen and page, `2026년 3월 1일` / `1 March 2026`."""
    from forms.display_text import format_date

    if value is None or value == "":
        return ""
    if isinstance(value, str):
        try:
            value = _dt.date.fromisoformat(value[:10])
        except ValueError:
            return value
    if isinstance(value, _dt.datetime):
        value = value.date()
    return format_date(value, current())


def fmt_datetime(value) -> str:
    """A moment in this computer's local time, in the same style as fmt_date."""
    from forms.display_text import format_datetime

    if value is None or value == "":
        return ""
    if isinstance(value, str):
        try:
            value = _dt.datetime.fromisoformat(value)
        except ValueError:
            return value
    if value.tzinfo is not None:
        value = value.astimezone().replace(tzinfo=None)  # the local clock, no offset note
    return format_datetime(value.replace(microsecond=0), current())


def fmt_int(n: int) -> str:
    return locale().toString(int(n))


def fmt_size(n: int) -> str:
    """Bytes in the locale's number format with a binary unit."""
    n = int(n)
    for unit, size in (("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10)):
        if n >= size:
            return f"{locale().toString(n / size, 'f', 1)} {unit}"
    return f"{locale().toString(n)} B"
