"""The seam for modal dialogs (KeePassXC's MessageBox::setNextAnswer): code asks through
these functions; tests queue answers with `set_next_answer` instead of monkeypatching Qt,
and read what would have been shown in `history`.

File dialogs are always Qt's own widgets (never the native GTK/portal dialog, which records
"recently used" entries), and Qt's own directory history is wiped after each use.

Every box shown is tracked while it runs: locking closes them (`dismiss_all`) — nothing
asked by an unlocked session stays on screen over the unlock window, and a box whose parent
window was destroyed by the lock answers "no" instead of raising "already deleted".
"""
from __future__ import annotations

from collections import deque
from pathlib import Path

import shiboken6
from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QLineEdit, QMessageBox, QWidget

_next: deque = deque()
history: list[tuple[str, str, str]] = []  # (kind, title, text) of every dialog asked for
_open: list[QDialog] = []  # boxes being shown (their exec() is running)


_tr = QCoreApplication.translate  # _tr("Context", "text"): found by lupdate

def set_next_answer(answer) -> None:
    """Queue the answer of the next dialog (bool for confirm, list of paths for open_files,
    a path or None for save_file and choose_folder, text or None for get_text; None for
    inform/warn)."""
    _next.append(answer)


def clear() -> None:
    _next.clear()
    history.clear()


def _queued(kind: str, title: str, text: str):
    history.append((kind, title, text))
    if _next:
        return True, _next.popleft()
    return False, None


def _run(box: QDialog) -> bool:
    """exec() the box; True when it was accepted, False when refused, dismissed or
    destroyed meanwhile (a lock). A message box's own buttons are read by the caller."""
    _open.append(box)
    try:
        result = box.exec()
    finally:
        if box in _open:
            _open.remove(box)
    return alive(box) and result == QDialog.DialogCode.Accepted.value


def alive(box: QDialog) -> bool:
    return shiboken6.isValid(box)


def dismiss_all() -> None:
    """Close every box being shown (before a lock destroys the windows they belong to)."""
    for box in list(_open):
        if shiboken6.isValid(box):
            box.done(QDialog.DialogCode.Rejected)
    _open.clear()


def confirm(parent: QWidget | None, title: str, text: str, *, yes: str | None = None,
            no: str | None = None, danger: bool = False) -> bool:
    hit, answer = _queued("confirm", title, text)
    if hit:
        return bool(answer)
    box = QMessageBox(QMessageBox.Icon.Warning if danger else QMessageBox.Icon.Question,
                      title, text, parent=parent)
    yes_btn = box.addButton(yes or _tr("Dialogs", "Yes"), QMessageBox.ButtonRole.AcceptRole)
    no_btn = box.addButton(no or _tr("Dialogs", "No"), QMessageBox.ButtonRole.RejectRole)
    yes_btn.setAccessibleName(yes or _tr("Dialogs", "Yes"))
    no_btn.setAccessibleName(no or _tr("Dialogs", "No"))
    box.setDefaultButton(no_btn if danger else yes_btn)
    _run(box)
    return alive(box) and box.clickedButton() is yes_btn


def inform(parent: QWidget | None, title: str, text: str) -> None:
    hit, _ = _queued("inform", title, text)
    if not hit:
        _run(QMessageBox(QMessageBox.Icon.Information, title, text, parent=parent))


def warn(parent: QWidget | None, title: str, text: str) -> None:
    hit, _ = _queued("warn", title, text)
    if not hit:
        _run(QMessageBox(QMessageBox.Icon.Warning, title, text, parent=parent))


def get_text(parent: QWidget | None, title: str, label: str, text: str = "") -> str | None:
    hit, answer = _queued("get_text", title, label)
    if hit:
        return answer
    dlg = QInputDialog(parent)
    dlg.setWindowTitle(title)
    dlg.setLabelText(label)
    dlg.setTextEchoMode(QLineEdit.EchoMode.Normal)
    dlg.setTextValue(text)
    ok = _run(dlg)
    return dlg.textValue() if ok else None


def open_files(parent: QWidget | None, caption: str, name_filter: str = "") -> list[Path]:
    hit, answer = _queued("open_files", caption, name_filter)
    if hit:
        return [Path(p) for p in (answer or [])]
    dlg = _file_dialog(parent, caption, name_filter)
    dlg.setFileMode(QFileDialog.FileMode.ExistingFiles)
    chosen = [Path(p) for p in dlg.selectedFiles()] if _run(dlg) else []
    _forget(dlg)
    return chosen


def save_file(parent: QWidget | None, caption: str, suggested: Path,
              name_filter: str = "") -> Path | None:
    hit, answer = _queued("save_file", caption, str(suggested))
    if hit:
        return Path(answer) if answer else None
    dlg = _file_dialog(parent, caption, name_filter)
    dlg.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dlg.setDirectory(str(suggested.parent))
    dlg.selectFile(suggested.name)
    chosen = Path(dlg.selectedFiles()[0]) if _run(dlg) and dlg.selectedFiles() else None
    _forget(dlg)
    return chosen


def choose_folder(parent: QWidget | None, caption: str, start: Path) -> Path | None:
    """An existing folder (Qt's own dialog, history wiped like the others)."""
    hit, answer = _queued("choose_folder", caption, str(start))
    if hit:
        return Path(answer) if answer else None
    dlg = _file_dialog(parent, caption, "")
    dlg.setFileMode(QFileDialog.FileMode.Directory)
    dlg.setOption(QFileDialog.Option.ShowDirsOnly, True)
    dlg.setDirectory(str(start))
    chosen = Path(dlg.selectedFiles()[0]) if _run(dlg) and dlg.selectedFiles() else None
    _forget(dlg)
    return chosen


def _file_dialog(parent, caption: str, name_filter: str) -> QFileDialog:
    dlg = QFileDialog(parent, caption)
    dlg.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dlg.setOption(QFileDialog.Option.DontUseCustomDirectoryIcons, True)
    if name_filter:
        dlg.setNameFilter(name_filter)
    dlg.setHistory([])
    # qtbase's Korean catalogue lacks these two labels: without them the Korean file
    # dialog showed "Look in:" and "Files of type:".
    dlg.setLabelText(QFileDialog.DialogLabel.LookIn, _tr("Dialogs", "&Look in:"))
    dlg.setLabelText(QFileDialog.DialogLabel.FileType, _tr("Dialogs", "Files of &type:"))
    return dlg


def _forget(dlg: QFileDialog) -> None:
    """Qt's file dialog saves visited folders into QtProject.conf when it is destroyed:
    destroy it now, then remove what it wrote."""
    if alive(dlg):
        dlg.setHistory([])
        shiboken6.delete(dlg)
    settings = QSettings(QSettings.Scope.UserScope, "QtProject")
    settings.beginGroup("FileDialog")
    for key in ("history", "lastVisited", "shortcuts"):
        settings.remove(key)
    settings.endGroup()
    settings.sync()
