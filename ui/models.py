"""The shared Qt models, with their custom roles in one place.

- CaseTableModel: the cases list; lazy (fetchMore in batches) over an index order computed
  on the worker thread, so 100k cases open and scroll smoothly.
- TimelineModel: the records of a case, newest first, with their form's label; a record
  in conflict (two or more heads) says so in its version column.
- AttachmentModel: a case's files: name, size, SHA-256, when imported, which record.
"""
from __future__ import annotations

import datetime as _dt

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt

from ui import i18n
from ui.case_index import AUTHOR, CODE, CREATED, STATUS, UPDATED, WORKER_COL, Facets
from ui.event_dates import event_date

_tr = QCoreApplication.translate  # _tr("Context", "text"): found by lupdate

_ROOT = QModelIndex()
CodeRole = Qt.ItemDataRole.UserRole + 1
RecordIdRole = Qt.ItemDataRole.UserRole + 2
AttachmentIdRole = Qt.ItemDataRole.UserRole + 3
ObjectRole = Qt.ItemDataRole.UserRole + 4

BATCH = 500


def _choice_labels(ids: tuple, labels: dict) -> str:
    return ", ".join(labels.get(i, i) for i in ids)


MASK = "●●●"  # an alias hidden in privacy mode (the column still says one is recorded)


