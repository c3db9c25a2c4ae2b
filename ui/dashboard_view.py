"""The figures as bar charts: cases by crime type, by support area, companion sessions per
month (last 12 months), outreach contacts per district, deletion requests by status,
recipient and platform with the median days to removal, for the worker's own records, a
team's, a worker's or everyone's (the center's desk holds every worker's records). Counted
on the worker thread by desktop/dashboard_figures.py; the "Export figures" button writes
the statistic fields' tables (desktop/statistics_export.py) to a CSV or XLSX file."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDate, QEvent, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.dashboard_figures import Scope, dashboard_figures
from desktop.stat_counts import TEAM_UNKNOWN
from ui import dialogs, i18n
from ui.bar_chart import BarChart
from ui.theme import error_color


class DashboardView(QWidget):
    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.figures: dict | None = None
        outer = QVBoxLayout(self)
        self.title = QLabel(self)
        f = self.title.font()
        f.setPointSizeF(f.pointSizeF() * 1.3)
        f.setBold(True)
        self.title.setFont(f)
        outer.addWidget(self.title)
        self.summary = QLabel(self)
        outer.addWidget(self.summary)
        bar = QHBoxLayout()
        self.scope_label = QLabel(self)
        self.scope = QComboBox(self)  # whose records the charts count
        self.scope_label.setBuddy(self.scope)
        self.scope.activated.connect(self._scope_chosen)
        self.group_label = QLabel(self)
        self.group_by = QComboBox(self)  # how the export splits its tables
        self.group_label.setBuddy(self.group_by)
        self.export_button = QPushButton(self)
        self.export_button.clicked.connect(self.choose_export_file)
        for w in (self.scope_label, self.scope):
            bar.addWidget(w)
        bar.addSpacing(self.fontMetrics().height())
        for w in (self.group_label, self.group_by, self.export_button):
            bar.addWidget(w)
        bar.addStretch(1)
        outer.addLayout(bar)
        self.message = QLabel(self)  # what the last export did (one line)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.setVisible(False)
        outer.addWidget(self.message)
        self._scope: Scope | None = None  # None until the first count (then mine / everyone)
        self._scope_items: list[Scope] = []
        self.exported: Path | None = None
        host = QWidget(self)
        grid = QGridLayout(host)
        self.crime, self.area, self.sessions, self.districts = (BarChart(host) for _ in range(4))
        top = Qt.AlignmentFlag.AlignTop  # side-by-side charts of unequal length start level
        grid.addWidget(self.crime, 0, 0, top)
        grid.addWidget(self.area, 0, 1, top)
        grid.addWidget(self.sessions, 1, 0, top)
        grid.addWidget(self.districts, 1, 1, top)
        # deletion requests (evidence): by status, recipient, platform; median days to removal
        self.takedown_note = QLabel(host)
        self.takedown_note.setWordWrap(True)
        grid.addWidget(self.takedown_note, 2, 0, 1, 2)
        self.td_status, self.td_recipient, self.td_platform = (BarChart(host) for _ in range(3))
        grid.addWidget(self.td_status, 3, 0, top)
        grid.addWidget(self.td_recipient, 3, 1, top)
        grid.addWidget(self.td_platform, 4, 0, top)
        grid.setRowStretch(5, 1)  # charts at the top, spare height below them
        grid.setVerticalSpacing(self.fontMetrics().height() * 2)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(host)
        outer.addWidget(scroll, 1)
        self.retranslate()

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def reload(self) -> None:
        registry = self.session.registry
        scope = self._scope
        worker = self.session.worker

        def op(vault):
            figures = dashboard_figures(vault, registry, scope or Scope("worker", worker))
            if scope is None and figures["desk"]:  # the desk counts everyone's at first
                figures = dashboard_figures(vault, registry, Scope())
                figures["scope"] = Scope()
            return figures
        self.session.submit(op, self._loaded, key="dashboard")

    def _loaded(self, figures: dict) -> None:
        self.figures = figures
        if self._scope is None:
            self._scope = figures.get("scope") or Scope("worker", self.session.worker)
        self.retranslate()

    def _scope_chosen(self, index: int) -> None:
        scope = self._scope_items[index] if 0 <= index < len(self._scope_items) else None
        if scope is not None and scope != self._scope:
            self._scope = scope
            self.reload()

    def _fill_scopes(self) -> None:
        """Me, everyone, each team, each other worker: what the charts can count."""
        fig = self.figures or {}
        me = self.session.worker
        items = [(self.tr("My records"), Scope("worker", me)), (self.tr("Everyone"), Scope())]
        teams = fig.get("teams", [])
        for team in teams if any(t != TEAM_UNKNOWN for t in teams) else []:
            name = team if team != TEAM_UNKNOWN else self.tr("team unknown")
            items.append((self.tr("Team: %1").replace("%1", name), Scope("team", team)))
        items += [(w, Scope("worker", w)) for w in fig.get("workers", []) if w != me]
        self._scope_items = [scope for _, scope in items]
        self.scope.blockSignals(True)
        self.scope.clear()
        for text, _ in items:
            self.scope.addItem(text)
        if self._scope in self._scope_items:
            self.scope.setCurrentIndex(self._scope_items.index(self._scope))
        self.scope.blockSignals(False)

    # -- export ---------------------------------------------------------------------------

    def choose_export_file(self, *_a) -> None:
        suggested = Path.home() / f"donghaeng-figures-{QDate.currentDate().toString('yyyy-MM-dd')}.xlsx"
        chosen = dialogs.save_file(self, self.tr("Export figures"), suggested,
                                   self.tr("Excel or CSV (*.xlsx *.csv)"))
        if chosen is not None:
            if chosen.suffix.lower() not in (".xlsx", ".csv"):
                chosen = chosen.with_name(chosen.name + ".xlsx")
            self.export_to(chosen)

    def export_to(self, path: Path, by: str | None = None) -> None:
        """Write the figures' tables to `path` (.csv or .xlsx) on the worker thread; the
        dialog-free door (tests, the screenshots) and the save dialog's."""
        from desktop.statistics_files import export_statistics

        by = by or self.group_by.currentData() or "none"
        registry, lang = self.session.registry, i18n.current()
        self.export_button.setEnabled(False)
        self.session.submit(
            lambda v: export_statistics(v, registry, Path(path), by=by, lang=lang),
            lambda _e: self._exported(Path(path)), self._export_failed)

    def _exported(self, path: Path) -> None:
        self.export_button.setEnabled(True)
        self.exported = path
        self.message.setStyleSheet("")
        self.message.setText(self.tr("Figures saved: %1 (counts under 5 shown as <5)")
                             .replace("%1", str(path)))
        self.message.setVisible(True)

    def _export_failed(self, exc: BaseException) -> None:
        from desktop.errors import describe

        self.export_button.setEnabled(True)
        text = describe(exc, i18n.current()) or self.tr("The figures could not be saved.")
        self.message.setStyleSheet(f"color: {error_color().name()};")
        self.message.setText(text.splitlines()[0])
        self.message.setVisible(True)

    def _labels(self, form_id: str, field_id: str) -> list[tuple[str, str]]:
        try:
            f = self.session.registry.latest(form_id).field(field_id)
        except KeyError:
            return []
        return [(c.id, i18n.pick(c.label)) for c in (f.choices if f else [])]

    def retranslate(self) -> None:
        self.title.setText(self.tr("My figures"))
        self.scope_label.setText(self.tr("&Show:"))
        self.group_label.setText(self.tr("Split the &export:"))
        current = self.group_by.currentData() or "none"
        self.group_by.clear()
        for text, key in ((self.tr("not split"), "none"), (self.tr("by worker"), "worker"),
                          (self.tr("by team"), "team")):
            self.group_by.addItem(text, key)
        self.group_by.setCurrentIndex(max(0, self.group_by.findData(current)))
        self.export_button.setText(self.tr("Export figures (CSV/XLSX)…"))
        self._fill_scopes()
        empty = self.tr("Nothing recorded yet.")
        fig = self.figures
        if fig is None:
            self.summary.setText(self.tr("Counting…"))
            return
        self.summary.setText(self.tr("%1 cases, %2 open").replace(
            "%1", i18n.fmt_int(fig["cases_total"])).replace("%2", i18n.fmt_int(fig["cases_open"])))
        crime = [(label, fig["crime"].get(cid, 0))
                 for cid, label in self._labels("incident", "crime_types")]
        crime = sorted((x for x in crime if x[1]), key=lambda x: -x[1])  # stable: form order on ties
        self.crime.set_data(self.tr("Cases by crime type"), crime, empty)
        area = [(label, fig["area"].get(cid, 0))
                for cid, label in self._labels("intake", "support_areas")]
        area = sorted((x for x in area if x[1]), key=lambda x: -x[1])
        self.area.set_data(self.tr("Cases by support area"), area, empty)
        month_fmt = "yyyy. M." if i18n.current() == "ko" else "MMM yyyy"
        sessions = [(i18n.locale().toString(QDate(int(m[:4]), int(m[5:7]), 1), month_fmt), n)
                    for m, n in fig["sessions"]]
        self.sessions.set_data(self.tr("Companion sessions per month"), sessions, empty)
        names = dict(self._labels("outreach_contact", "district"))
        districts = sorted(((names.get(d, d), n) for d, n in fig["districts"].items()),
                           key=lambda x: -x[1])
        self.districts.set_data(self.tr("Outreach contacts per district"), districts, empty)
        self._takedown(fig.get("takedown") or {}, empty)

    def _takedown(self, td: dict, empty: str) -> None:
        """Deletion requests (desktop/takedown.py figures) as three charts and a line."""
        reg = self.session.registry
        statuses = [("requested", self.tr("Requested, no answer yet"))]
        try:
            updates = reg.latest("evidence").field("deletion_updates")
            status = updates.child("status") if updates is not None else None
            statuses += [(c.id, i18n.pick(c.label)) for c in (status.choices if status else [])
                         if c.id != "requested"]
        except KeyError:
            pass
        by_status = td.get("by_status", {})
        self.td_status.set_data(self.tr("Deletion requests by status"),
                                [(label, by_status[sid]) for sid, label in statuses
                                 if by_status.get(sid)], empty)

        def ranked(counts: dict, choice_list: str, none_label: str) -> list:
            names = {c.id: i18n.pick(c.label) for c in reg.choice_list(choice_list)}
            items = [(names.get(k, k) if k else none_label, n) for k, n in counts.items() if n]
            return sorted(items, key=lambda x: -x[1])
        self.td_recipient.set_data(self.tr("Deletion requests by recipient"),
                                   ranked(td.get("by_recipient", {}), "deletion_recipients",
                                          ""), empty)
        self.td_platform.set_data(self.tr("Deletion requests by platform"),
                                  ranked(td.get("by_platform", {}), "platforms",
                                         self.tr("platform not named")), empty)
        median = td.get("median_days_to_removal")
        if not td.get("total"):
            self.takedown_note.setText(self.tr("Deletion requests: none recorded yet."))
        elif median is None:
            self.takedown_note.setText(self.tr("Deletion requests: %1, none removed yet.")
                                       .replace("%1", i18n.fmt_int(td["total"])))
        else:
            days = f"{median:g}"
            self.takedown_note.setText(
                self.tr("Deletion requests: %1. Median time from request to removal: %2 "
                        "days (over %3 removed).")
                .replace("%1", i18n.fmt_int(td["total"])).replace("%2", days)
                .replace("%3", i18n.fmt_int(td["removed"])))
