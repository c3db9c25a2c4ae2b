"""Editors for the file field types. Their content is not in the record JSON: files and
signatures become vault attachments (by record id and field path) once the record is
saved. Until then they are "pending": paths chosen or dropped, a drawn signature's PNG bytes
held in memory (and in the encrypted draft)."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui import dialogs, i18n
from ui.field_editors import FieldEditor
from ui.signature_pad import SignaturePad

_tr = QCoreApplication.translate  # _tr("Context", "text"): found by lupdate

IMAGE_FILTER = "Images (*.png *.jpg *.jpeg *.heic *.webp *.bmp *.tif *.tiff)"


def dropped_paths(mime) -> list[Path]:
    if not mime.hasUrls():
        return []
    return [Path(u.toLocalFile()) for u in mime.urls()
            if u.isLocalFile() and Path(u.toLocalFile()).is_file()]


class AttachmentEditor(FieldEditor):
    """Files of one attachment field: stored ones (name, size, SHA-256) and pending ones.
    Files can be added with the dialog or dropped on the editor."""

    remove_stored = Signal(str)  # attachment id to tombstone
    preview_stored = Signal(str)

    def __init__(self, field, parent=None):
        super().__init__(field, parent)
        self.setAcceptDrops(True)
        host = QWidget(self)
        v = QVBoxLayout(host)
        v.setContentsMargins(0, 0, 0, 0)
        self.list = QTreeWidget(host)
        self.list.setRootIsDecorated(False)
        self.list.setColumnCount(3)
        self.list.setMinimumHeight(self.fontMetrics().height() * 5)
        self.list.itemActivated.connect(self._activated)
        v.addWidget(self.list)
        bar = QHBoxLayout()
        self.add = QPushButton(host)
        self.add.clicked.connect(self._choose)
        self.remove = QPushButton(host)
        self.remove.clicked.connect(self._remove_selected)
        self.hint = QLabel(host)
        bar.addWidget(self.add)
        bar.addWidget(self.remove)
        bar.addWidget(self.hint, 1)
        v.addLayout(bar)
        self.lay.addWidget(host)
        self.stored: list = []
        self.pending: list[Path] = []
        self.retranslate()

    def retranslate(self) -> None:
        self.list.setHeaderLabels([_tr("FileFieldEditor", "File"), _tr("FileFieldEditor", "Size"), _tr("FileFieldEditor", "SHA-256")])
        self.add.setText(_tr("FileFieldEditor", "Add file…"))
        self.add.setAccessibleName(_tr("FileFieldEditor", "Add file"))
        self.remove.setText(_tr("FileFieldEditor", "Remove"))
        self.remove.setAccessibleName(_tr("FileFieldEditor", "Remove the selected file"))
        self.hint.setText(_tr("FileFieldEditor", "or drop files here"))
        self._refresh()

    def set_accessible(self, name: str) -> None:
        self.list.setAccessibleName(name)

    def focus_target(self):
        return self.list

    def set_stored(self, attachments: list) -> None:
        self.stored = [a for a in attachments if not getattr(a, "removed", False)]
        self._refresh()

    def add_pending(self, paths: list[Path]) -> None:
        for p in paths:
            if p not in self.pending:
                self.pending.append(p)
        self._refresh()
        self.changed.emit()

    def pending_files(self) -> list[Path]:
        return list(self.pending)

    def _refresh(self) -> None:
        self.list.clear()
        for a in self.stored:
            item = QTreeWidgetItem([a.name, i18n.fmt_size(a.size), a.sha256])
            item.setData(0, Qt.ItemDataRole.UserRole, ("stored", a.id))
            item.setToolTip(2, a.sha256)
            self.list.addTopLevelItem(item)
        for p in self.pending:
            item = QTreeWidgetItem([p.name, _tr("FileFieldEditor", "to be added when saved"), ""])
            item.setData(0, Qt.ItemDataRole.UserRole, ("pending", str(p)))
            self.list.addTopLevelItem(item)
        for col in range(2):
            self.list.resizeColumnToContents(col)

    def _choose(self) -> None:
        paths = dialogs.open_files(self, _tr("FileFieldEditor", "Add files"))
        if paths:
            self.add_pending(paths)

    def _remove_selected(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        kind, ident = item.data(0, Qt.ItemDataRole.UserRole)
        if kind == "pending":
            self.pending = [p for p in self.pending if str(p) != ident]
            self._refresh()
            self.changed.emit()
        else:
            self.remove_stored.emit(ident)

    def _activated(self, item, _col) -> None:
        kind, ident = item.data(0, Qt.ItemDataRole.UserRole)
        if kind == "stored":
            self.preview_stored.emit(ident)

    def dragEnterEvent(self, event) -> None:  # noqa: N802 (Qt API)
        if dropped_paths(event.mimeData()):
            event.acceptProposedAction()

    def dragMoveEvent(self, event) -> None:  # noqa: N802 (Qt API)
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802 (Qt API)
        paths = dropped_paths(event.mimeData())
        if paths:
            self.add_pending(paths)
            event.acceptProposedAction()


class SignatureEditor(FieldEditor):
    """Draw on the pad, or pick a photo/scan of the paper form. A stored signature is shown
    as such; signing again replaces it when the record is saved."""

    def __init__(self, field, parent=None):
        super().__init__(field, parent)
        host = QWidget(self)
        v = QVBoxLayout(host)
        v.setContentsMargins(0, 0, 0, 0)
        self.status = QLabel(host)
        self.status.setWordWrap(True)
        v.addWidget(self.status)
        self.pad = SignaturePad(host)
        self.pad.changed.connect(self._pad_changed)
        v.addWidget(self.pad)
        bar = QHBoxLayout()
        self.clear = QPushButton(host)
        self.clear.clicked.connect(self._clear)
        self.photo = QPushButton(host)
        self.photo.clicked.connect(self._choose_photo)
        bar.addWidget(self.clear)
        bar.addWidget(self.photo)
        bar.addStretch(1)
        v.addLayout(bar)
        self.lay.addWidget(host)
        self.stored = None       # the live attachment, if any
        self.photo_path: Path | None = None
        self.png: bytes | None = None  # a drawn signature restored from a draft
        self.retranslate()

    def retranslate(self) -> None:
        self.clear.setText(_tr("FileFieldEditor", "Clear"))
        self.clear.setAccessibleName(_tr("FileFieldEditor", "Clear the signature"))
        self.photo.setText(_tr("FileFieldEditor", "Use a photo or scan…"))
        self.photo.setAccessibleName(_tr("FileFieldEditor", "Use a photo or scan of the signed paper"))
        self.pad.setAccessibleName(_tr("FileFieldEditor", "Signature pad: sign with the mouse, pen or finger"))
        self._update_status()

    def set_accessible(self, name: str) -> None:
        self.pad.setAccessibleName(name)

    def focus_target(self):
        return self.photo

    def set_stored(self, attachments: list) -> None:
        live = [a for a in attachments if not getattr(a, "removed", False)]
        self.stored = live[-1] if live else None
        self._update_status()

    def _update_status(self) -> None:
        if self.photo_path is not None:
            text = _tr("FileFieldEditor", "Photo/scan to be stored: %1").replace("%1", self.photo_path.name)
        elif not self.pad.is_empty() or self.png:
            text = _tr("FileFieldEditor", "Drawn signature — stored when the record is saved.")
        elif self.stored is not None:
            text = _tr("FileFieldEditor", "Signed: stored in the vault (%1). Sign again to replace it.") \
                .replace("%1", self.stored.name)
        else:
            text = _tr("FileFieldEditor", "Not signed yet.")
        self.status.setText(text)

    def _pad_changed(self) -> None:
        self.png = None
        self._update_status()
        self.changed.emit()

    def _clear(self) -> None:
        self.pad.clear()
        self.photo_path = None
        self.png = None
        self._update_status()
        self.changed.emit()

    def _choose_photo(self) -> None:
        paths = dialogs.open_files(self, _tr("FileFieldEditor", "Photo or scan of the signature"), IMAGE_FILTER)
        if paths:
            self.photo_path = paths[0]
            self._update_status()
            self.changed.emit()

    def has_signature(self) -> bool:
        return (self.stored is not None or self.photo_path is not None or self.png is not None
                or not self.pad.is_empty())

    def pending(self) -> tuple[str, bytes | Path] | None:
        """What to store when the record is saved: (file name, bytes or a path)."""
        if self.photo_path is not None:
            return self.photo_path.name, self.photo_path
        if not self.pad.is_empty():
            return "signature.png", self.pad.to_png()
        if self.png:
            return "signature.png", self.png
        return None

    def restore_pending(self, png: bytes | None, photo: str | None) -> None:
        self.png = png
        self.photo_path = Path(photo) if photo else None
        self._update_status()
