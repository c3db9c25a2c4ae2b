"""The main window's parts that follow the vault's role and its notes: the "Notes" entry's
unread count, the "Purge requests" entry (shown on the center's desk only), and the
toolbar's new-record actions (off on a desk, which reads every worker's cases and writes
none of their records). Kept apart from main_window.py, which feeds it the change feed."""
from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QListWidgetItem

from ui.desk_dialogs import role_of
from ui.notes_view import unread_count


class DeskNav(QObject):
    def __init__(self, win):
        super().__init__(win)
        self.win = win
        self.desk = False
        self.unread = 0
        self._notes_label = ""
        purges = self._item("purges")
        if purges is not None:  # until the role is known: a worker's laptop has none
            purges.setHidden(True)

    def _item(self, key: str) -> QListWidgetItem | None:
        nav = self.win.nav
        for i in range(nav.count()):
            item = nav.item(i)
            if item.data(Qt.ItemDataRole.UserRole) == key:
                return item
        return None

    def start(self) -> None:
        """After unlock: the role and the unread count."""
        self.win.session.submit(role_of, self._role, key="desk-role")
        self.recount()

    def _role(self, role: str | None) -> None:
        self.desk = role == "desk"
        purges = self._item("purges")
        if purges is not None:
            purges.setHidden(not self.desk)
        for act in (self.win.act_new_case, self.win.act_quick):
            act.setEnabled(not self.desk)
            act.setVisible(not self.desk)

    def recount(self) -> None:
        self.win.session.submit(unread_count, self._counted, key="notes-unread")

    def _counted(self, n: int) -> None:
        self.unread = n
        self.retranslate()

    def retranslate(self) -> None:
        """The "Notes" entry's text with its badge (after main_window's retranslate)."""
        item = self._item("notes")
        if item is None:
            return
        base = self._notes_label
        item.setText(f"{base} ({self.unread})" if self.unread else base)
        font = item.font()
        font.setBold(bool(self.unread))
        item.setFont(font)
        item.setToolTip(self.tr("%1 unread note(s) from the center")
                        .replace("%1", str(self.unread)) if self.unread else "")

    def set_label(self, text: str) -> None:
        """The entry's name in the current language (main_window's retranslate)."""
        self._notes_label = text
        self.retranslate()

    def changed(self, changes) -> None:
        """The change feed: a pulled note, a purge request or order, an enrollment."""
        if "note" in changes.ops or changes.external:
            self.recount()
        if changes.settings:
            self.win.session.submit(role_of, self._role, key="desk-role")
        if "purge" in changes.ops or "purge_order" in changes.ops:
            page = self.win._pages.get("purges")
            if page is not None and page.isVisible():
                page.reload()
