"""Drafts kept in the vault (autosave, locks, crashes): which form, which case, when saved;
open one to continue, or discard it."""
from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui import dialogs, i18n


def draft_parts(d) -> tuple[str, dict, str]:
    """(key, payload, saved time) of a draft, whatever shape the vault returns."""
    if isinstance(d, dict):
        payload = d.get("payload", d)
        return d.get("key", ""), payload, d.get("updated") or payload.get("saved_at", "")
    payload = getattr(d, "payload", {}) or {}
    return d.key, payload, getattr(d, "updated", None) or payload.get("saved_at", "")


def list_record_drafts(vault) -> list[tuple[str, dict, str]]:
    out = [draft_parts(d) for d in vault.list_drafts()]
    out = [d for d in out if isinstance(d[1], dict) and d[1].get("form")]
    out.sort(key=lambda d: d[2] or "", reverse=True)
    return out


class DraftsView(QWidget):
    open_requested = Signal(str, dict)  # key, payload

    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.drafts: list[tuple[str, dict, str]] = []
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
        self.list = QTreeWidget(self)
        self.list.setRootIsDecorated(False)
        self.list.setColumnCount(3)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.itemActivated.connect(lambda item, _c: self._open(item))
        outer.addWidget(self.list, 1)
        self.empty = QLabel(self)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setVisible(False)
        outer.addWidget(self.empty, 1)
        bar = QHBoxLayout()
        self.open = QPushButton(self)
        self.open.clicked.connect(lambda: self._open(self.list.currentItem()))
        self.discard = QPushButton(self)
        self.discard.clicked.connect(self._discard)
        bar.addWidget(self.open)
        bar.addWidget(self.discard)
        bar.addStretch(1)
        outer.addLayout(bar)
        self.retranslate()

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Drafts"))
        self.hint.setText(self.tr("Unfinished forms are saved here automatically every few "
                                  "seconds, when you move between fields and before the app "
                                  "locks. Open one to continue and finalise it."))
        self.list.setHeaderLabels([self.tr("Form"), self.tr("Case"), self.tr("Saved")])
        self.list.setAccessibleName(self.tr("Drafts"))
        self.open.setText(self.tr("&Open"))
        self.open.setAccessibleName(self.tr("Open the selected draft"))
        self.discard.setText(self.tr("&Discard…"))
        self.discard.setAccessibleName(self.tr("Discard the selected draft"))
        self.empty.setText(self.tr("No drafts: nothing unfinished is waiting."))
        self._fill()

    def reload(self) -> None:
        self.session.submit(list_record_drafts, self._loaded, key="drafts")

    def _loaded(self, drafts) -> None:
        self.drafts = drafts
        self._fill()

    def _fill(self) -> None:
        self.list.clear()
        for key, payload, saved in self.drafts:
            try:
                form = i18n.pick(self.session.registry.latest(payload["form"]).title)
            except KeyError:
                form = payload.get("form", "")
            item = QTreeWidgetItem([form, payload.get("case") or self.tr("(no case)"),
                                    i18n.fmt_datetime(saved)])
            item.setData(0, Qt.ItemDataRole.UserRole, key)
            self.list.addTopLevelItem(item)
        if self.drafts:
            self.list.setCurrentItem(self.list.topLevelItem(0))
        self.list.setVisible(bool(self.drafts))
        self.empty.setVisible(not self.drafts)
        self.open.setEnabled(bool(self.drafts))
        self.discard.setEnabled(bool(self.drafts))
        pad = self.fontMetrics().horizontalAdvance("M") * 3
        for col in range(2):
            self.list.resizeColumnToContents(col)
            self.list.setColumnWidth(col, self.list.columnWidth(col) + pad)

    def _payload(self, key: str) -> dict | None:
        for k, payload, _s in self.drafts:
            if k == key:
                return payload
        return None

    def _open(self, item) -> None:
        if item is None:
            return
        key = item.data(0, Qt.ItemDataRole.UserRole)
        payload = self._payload(key)
        if payload is not None:
            self.open_requested.emit(key, payload)

    def _discard(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        key = item.data(0, Qt.ItemDataRole.UserRole)
        if dialogs.confirm(self, self.tr("Discard draft"),
                           self.tr("Discard this draft? What was typed in it is lost."),
                           danger=True):
            self.session.submit(lambda v: v.discard_draft(key), lambda _r: self.reload())
