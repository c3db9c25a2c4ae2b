"""A case's files: name, size, SHA-256 (full, in a fixed-width font), when imported, which
record. Files are added to the record selected in the timeline — with the dialog or by
dropping them here. Importing (hashing + encryption) runs on the worker; afterwards the
worker is offered to delete the original, with the warning that deleting a file on an SSD
does not reliably destroy it. Removing a file is a tombstone.

"Hash only" (issue 16) imports a file's hashes (SHA-256, MD5, PDQ of an image) with an
optional note and keeps no byte of it: for intimate images the worker should not carry."""
from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui import dialogs
from ui.file_field_editors import dropped_paths
from ui.models import AttachmentModel, ObjectRole


class AttachmentsPanel(QWidget):
    changed = Signal()
    imported = Signal(list)  # Attachment objects just stored

    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.target = None  # the Record files are added to
        self.target_label = ""
        self.setAcceptDrops(True)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        head = QHBoxLayout()
        self.title = QLabel(self)
        f = self.title.font()
        f.setBold(True)
        self.title.setFont(f)
        head.addWidget(self.title, 1)
        self.add = QPushButton(self)
        self.add.clicked.connect(self._choose)
        self.add_hashes = QPushButton(self)
        self.add_hashes.clicked.connect(self._choose_hash_only)
        self.preview = QPushButton(self)
        self.preview.clicked.connect(self._preview_selected)
        self.remove = QPushButton(self)
        self.remove.clicked.connect(self._remove_selected)
        head.addWidget(self.add)
        head.addWidget(self.add_hashes)
        head.addWidget(self.preview)
        head.addWidget(self.remove)
        outer.addLayout(head)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        outer.addWidget(self.hint)
        self.model = AttachmentModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.activated.connect(lambda _i: self._preview_selected())
        outer.addWidget(self.table, 1)
        self.retranslate()

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Files"))
        self.add.setText(self.tr("&Add files…"))
        self.add.setAccessibleName(self.tr("Add files to the selected record"))
        self.add_hashes.setText(self.tr("Hashes &only…"))
        self.add_hashes.setAccessibleName(
            self.tr("Record only the hash values of files; the files are not kept"))
        self.preview.setText(self.tr("Pre&view"))
        self.preview.setAccessibleName(self.tr("Preview the selected image"))
        self.remove.setText(self.tr("Remove"))
        self.remove.setAccessibleName(self.tr("Remove the selected file"))
        self.table.setAccessibleName(self.tr("Files of this case"))
        self._update_hint()
        self.model.retranslate()

    def _update_hint(self) -> None:
        if self.target is None:
            self.hint.setText(self.tr("Select a record in the timeline to add files to it."))
        else:
            self.hint.setText(self.tr("New files go to: %1. You can also drop files here.")
                              .replace("%1", self.target_label))
        self.add.setEnabled(self.target is not None)
        self.add_hashes.setEnabled(self.target is not None)

    def set_target(self, record, label: str) -> None:
        self.target = record
        self.target_label = label
        self._update_hint()

    def set_items(self, attachments: list, record_labels: dict[str, str]) -> None:
        self.model.set_items(attachments, record_labels)

    def selected(self):
        idx = self.table.currentIndex()
        return self.model.data(self.model.index(idx.row(), 0), ObjectRole) if idx.isValid() \
            else None

    # -- adding --------------------------------------------------------------------------
    def _choose(self) -> None:
        paths = dialogs.open_files(self, self.tr("Add files"))
        if paths:
            self.import_files(paths)

    def _choose_hash_only(self) -> None:
        paths = dialogs.open_files(self, self.tr("Hashes only"))
        if not paths:
            return
        note = dialogs.get_text(self, self.tr("Hashes only"),
                                self.tr("The files will not be kept, only their hash values. "
                                        "Note (optional, e.g. where the original is):"))
        if note is None:
            return
        self.import_files(paths, hash_only=True, note=note.strip() or None)

    def dragEnterEvent(self, event) -> None:  # noqa: N802 (Qt API)
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dragMoveEvent(self, event) -> None:  # noqa: N802 (Qt API)
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802 (Qt API)
        paths = dropped_paths(event.mimeData())
        if not paths:
            return
        event.acceptProposedAction()
        self.import_files(paths)

    def import_files(self, paths: list[Path], *, hash_only: bool = False,
                     note: str | None = None) -> None:
        if self.target is None:
            dialogs.inform(self, self.tr("Add files"),
                           self.tr("Select a record in the timeline first: files belong to "
                                   "a record."))
            return
        rec = self.target
        field = self._file_field(rec)
        controller = self.session.controller
        if controller is not None and controller.main_window is not None:
            controller.main_window.busy(self.tr("Importing %1 file(s)…")
                                        .replace("%1", str(len(paths))))

        session = self.session

        def op(vault):
            from desktop.vault import NewFile

            saved = session.records(vault).attach(rec.id, *[
                NewFile(p, p.name, field, hash_only=hash_only, note=note) for p in paths])
            return [vault.get_attachment(a) for a in saved.attachments]

        self.session.submit(op, lambda atts: self._imported(paths, atts),
                            self._import_failed)

    def _file_field(self, rec) -> str | None:
        try:
            form = self.session.registry.get(rec.form, rec.form_version)
        except KeyError:
            return None
        for path, f in form.fields():
            if f.type == "attachment" and "[]" not in path:
                return path
        return None

    def _import_failed(self, exc) -> None:
        self._idle()
        if self.session.controller is not None:
            self.session.controller._show_error(exc)

    def _idle(self) -> None:
        controller = self.session.controller
        if controller is not None and controller.main_window is not None:
            controller.main_window.busy(None)

    def _imported(self, paths: list[Path], atts: list) -> None:
        self._idle()
        self.imported.emit(atts)
        self.changed.emit()
        names = "\n".join(f"{a.name} — SHA-256 {a.sha256}" for a in atts)
        text = self.tr(
            "Stored in the vault, encrypted:\n%1\n\nDelete the original files from "
            "this computer now?\n\nNote: on SSDs and flash drives deleting does not "
            "reliably destroy the data; the original may still be recoverable.")
        if atts and atts[0].hash_only:
            text = self.tr(
                "Only the hash values were recorded; the files were not kept:\n%1\n\n"
                "Delete the original files from this computer now?\n\nNote: on SSDs and "
                "flash drives deleting does not reliably destroy the data; the original may "
                "still be recoverable.")
        if dialogs.confirm(
                self, self.tr("Delete the original files?"), text.replace("%1", names),
                yes=self.tr("Delete originals"), no=self.tr("Keep them"), danger=True):
            self.session.submit(lambda _v: _unlink_all(paths),
                                lambda failed: self._unlink_done(failed))

    def _unlink_done(self, failed: list[str]) -> None:
        if failed:
            dialogs.warn(self, self.tr("Delete the original files?"),
                         self.tr("These could not be deleted:\n%1").replace("%1",
                                                                            "\n".join(failed)))

    # -- preview / remove ----------------------------------------------------------------
    def _preview_selected(self) -> None:
        a = self.selected()
        if a is None:
            return
        if a.hash_only:
            dialogs.inform(self, self.tr("Pre&view").replace("&", ""),
                           self.tr("Only the hash values of this file were kept: there is "
                                   "nothing to show."))
            return
        from ui.image_preview import show_attachment_preview

        show_attachment_preview(self, self.session, a.id, a.name)

    def _remove_selected(self) -> None:
        a = self.selected()
        if a is None:
            return
        if not dialogs.confirm(self, self.tr("Remove file"),
                               self.tr("Remove %1 from the case? It stays in the audit trail "
                                       "as removed.").replace("%1", a.name), danger=True):
            return
        session = self.session
        self.session.submit(lambda v: session.records(v).remove_file(a.record_id, a.id),
                            lambda _r: self.changed.emit())


def _unlink_all(paths: list[Path]) -> list[str]:
    failed = []
    for p in paths:
        try:
            os.unlink(p)
        except OSError:
            failed.append(str(p))
    return failed

