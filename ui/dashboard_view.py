"""The worker's own figures as bar charts: cases by crime type, by support area, companion
sessions per month (last 12 months), outreach contacts per district. Counted on the worker
thread from the records this worker wrote."""
from __future__ import annotations

from collections import Counter
from datetime import date

from PySide6.QtCore import QDate, QEvent, Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from ui import i18n
from ui.bar_chart import BarChart


def _months_back(today: date, n: int = 12) -> list[str]:
    y, m = today.year, today.month
    out = []
    for _ in range(n):
        out.append(f"{y:04d}-{m:02d}")
        m -= 1
        if m == 0:
            y, m = y - 1, 12
    return list(reversed(out))


def dashboard_figures(vault, worker: str, today: date | None = None) -> dict:
    today = today or date.today()

    def mine(r) -> bool:
        return r.author == worker

    crime_cases: dict[str, set] = {}
    for r in vault.list_records(form="incident"):
        if mine(r) and r.case_code:
            for c in r.values.get("crime_types") or []:
                crime_cases.setdefault(c, set()).add(r.case_code)
    area_cases: dict[str, set] = {}
    for r in vault.list_records(form="intake"):
        if mine(r) and r.case_code:
            for a in r.values.get("support_areas") or []:
                area_cases.setdefault(a, set()).add(r.case_code)
    months = _months_back(today)
    sessions = Counter()
    for r in vault.list_records(form="companion_session"):
        d = r.values.get("date")
        if mine(r) and isinstance(d, str) and d[:7] in months:
            sessions[d[:7]] += 1
    districts = Counter()
    for r in vault.list_records(form="outreach_contact"):
        d = r.values.get("district")
        if mine(r) and isinstance(d, str):
            districts[d] += 1
    cases = vault.list_cases()
    return {
        "crime": {k: len(v) for k, v in crime_cases.items()},
        "area": {k: len(v) for k, v in area_cases.items()},
        "sessions": [(m, sessions.get(m, 0)) for m in months],
        "districts": dict(districts),
        "cases_total": len(cases),
        "cases_open": sum(1 for c in cases if c.status == "open"),
    }


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
        host = QWidget(self)
        grid = QGridLayout(host)
        self.crime, self.area, self.sessions, self.districts = (BarChart(host) for _ in range(4))
        top = Qt.AlignmentFlag.AlignTop  # side-by-side charts of unequal length start level
        grid.addWidget(self.crime, 0, 0, top)
        grid.addWidget(self.area, 0, 1, top)
        grid.addWidget(self.sessions, 1, 0, top)
        grid.addWidget(self.districts, 1, 1, top)
        grid.setRowStretch(2, 1)  # charts at the top, spare height below them
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
        worker = self.session.worker
        self.session.submit(lambda v: dashboard_figures(v, worker), self._loaded,
                            key="dashboard")

    def _loaded(self, figures: dict) -> None:
        self.figures = figures
        self.retranslate()

    def _labels(self, form_id: str, field_id: str) -> list[tuple[str, str]]:
        try:
            f = self.session.registry.latest(form_id).field(field_id)
        except KeyError:
            return []
        return [(c.id, i18n.pick(c.label)) for c in (f.choices if f else [])]

    def retranslate(self) -> None:
        self.title.setText(self.tr("My figures"))
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