class CaseTableModel(QAbstractTableModel):
    """Columns (logical): 0 case, 1 status, 2 opened, 3 last change, 4 crime types,
    5 support areas, 6 alias, 7 urgency, 8 next contact, 9 worker, 10 team. The view shows
    6-8 right after the code (QHeaderView.moveSection), so sort keys and tests keep their
    numbers; 9 and 10 only on the center's desk (its rows carry the case's author, and
    `teams` maps each worker to a team), before them."""
    COLUMNS = 11

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[tuple] = []
        self.pos: dict[str, int] = {}
        self.order: list[int] = []
        self.facets: dict[str, Facets] = {}
        self.crime_labels: dict[str, str] = {}
        self.area_labels: dict[str, str] = {}
        self.urgency_labels: dict[int, str] = {}
        self.extras = None  # case_extras.CaseExtras aligned with `rows`, once loaded
        self.conflicts: frozenset[str] = frozenset()  # labels of cases with a conflict
        self.teams: dict[str, str] = {}  # the desk's worker -> team (desktop/vault/teams.py)
        self.privacy = False
        self.today = _dt.date.today().toordinal()
        self._exposed = 0
        self._total: int | None = None  # while only the first page is held: all cases

    # -- data in -------------------------------------------------------------------------
    def set_rows(self, rows: list[tuple], order: list[int],
                 pos: dict[str, int] | None = None) -> None:
        self.beginResetModel()
        self.pos = pos or {}
        self.rows = rows
        self.extras = None  # aligned with the previous rows: reloaded for these
        self.order = order
        self._total = None
        self._exposed = min(BATCH, len(order))
        self.endResetModel()

    def set_first_page(self, rows: list[tuple], total: int) -> None:
        """The first rows of the default order while the rest loads: shown at once, and
        `total()` already counts every case."""
        self.set_rows(rows, list(range(len(rows))), {r[CODE]: i for i, r in enumerate(rows)})
        self._total = total

    @property
    def partial(self) -> bool:
        return self._total is not None

    def set_order(self, order: list[int]) -> None:
        self.beginResetModel()
        self.order = order
        self._total = None
        self._exposed = min(BATCH, len(order))
        self.endResetModel()

    def set_facets(self, facets: dict[str, Facets], crime_labels: dict, area_labels: dict):
        self.facets = facets
        self.crime_labels, self.area_labels = crime_labels, area_labels
        self._refresh_cells()

    def set_labels(self, crime_labels: dict, area_labels: dict, urgency_labels: dict) -> None:
        """Choice labels in the current language (set again when the language changes:
        the English list showed Korean crime types after a switch)."""
        self.crime_labels, self.area_labels = crime_labels, area_labels
        self.urgency_labels = urgency_labels
        self._refresh_cells()

    def set_extras(self, extras) -> None:
        if extras is not None and len(extras.urgency) != len(self.rows):
            return  # loaded for rows since replaced
        self.extras = extras
        self.today = _dt.date.today().toordinal()
        self._refresh_cells()

    def set_privacy(self, on: bool) -> None:
        self.privacy = on
        self._refresh_cells()

    def set_teams(self, teams: dict[str, str]) -> None:
        if teams != self.teams:
            self.teams = teams
            self._refresh_cells()

    def set_conflicts(self, labels) -> None:
        """Cases (by label, the rows' first column) holding a record in conflict: their
        code carries a "conflict" badge until the versions are merged."""
        labels = frozenset(labels)
        if labels != self.conflicts:
            self.conflicts = labels
            self._refresh_cells()

    def _refresh_cells(self) -> None:
        if self._exposed:
            self.dataChanged.emit(self.index(0, 0), self.index(self._exposed - 1,
                                                               self.COLUMNS - 1))

    def total(self) -> int:
        return len(self.order) if self._total is None else self._total

    # -- lazy exposure -------------------------------------------------------------------
    def rowCount(self, parent=_ROOT) -> int:  # noqa: N802 (Qt API)
        return 0 if parent.isValid() else self._exposed

    def columnCount(self, parent=_ROOT) -> int:  # noqa: N802 (Qt API)
        return 0 if parent.isValid() else self.COLUMNS

    def canFetchMore(self, parent=_ROOT) -> bool:  # noqa: N802 (Qt API)
        return not parent.isValid() and self._exposed < len(self.order)

    def fetchMore(self, parent=_ROOT) -> None:  # noqa: N802 (Qt API)
        if parent.isValid():
            return
        n = min(BATCH, len(self.order) - self._exposed)
        if n <= 0:
            return
        self.beginInsertRows(QModelIndex(), self._exposed, self._exposed + n - 1)
        self._exposed += n
        self.endInsertRows()

    def expose_all(self) -> None:
        while self.canFetchMore():
            self.fetchMore()

    # -- data out ------------------------------------------------------------------------
    def row_tuple(self, row: int) -> tuple:
        return self.rows[self.order[row]]

    def code_at(self, row: int) -> str:
        return self.row_tuple(row)[CODE]

    def row_of(self, code: str) -> int:
        i = self.pos.get(code)
        if i is None:
            return -1
        try:
            return self.order.index(i)
        except ValueError:
            return -1

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= self._exposed:
            return None
        i = self.order[index.row()]
        r = self.rows[i]
        col = index.column()
        if role == CodeRole:
            return r[CODE]
        if col >= WORKER_COL:
            if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole) \
                    or len(r) <= AUTHOR:
                return None
            return r[AUTHOR] if col == WORKER_COL else self.teams.get(r[AUTHOR], "")
        if col >= 6:
            return self._extra(i, col, role)
        if col == 0 and r[CODE] in self.conflicts:
            return self._conflict_badge(r[CODE], role)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if col == 0:
                return r[CODE]
            if col == 1:
                return _tr("Models", "Open") if r[STATUS] == "open" else _tr("Models", "Closed")
            if col == 2:
                return i18n.fmt_date(r[CREATED])
            if col == 3:
                return i18n.fmt_date(r[UPDATED])
            f = self.facets.get(r[CODE])
            if f is None:
                return ""
            if col == 4:
                return _choice_labels(f.crime_types, self.crime_labels)
            if col == 5:
                return _choice_labels(f.support_areas, self.area_labels)
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (_tr("Models", "Case"), _tr("Models", "Status"), _tr("Models", "Opened"),
                _tr("Models", "Last change"), _tr("Models", "Crime types"),
                _tr("Models", "Support areas"), _tr("Models", "Alias"),
                _tr("Models", "Urgency"), _tr("Models", "Next contact"),
                _tr("Models", "Worker"), _tr("Models", "Team"))[section]

    def _conflict_badge(self, code: str, role):
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{code}  ⚠ " + _tr("Models", "conflict")
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return _tr("Models", "%1, conflict: versions to merge").replace("%1", code)
        if role == Qt.ItemDataRole.ToolTipRole:
            return _tr("Models", "A record of this case was changed in two places: open the "
                       "case and choose Resolve to merge the versions")
        if role == Qt.ItemDataRole.ForegroundRole:
            from ui.theme import error_color

            return error_color()
        return None

    def _extra(self, i: int, col: int, role):
        x = self.extras
        if x is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if col == 6:
                alias = x.alias[i]
                if alias and self.privacy:
                    return MASK if role == Qt.ItemDataRole.DisplayRole \
                        else _tr("Models", "hidden (privacy mode)")
                return alias or ""
            if col == 7:
                return self.urgency_labels.get(x.urgency[i], "")
            d = x.next_contact[i]
            if not d:
                return ""
            text = i18n.fmt_date(_dt.date.fromordinal(d))
            if d < self.today and role == Qt.ItemDataRole.AccessibleTextRole:
                text = _tr("Models", "%1 (overdue)").replace("%1", text)
            return text
        if role == Qt.ItemDataRole.ForegroundRole and (
                (col == 8 and 0 < x.next_contact[i] <= self.today)
                or (col == 7 and x.urgency[i] == 1)):
            from ui.theme import error_color

            return error_color()  # due or overdue, and emergencies, stand out
        return None

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.COLUMNS - 1)
        if self._exposed:
            self.dataChanged.emit(self.index(0, 0), self.index(self._exposed - 1,
                                                               self.COLUMNS - 1))


