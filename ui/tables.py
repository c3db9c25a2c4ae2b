"""The one way the app's list pages set up their tables: read-only rows chosen one at a
time, no row numbers, columns sized to their contents with the last one taking the rest."""
from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView


def read_only_rows(table: QTableView, *, wrap: bool = True) -> QTableView:
    """Configures `table` (a QTableView or QTableWidget) and returns it. `wrap=False`:
    one line per row (long text is elided instead)."""
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    table.setWordWrap(wrap)
    head = table.horizontalHeader()
    head.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    head.setStretchLastSection(True)
    return table
