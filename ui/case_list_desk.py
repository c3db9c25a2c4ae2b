"""The center's desk's part of the cases list (ui/cases_view.py): the Worker column (the
case's author) and the Team column (that worker's team by the map the desk keeps,
desktop/vault/teams.py), shown right after the code, and a filter on each.

A desk is a vault enrolled with role "desk": it holds every worker's cases. A worker's
laptop shows neither column nor filter — its cases are its own, and a teammate's shared
case already names its author in its label (CODE·worker) — and never reads the authors
(100k more strings the list would hold for nothing). The role is read by each load, in
the same worker-thread operation as the rows, so the columns appear with the first rows
a desk shows and follow an enrollment made since."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QLabel, QWidget

from ui.case_index import TEAM_COL, WORKER_COL, team_names

_tr = QCoreApplication.translate  # _tr("Context", "text"): found by lupdate


def is_desk(vault) -> bool:
    """A worker-thread operation, like the loads that call it."""
    enrollment = vault.sync_enrollment()
    return enrollment is not None and enrollment["role"] == "desk"


def load_teams(vault) -> dict[str, str]:
    from desktop.vault import teams

    return teams.load(vault)


class DeskColumns:
    def __init__(self, view: QWidget):
        self.view = view
        self.desk = False
        self.teams: dict[str, str] = {}
        self.workers: list[str] = []  # the authors of the loaded rows, by name
        self._placed = False
        self.worker, self.team = QComboBox(view), QComboBox(view)
        self.worker_label, self.team_label = QLabel(view), QLabel(view)
        for combo in (self.worker, self.team):  # as wide as the longest name loaded
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        for w in self._widgets():
            w.setVisible(False)  # until a load says this vault is a desk

    def _widgets(self) -> tuple[QWidget, ...]:
        return (self.worker, self.team, self.worker_label, self.team_label)

    def filter_pairs(self) -> tuple[tuple[QLabel, QComboBox], ...]:
        return ((self.worker_label, self.worker), (self.team_label, self.team))

    def hide_columns(self, head) -> None:
        for col in (WORKER_COL, TEAM_COL):
            head.setSectionHidden(col, True)

    def apply(self, head, desk: bool, teams: dict[str, str],
              workers: list[str] | None) -> bool:
        """What a load learnt: the role, the team map, the loaded rows' workers (None: not
        read by this load). On a desk the columns go right after the code (once) and are
        shown with their filters. True when the filters' choices must be filled again."""
        if desk and not self._placed:
            self._placed = True
            for visual, logical in ((1, WORKER_COL), (2, TEAM_COL)):
                head.moveSection(head.visualIndex(logical), visual)
        if desk != self.desk:
            self.desk = desk
            for col in (WORKER_COL, TEAM_COL):
                head.setSectionHidden(col, not desk)
            for w in self._widgets():
                w.setVisible(desk)
        changed = teams != self.teams
        self.teams = teams
        if workers is not None and workers != self.workers:
            self.workers = workers
            changed = True
        return changed

    def choices(self) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
        """(worker choices, team choices) for the filters, as (data, label)."""
        return [(w, w) for w in self.workers], [(t, t) for t in team_names(self.teams)]

    def chosen(self) -> tuple[str | None, str | None]:
        """The filters' worker and team (None: all, or not a desk)."""
        if not self.desk:
            return None, None
        return self.worker.currentData(), self.team.currentData()

    def retranslate(self) -> None:
        self.worker_label.setText(_tr("CasesView", "&Worker"))
        self.team_label.setText(_tr("CasesView", "Tea&m"))
        self.worker.setAccessibleName(_tr("CasesView", "Worker filter"))
        self.team.setAccessibleName(_tr("CasesView", "Team filter"))