class TimelineModel(QAbstractTableModel):
    """Records newest first by the date of the event they record (the session's date, the
    incident's…: ui/event_dates.py), save time second: when, form label, version, author;
    and, once the vault is enrolled, where each stands on its way to the server (a fifth
    column: `set_delivery`, ui/delivery_text.py)."""

    def __init__(self, registry, parent=None):
        super().__init__(parent)
        self.registry = registry
        self.records: list = []
        self._dates: dict[str, str | None] = {}  # record id -> event date, found once
        self.delivery: dict | None = None  # record id -> Delivery; None: sync is off

    def set_records(self, records: list) -> None:
        self.beginResetModel()
        reg = self.registry
        # Each record's event date is found once here, not again for every painted cell.
        self._dates = {r.id: event_date(reg, r) for r in records}
        self.records = sorted(records, key=lambda r: (
            self._dates[r.id] or (r.created or "")[:10], r.created or "", r.id), reverse=True)
        self.endResetModel()

    def rowCount(self, parent=_ROOT) -> int:  # noqa: N802 (Qt API)
        return 0 if parent.isValid() else len(self.records)

    def columnCount(self, parent=_ROOT) -> int:  # noqa: N802 (Qt API)
        return 0 if parent.isValid() else 4 if self.delivery is None else 5

    def set_delivery(self, delivery: dict | None) -> None:
        """Each record's delivery state (None when the vault is not enrolled: no column)."""
        had, has = self.delivery is not None, delivery is not None
        if has and not had:
            self.beginInsertColumns(_ROOT, 4, 4)
            self.delivery = delivery
            self.endInsertColumns()
        elif had and not has:
            self.beginRemoveColumns(_ROOT, 4, 4)
            self.delivery = None
            self.endRemoveColumns()
        else:
            self.delivery = delivery
            if has and self.records:
                self.dataChanged.emit(self.index(0, 4), self.index(len(self.records) - 1, 4))

    def form_label(self, rec) -> str:
        try:
            return i18n.pick(self.registry.get(rec.form, rec.form_version).title)
        except KeyError:
            return rec.form

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        rec = self.records[index.row()]
        if role == RecordIdRole:
            return rec.id
        if role == ObjectRole:
            return rec
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 0:
            return _tr("Models", "Saved %1").replace("%1", i18n.fmt_datetime(rec.created))
        if index.column() == 4 and self.delivery is not None:
            from ui import delivery_text

            d = self.delivery.get(rec.id)
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                return delivery_text.short(d)
            return delivery_text.line(d) if role == Qt.ItemDataRole.ToolTipRole else None
        if rec.conflict and index.column() == 2:
            if role == Qt.ItemDataRole.ForegroundRole:
                from ui.theme import error_color

                return error_color()
            if role == Qt.ItemDataRole.ToolTipRole:
                return _tr("Models", "%1 versions saved separately: select the record and "
                           "choose Resolve").replace("%1", str(len(rec.heads)))
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            col = index.column()
            if col == 0:
                return i18n.fmt_date(self._dates.get(rec.id)) or i18n.fmt_datetime(rec.created)
            if col == 1:
                return self.form_label(rec)
            if col == 2 and rec.conflict:
                return "⚠ " + _tr("Models", "conflict: %1 versions").replace(
                    "%1", str(len(rec.heads)))
            if col == 2:
                return (_tr("Models", "version %1").replace("%1", str(rec.version))
                        if rec.version > 1 else _tr("Models", "original"))
            if col == 3:
                return rec.author
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        # The event's date (ui/event_dates.py), not the save time: the column says "Date".
        return (_tr("Models", "Date"), _tr("Models", "Record"), _tr("Models", "Version"),
                _tr("Models", "By"), _tr("Models", "Delivery"))[section]

    def retranslate(self) -> None:
        last = self.columnCount() - 1
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, last)
        if self.records:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.records) - 1, last))


class AttachmentModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.items: list = []
        self.record_labels: dict[str, str] = {}

    def set_items(self, items: list, record_labels: dict[str, str]) -> None:
        self.beginResetModel()
        self.items = [a for a in items if not getattr(a, "removed", False)]
        self.record_labels = record_labels
        self.endResetModel()

    def rowCount(self, parent=_ROOT) -> int:  # noqa: N802 (Qt API)
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent=_ROOT) -> int:  # noqa: N802 (Qt API)
        return 0 if parent.isValid() else 5

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        a = self.items[index.row()]
        if role == AttachmentIdRole:
            return a.id
        if role == ObjectRole:
            return a
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            # a hash-only item (issue 16) is marked where the eye reads first: its name
            name = f"{a.name} · {_tr('Models', 'hash only')}" \
                if getattr(a, "hash_only", False) else a.name
            return (name, i18n.fmt_size(a.size), a.sha256, i18n.fmt_datetime(a.imported_at),
                    self.record_labels.get(a.record_id, ""))[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and index.column() in (0, 2):
            lines = [f"SHA-256 {a.sha256}", f"MD5 {a.md5}"]
            if getattr(a, "pdq", None):
                lines.append(f"PDQ {a.pdq} ({a.pdq_quality})")
            if getattr(a, "vpdq", None):
                lines.append(_tr("Models", "vPDQ: %1 frames").replace("%1", str(len(a.vpdq))))
            elif (getattr(a, "media_type", None) or "").startswith("video/"):
                lines.append(_tr("Models", "No frame hashes: the video add-on is not "
                                           "installed."))
            if getattr(a, "hash_only", False):
                lines.append(_tr("Models", "Hash only: the file itself was not kept."))
                if a.note:
                    lines.append(a.note)
            return "\n".join(lines)
        if role == Qt.ItemDataRole.FontRole and index.column() == 2:
            from PySide6.QtGui import QFontDatabase

            return QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (_tr("Models", "File"), _tr("Models", "Size"), _tr("Models", "SHA-256"), _tr("Models", "Imported"), _tr("Models", "Record"))[section]

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 4)
