"""The Exports screen (issue 14, "Exports"): every signed PDF this vault exported, newest
first — when, which case, for which profile, to whom, the file's name and its state ("not
yet timestamped"; "timestamped 2026-12-07 — send this version" once the organisation's
trusted timestamps exist) — and "Save again…", which writes the vault's encrypted copy
(desktop/vault/exports_store.py), byte for byte the PDF first given out, to a file the
worker picks. "Open case" goes to the export's case while it is still in the vault."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QEvent, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui import dialogs, i18n
from ui.tables import read_only_rows

_ROOT = QModelIndex()


def exports_with_cases(vault) -> list[tuple]:
    """(export, the case's label to open it by, or None once the case is gone), newest
    first. A worker thread operation."""
    labels: dict[str | None, str | None] = {None: None}
    out = []
    for k in vault.list_exports():
        if k.case_id not in labels:
            case = vault.get_case(k.case_id)
            labels[k.case_id] = vault.case_label(case) if case is not None else None
        out.append((k, labels[k.case_id]))
    return out


class ExportsModel(QAbstractTableModel):
    COLUMNS = 6

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[tuple] = []

    def set_rows(self, rows: list[tuple]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent=_ROOT) -> int:  # noqa: N802 (Qt API)
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=_ROOT) -> int:  # noqa: N802 (Qt API)
        return 0 if parent.isValid() else self.COLUMNS

    def state_text(self, k) -> str:
        if k.timestamped_at:
            return self.tr("timestamped %1 — send this version").replace(
                "%1", i18n.fmt_date(k.timestamped_at[:10]))
        return self.tr("not yet timestamped")

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        k, _label = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            from desktop.export.profiles import PROFILES

            prof = PROFILES.get(k.profile)
            return (i18n.fmt_datetime(k.made_at), k.case_code,
                    i18n.pick(prof.title) if prof else k.profile, k.recipient or "",
                    k.file_name, self.state_text(k))[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tr("%1 · %2 pages · SHA-256 %3").replace("%1", i18n.fmt_size(k.size)) \
                .replace("%2", i18n.fmt_int(k.pages or 0)).replace("%3", k.sha256)
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (self.tr("Made"), self.tr("Case"), self.tr("Profile"), self.tr("Recipient"),
                self.tr("File"), self.tr("State"))[section]

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.COLUMNS - 1)
        if self.rows:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self.rows) - 1, self.COLUMNS - 1))


class ExportsView(QWidget):
    case_opened = Signal(str)

    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("ExportsView")
        self.session = session
        self.saved: Path | None = None   # the last file written by Save again
        outer = QVBoxLayout(self)
        self.title = QLabel(self)
        f = self.title.font()
        f.setPointSizeF(f.pointSizeF() * 1.3)
        f.setBold(True)
        self.title.setFont(f)
        outer.addWidget(self.title)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        outer.addWidget(self.hint)
        self.model = ExportsModel(self)
        self.table = read_only_rows(QTableView(self), wrap=False)
        self.table.setModel(self.model)
        self.table.activated.connect(lambda _i: self.save_again())
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._buttons())
        outer.addWidget(self.table, 1)
        self.empty = QLabel(self)
        self.empty.setWordWrap(True)
        outer.addWidget(self.empty)
        bar = QHBoxLayout()
        self.save = QPushButton(self)
        self.save.clicked.connect(self.save_again)
        self.open_case = QPushButton(self)
        self.open_case.clicked.connect(self._open_case)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        bar.addWidget(self.save)
        bar.addWidget(self.open_case)
        bar.addWidget(self.message, 1)
        outer.addLayout(bar)
        self.retranslate()
        self._buttons()

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Exports"))
        self.hint.setText(self.tr("Every signed PDF exported from this vault. The vault keeps "
                                  "an encrypted copy of each: Save again writes the same file, "
                                  "byte for byte."))
        self.table.setAccessibleName(self.tr("Exports, newest first"))
        self.empty.setText(self.tr("No exports yet: a case's Export PDF… makes one, and its "
                                   "copy is kept here."))
        self.save.setText(self.tr("&Save again…"))
        self.save.setAccessibleName(self.tr("Save the selected export again to a file"))
        self.open_case.setText(self.tr("&Open case"))
        self.open_case.setAccessibleName(self.tr("Open the case of the selected export"))
        self.model.retranslate()

    # -- loading -------------------------------------------------------------------------
    def reload(self) -> None:
        self.session.submit(exports_with_cases, self._loaded, key="exports")

    def _loaded(self, rows: list[tuple]) -> None:
        current = self.selected()
        self.model.set_rows(rows)
        self.table.setVisible(bool(rows))
        self.empty.setVisible(not rows)
        row = next((i for i, (k, _c) in enumerate(rows) if current and k.id == current.id), 0)
        if rows:
            self.table.selectRow(row)
        self._buttons()

    def selected(self):
        idx = self.table.currentIndex()
        if not idx.isValid() or idx.row() >= len(self.model.rows):
            return None
        return self.model.rows[idx.row()][0]

    def _buttons(self) -> None:
        idx = self.table.currentIndex()
        row = self.model.rows[idx.row()] if idx.isValid() and idx.row() < len(
            self.model.rows) else None
        self.save.setEnabled(row is not None)
        self.open_case.setEnabled(row is not None and row[1] is not None)

    # -- actions -------------------------------------------------------------------------
    def _open_case(self) -> None:
        idx = self.table.currentIndex()
        if idx.isValid() and self.model.rows[idx.row()][1] is not None:
            self.case_opened.emit(self.model.rows[idx.row()][1])

    def save_again(self) -> None:
        kept = self.selected()
        if kept is None:
            return
        target = dialogs.save_file(self, self.tr("Save the export again"),
                                   Path.home() / kept.file_name, "PDF (*.pdf)")
        if target is None:
            return
        export_id = kept.id
        self.message.setStyleSheet("")
        self.message.setText(self.tr("Writing…"))

        def op(vault):
            from desktop.export.kept import save_again

            return save_again(vault, export_id, target)

        self.session.submit(op, self._saved, self._failed)

    def _saved(self, result) -> None:
        kept, path = result
        self.saved = path
        self.message.setStyleSheet("")
        self.message.setText(self.tr("Saved again: %1 — the same file as exported (SHA-256 %2)")
                             .replace("%1", str(path)).replace("%2", kept.sha256[:16] + "…"))

    def _failed(self, exc) -> None:
        from desktop.errors import describe
        from ui.theme import error_color

        self.message.setStyleSheet(f"color: {error_color().name()};")
        self.message.setText(describe(exc, i18n.current()) or type(exc).__name__)
