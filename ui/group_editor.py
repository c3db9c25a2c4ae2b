"""A repeat group (several offenders, several URLs): a framed sub-form per row with its own
field rows, "Add" and "Remove" buttons, and the group's min/max item counts.

The editors of the cells come from the caller (`make_cell`, the editor table), which also
makes this editor: the table stays the one place that maps types to editors."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui import i18n
from ui.field_editors import FieldEditor
from ui.field_row import FieldRow

_tr = QCoreApplication.translate  # _tr("Context", "text"): found by lupdate

CellFactory = Callable[[object, QWidget], FieldEditor]


class GroupRow(QFrame):
    remove_requested = Signal(object)

    def __init__(self, field, parent: QWidget, make_cell: CellFactory):
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        outer = QVBoxLayout(self)
        head = QHBoxLayout()
        self.title = QLabel(self)
        f = self.title.font()
        f.setBold(True)
        self.title.setFont(f)
        self.remove = QPushButton(self)
        self.remove.clicked.connect(lambda: self.remove_requested.emit(self))
        head.addWidget(self.title, 1)
        head.addWidget(self.remove)
        outer.addLayout(head)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        outer.addLayout(self.form)
        self.rows: dict[str, FieldRow] = {}
        for child in field.fields:
            editor = make_cell(child, self)
            row = FieldRow(child, editor, self)
            self.form.addRow(row.label, row.container)
            self.rows[child.id] = row

    def retranslate(self, index: int, group_label: str) -> None:
        self.title.setText(f"{group_label} {index + 1}")
        self.remove.setText(_tr("GroupEditor", "Remove"))
        self.remove.setAccessibleName(_tr("GroupEditor", "Remove %1 %2").replace("%1", group_label)
                                      .replace("%2", str(index + 1)))
        for row in self.rows.values():
            row.retranslate()

    def value(self) -> dict:
        out = {}
        for cid, row in self.rows.items():
            if row.is_visible():
                v = row.editor.value()
                if v is not None:
                    out[cid] = v
        return out

    def all_values(self) -> dict:
        return {cid: row.editor.value() for cid, row in self.rows.items()
                if row.editor.value() is not None}

    def set_value(self, value: dict) -> None:
        for cid, row in self.rows.items():
            row.editor.set_value(value.get(cid) if isinstance(value, dict) else None)


class GroupEditor(FieldEditor):
    """Value: a list of row dicts (empty rows dropped)."""

    row_added = Signal(object)

    def __init__(self, field, parent=None, *, make_cell: CellFactory):
        super().__init__(field, parent)
        self.make_cell = make_cell
        host = QWidget(self)
        self.vbox = QVBoxLayout(host)
        self.vbox.setContentsMargins(0, 0, 0, 0)
        self.rows: list[GroupRow] = []
        self.rows_box = QVBoxLayout()
        self.vbox.addLayout(self.rows_box)
        self.add = QPushButton(host)
        self.add.clicked.connect(lambda: self.add_row(focus=True))
        bar = QHBoxLayout()
        bar.addWidget(self.add)
        bar.addStretch(1)
        self.vbox.addLayout(bar)
        self.lay.addWidget(host)
        for _ in range(field.min_items or 0):
            self.add_row()
        self.retranslate()

    def retranslate(self) -> None:
        label = i18n.pick(self.field.label)
        self.add.setText(_tr("GroupEditor", "Add %1").replace("%1", label))
        self.add.setAccessibleName(self.add.text())
        for i, row in enumerate(self.rows):
            row.retranslate(i, label)
        self._update_buttons()

    def _update_buttons(self) -> None:
        n = len(self.rows)
        self.add.setEnabled(self.field.max_items is None or n < self.field.max_items)
        for row in self.rows:
            row.remove.setEnabled(n > (self.field.min_items or 0))

    def add_row(self, focus: bool = False) -> GroupRow:
        row = GroupRow(self.field, self, self.make_cell)
        row.remove_requested.connect(self._remove_row)
        for fr in row.rows.values():
            fr.editor.changed.connect(self.changed)
        self.rows.append(row)
        self.rows_box.addWidget(row)
        row.retranslate(len(self.rows) - 1, i18n.pick(self.field.label))
        self._update_buttons()
        self.row_added.emit(row)
        if focus and row.rows:
            next(iter(row.rows.values())).editor.focus_target().setFocus()
        self.changed.emit()
        return row

    def _remove_row(self, row: GroupRow) -> None:
        self.rows.remove(row)
        row.setParent(None)
        row.deleteLater()
        self.retranslate()
        self.changed.emit()

    def nonempty_rows(self) -> list[tuple[GroupRow, dict]]:
        """The rows that make the value, in order: value index i is `nonempty_rows()[i]`
        (validation paths like `offenders[1].platform` count these)."""
        pairs = [(r, r.value()) for r in self.rows]
        return [(r, v) for r, v in pairs if v]

    def value(self):
        rows = [v for _r, v in self.nonempty_rows()]
        return rows or None

    def all_values(self):
        return [r.all_values() for r in self.rows]

    def set_value(self, value) -> None:
        items = value if isinstance(value, list) else []
        while len(self.rows) > max(len(items), self.field.min_items or 0):
            self._remove_row(self.rows[-1])
        while len(self.rows) < len(items):
            self.add_row()
        for row, item in zip(self.rows, items, strict=False):
            row.set_value(item)
        self.retranslate()

    def set_accessible(self, name: str) -> None:
        self.setAccessibleName(name)

    def focus_target(self):
        return self.add
