"""The cases list: full-text search (Korean-aware, in the vault), filters (status, support
area, crime type, opening date range), column sort, new case in one click; a case holding
a record in conflict carries a "conflict" badge beside its code. Everything
that touches the vault or walks 100k rows runs on the worker thread.

On the center's desk the list adds the Worker and Team columns, sortable, and filters on
them (ui/case_list_desk.py); a worker's laptop shows neither."""
from __future__ import annotations

from PySide6.QtCore import QDate, QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui import i18n
from ui.case_index import (
    AUTHOR,
    FIRST_PAGE,
    TEAM_COL,
    WORKER_COL,
    CaseFilter,
    FacetLoader,
    compute_view,
    positions,
)
from ui.case_list_desk import DeskColumns, is_desk, load_teams
from ui.models import CaseTableModel

_NO_DATE = QDate(2000, 1, 1)
DEFAULT_SORT = (3, True)  # last change, newest first (Vault.recent_case_rows's order)


class CasesView(QWidget):
    case_opened = Signal(str)
    new_case_requested = Signal()
    loaded = Signal()          # rows shown (first paint possible)
    search_done = Signal(str)  # the query whose results are now shown
    extras_loaded = Signal()   # alias, urgency, next contact of every case (the today view)

    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.model = CaseTableModel(self)
        self.sort = DEFAULT_SORT
        self.filter = CaseFilter()
        self._pos: dict[str, int] = {}
        # Unfiltered orders of the loaded rows by sort (case_index.compute_view): replaced
        # with the rows and when the facets arrive; read and filled on the worker only.
        self._orders: dict = {}
        self._facets_loaded = False
        self._facet_loader = None  # the FacetLoader whose chunks are being read
        self._query = ""

        outer = QVBoxLayout(self)
        top = QHBoxLayout()
        self.title = QLabel(self)
        f = self.title.font()
        f.setPointSizeF(f.pointSizeF() * 1.3)
        f.setBold(True)
        self.title.setFont(f)
        self.new_case = QPushButton(self)
        self.new_case.clicked.connect(self.new_case_requested)
        top.addWidget(self.title, 1)
        top.addWidget(self.new_case)
        outer.addLayout(top)

        self.search = QLineEdit(self)
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._search_changed)
        search_row = QHBoxLayout()  # on a desk, the Worker and Team filters beside it
        search_row.addWidget(self.search, 1)
        outer.addLayout(search_row)

        bar = QHBoxLayout()
        self.status = QComboBox(self)
        self.area = QComboBox(self)
        self.crime = QComboBox(self)
        for combo in (self.area, self.crime):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(10)  # fits a full-HD window at 200 % text
        # The center's desk (known from the first load): Worker and Team columns, filters.
        self.desk_cols = DeskColumns(self)
        self.worker, self.team = self.desk_cols.worker, self.desk_cols.team
        self.date_from = self._date_edit()
        self.date_to = self._date_edit()
        self.status_label, self.area_label, self.crime_label = QLabel(self), QLabel(self), \
            QLabel(self)
        self.from_label, self.to_label = QLabel(self), QLabel(self)
        for label, w in self.desk_cols.filter_pairs():  # the filter row is full
            label.setBuddy(w)
            search_row.addWidget(label)
            search_row.addWidget(w)
        for label, w in ((self.status_label, self.status), (self.area_label, self.area),
                         (self.crime_label, self.crime), (self.from_label, self.date_from),
                         (self.to_label, self.date_to)):
            label.setBuddy(w)
            bar.addWidget(label)
            bar.addWidget(w)
        self.clear_filters = QPushButton(self)
        self.clear_filters.clicked.connect(self._clear_filters)
        bar.addWidget(self.clear_filters)
        bar.addStretch(1)
        outer.addLayout(bar)

        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(
            int(self.fontMetrics().height() * 1.7))
        head = self.table.horizontalHeader()
        head.setSectionsClickable(True)
        head.setSortIndicatorShown(True)
        head.setSortIndicator(3, Qt.SortOrder.DescendingOrder)
        head.sortIndicatorChanged.connect(self._sort_changed)
        head.setStretchLastSection(True)
        # What a worker scans for first, right after the code: alias, urgency, next contact
        # (logical columns 6-8 keep their numbers; only their place on screen moves).
        for visual, logical in ((1, 6), (2, 7), (3, 8)):
            head.moveSection(head.visualIndex(logical), visual)
        # the code column holds a generated code (6-letter prefix) and "⚠ conflict"
        for col, chars in ((0, 30), (6, 10), (7, 14), (8, 12), (1, 6), (2, 12), (3, 12),
                           (4, 24), (WORKER_COL, 10), (TEAM_COL, 7)):
            head.resizeSection(col, self.fontMetrics().horizontalAdvance("0") * chars)
        self.desk_cols.hide_columns(head)  # until a load says this vault is a desk
        self.table.activated.connect(lambda idx: self.case_opened.emit(self.model.code_at(
            idx.row())))
        outer.addWidget(self.table, 1)
        self.count = QLabel(self)
        outer.addWidget(self.count)

        self._fill_filter_choices()
        for combo in (self.status, self.area, self.crime, self.worker, self.team):
            combo.currentIndexChanged.connect(self._filters_changed)
        for d in (self.date_from, self.date_to):
            d.dateChanged.connect(self._filters_changed)
        self.retranslate()

    def _date_edit(self) -> QDateEdit:
        d = QDateEdit(self)
        d.setCalendarPopup(True)
        d.setMinimumDate(_NO_DATE)
        d.setSpecialValueText(" ")
        d.setDate(_NO_DATE)
        return d

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Cases"))
        self.new_case.setText(self.tr("&New case"))
        self.new_case.setAccessibleName(self.tr("New case"))
        self.new_case.setToolTip(self.tr("Create a case with a new code (Ctrl+N)"))
        self.search.setPlaceholderText(self.tr("Search names, places, notes, case codes… "
                                               "(Ctrl+F)"))
        self.search.setAccessibleName(self.tr("Search cases"))
        self.status_label.setText(self.tr("&Status"))
        self.area_label.setText(self.tr("Support &area"))
        self.crime_label.setText(self.tr("C&rime type"))
        self.from_label.setText(self.tr("Opened &from"))
        self.to_label.setText(self.tr("&to"))
        self.clear_filters.setText(self.tr("Clear filters"))
        self.clear_filters.setAccessibleName(self.tr("Clear filters"))
        for w, name in ((self.status, self.tr("Status filter")),
                        (self.area, self.tr("Support area filter")),
                        (self.crime, self.tr("Crime type filter")),
                        (self.date_from, self.tr("Opened from")),
                        (self.date_to, self.tr("Opened until")),
                        (self.table, self.tr("Cases"))):
            w.setAccessibleName(name)
        self.desk_cols.retranslate()
        self._fill_filter_choices()
        fmt = i18n.locale().dateFormat(i18n.locale().FormatType.ShortFormat)
        for d in (self.date_from, self.date_to):
            d.setDisplayFormat(fmt if "yyyy" in fmt else fmt.replace("yy", "yyyy"))
        self.model.set_labels(dict(self._choice_items("incident", "crime_types")),
                              dict(self._choice_items("intake", "support_areas")),
                              self.urgency_labels())
        self.model.retranslate()
        self._update_count()

    def urgency_labels(self) -> dict[int, str]:
        from ui.case_extras import URGENCY_RANK

        return {URGENCY_RANK[cid]: label.split("(")[0].strip()
                for cid, label in self._choice_items("intake", "urgency")
                if cid in URGENCY_RANK}

    def set_privacy(self, on: bool) -> None:
        self.model.set_privacy(on)

    def _choice_items(self, form_id: str, field_id: str) -> list[tuple[str, str]]:
        try:
            f = self.session.registry.latest(form_id).field(field_id)
        except KeyError:
            return []
        return [(c.id, i18n.pick(c.label)) for c in (f.choices if f else [])]

    def _fill_filter_choices(self) -> None:
        def fill(combo, items):
            keep = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(self.tr("All"), None)
            for cid, label in items:
                combo.addItem(label, cid)
            idx = combo.findData(keep) if keep else 0
            combo.setCurrentIndex(max(0, idx))
            combo.blockSignals(False)

        fill(self.status, [("open", self.tr("Open")), ("closed", self.tr("Closed"))])
        fill(self.area, self._choice_items("intake", "support_areas"))
        fill(self.crime, self._choice_items("incident", "crime_types"))
        workers, teams = self.desk_cols.choices()
        fill(self.worker, workers)
        fill(self.team, teams)

    # -- loading -------------------------------------------------------------------------
    def reload(self, select_code: str | None = None) -> None:
        flt, sort = self.filter, self.sort
        query = self._query
        asked = (flt, sort, query)
        if not self.model.rows and not query and flt.is_empty() and sort == DEFAULT_SORT:
            # First open: the newest cases from an index (a few ms), painted while every
            # case loads for filtering, sorting and scrolling (half a second at 100k).
            def first_page(vault):
                desk = is_desk(vault)
                return (desk, load_teams(vault) if desk else {},
                        vault.recent_case_rows(FIRST_PAGE, authors=desk))

            def first_shown(result):
                if not self.model.rows:
                    desk, team_map, (total, rows) = result
                    self._set_desk(desk, team_map, None)
                    self.model.set_first_page(rows, total)
                    self._update_count()
                    self.loaded.emit()
            self.session.submit(first_page, first_shown, key="cases-first")

        old_pos, old_extras = self._pos, self.model.extras

        def op(vault):
            from ui.case_extras import remap

            desk = is_desk(vault)
            rows = vault.case_rows(authors=desk)
            team_map = load_teams(vault) if desk else {}
            workers = sorted({r[AUTHOR] for r in rows}) if desk else []
            hits = _case_hits(vault, query) if query else None
            pos = positions(rows)
            orders: dict = {}
            extras = remap(old_extras, old_pos, pos)
            order = compute_view(rows, None, flt, sort, hits, pos, orders, extras, team_map)
            if desk:  # the first click on Worker or Team: ready, not a worker task away
                for col in (WORKER_COL, TEAM_COL):
                    compute_view(rows, None, CaseFilter(), (col, False), None, pos, orders,
                                 None, team_map)
            return (rows, pos, order, orders, extras, vault.conflicted_case_labels(), desk,
                    team_map, workers)

        def done(result):
            rows, self._pos, order, self._orders, extras, conflicts, desk, team_map, \
                workers = result
            self._set_desk(desk, team_map, workers)
            self.model.set_conflicts(conflicts)
            first_page = self.model.partial
            keep = self.current_code()  # a refresh from the change feed keeps the selection
            self.model.set_rows(rows, order, self._pos)
            self.model.set_extras(extras)
            self._update_count()
            if not first_page:
                self.loaded.emit()
            if select_code or keep:
                self.select(select_code or keep)
            self._load_facets()
            if (self.filter, self.sort, self._query) != asked:  # changed while loading
                self._recompute()

        self.session.submit(op, done, key="cases-load")

    def _set_desk(self, desk: bool, team_map: dict[str, str],
                  workers: list[str] | None) -> None:
        """What a load learnt of the vault's role, its team map and the rows' workers."""
        if self.desk_cols.apply(self.table.horizontalHeader(), desk, team_map, workers):
            self._fill_filter_choices()
        self.model.set_teams(team_map)

    def refresh_teams(self) -> None:
        """The team map again (after a sync round: a desk's round may have learnt a new
        worker's team); the Team column, its sort and filter follow when it changed."""
        if not self.desk_cols.desk:
            return

        def done(team_map: dict[str, str]) -> None:
            if team_map == self.desk_cols.teams:
                return
            # orders by team were computed with the old map
            self._orders = {k: v for k, v in self._orders.items() if k[0] != TEAM_COL}
            self._set_desk(True, team_map, None)
            if self.sort[0] == TEAM_COL or self.filter.team:
                self._recompute()
        self.session.submit(load_teams, done, key="cases-teams")

    def discard_rows(self) -> None:
        """Drop every case row and the indexes over them (the window is going away)."""
        self.model.set_rows([], [])
        self.model.facets, self.model.extras = {}, None
        self._pos, self._orders = {}, {}
        self._facet_loader = None

    def current_code(self) -> str | None:
        idx = self.table.currentIndex()
        return self.model.code_at(idx.row()) if idx.isValid() else None

    def _load_facets(self) -> None:
        def done(facets):
            crime = dict(self._choice_items("incident", "crime_types"))
            area = dict(self._choice_items("intake", "support_areas"))
            self.model.set_facets(facets, crime, area)
            # Orders by crime type or support area were computed without the facets.
            self._orders = {k: v for k, v in self._orders.items() if k[0] not in (4, 5)}
            if self.filter.needs_facets() or self.sort[0] in (4, 5):
                self._recompute()
            self._load_extras(loader)

        loader = FacetLoader()
        self._facet_loader = loader

        def stepped(finished: bool) -> None:
            if loader is not self._facet_loader:
                return  # a newer load took over
            if not finished:  # queue the next chunk behind whatever was asked meanwhile
                self.session.submit(loader.step, stepped, key="cases-facets")
                return
            done(loader.result())

        self.session.submit(loader.step, stepped, key="cases-facets")

    def _load_extras(self, facet_loader) -> None:
        """Alias, urgency, next contact and plan review of every case, in the same kind
        of short chunks as the facets, after them."""
        from ui.case_extras import ExtrasLoader

        loader = ExtrasLoader(self._pos)

        def stepped(finished: bool) -> None:
            if facet_loader is not self._facet_loader:
                return  # the rows were replaced meanwhile
            if not finished:
                self.session.submit(loader.step, stepped, key="cases-extras")
                return
            self.model.set_extras(loader.extras)
            self._facets_loaded = True
            # orders by alias, urgency, next contact were computed without them
            self._orders = {k: v for k, v in self._orders.items() if not 6 <= k[0] <= 8}
            if self.sort[0] >= 6:
                self._recompute()
            self.extras_loaded.emit()

        self.session.submit(loader.step, stepped, key="cases-extras")

    def _recompute(self) -> None:
        if self.model.partial:
            return  # only the first page is here: the full load applies the new view
        rows, facets, pos, orders = self.model.rows, self.model.facets, self._pos, self._orders
        flt, sort, query, extras = self.filter, self.sort, self._query, self.model.extras
        team_map = self.desk_cols.teams

        def done(result):
            q, order = result
            self.model.set_order(order)
            self._update_count()
            self.search_done.emit(q)

        cached = orders.get(sort) if not query and flt.is_empty() else None
        if cached is not None:
            # An unfiltered order already computed (compute_view's cache; a single dict
            # read, safe beside the worker's writes): shown at once, not queued behind a
            # chunk of facets on the worker (the desk's first sort by worker or team, a
            # cleared search). The no-op silences a view asked before, still on its way.
            self.session.submit(lambda _vault: None, None, key="cases-view")
            done((query, cached))
            return

        def op(vault):
            hits = _case_hits(vault, query) if query else None
            return query, compute_view(rows, facets, flt, sort, hits, pos, orders, extras,
                                       team_map)

        self.session.submit(op, done, key="cases-view")

    def _search_changed(self, text: str) -> None:
        self._query = text.strip()
        self._recompute()

    def _filters_changed(self, *_args) -> None:
        def date_of(edit):
            d = edit.date()
            return None if d == _NO_DATE else d.toString("yyyy-MM-dd")

        worker, team = self.desk_cols.chosen()
        self.filter = CaseFilter(status=self.status.currentData(),
                                 support_area=self.area.currentData(),
                                 crime_type=self.crime.currentData(),
                                 date_from=date_of(self.date_from),
                                 date_to=date_of(self.date_to),
                                 worker=worker, team=team)
        self._recompute()

    def _clear_filters(self) -> None:
        for combo in (self.status, self.area, self.crime, self.worker, self.team):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        for d in (self.date_from, self.date_to):
            d.blockSignals(True)
            d.setDate(_NO_DATE)
            d.blockSignals(False)
        self._filters_changed()

    def _sort_changed(self, column: int, order) -> None:
        self.sort = (column, order == Qt.SortOrder.DescendingOrder)
        self._recompute()

    def _update_count(self) -> None:
        n = self.model.total()
        self.count.setText(self.tr("%1 cases").replace("%1", i18n.fmt_int(n)))

    def select(self, code: str) -> None:
        row = self.model.row_of(code)
        if row < 0:
            return
        while row >= self.model.rowCount() and self.model.canFetchMore():
            self.model.fetchMore()
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()


def _case_hits(vault, query: str) -> list[str]:
    return [h.case_code for h in vault.search(query, limit=500) if h.case_code]
