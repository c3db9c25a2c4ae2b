"""The merge screen of a record in conflict (desktop/merging.py does the comparing): the
common version and each side field by field, labels from the form and values worded as
the record view words them (identifying ones covered in privacy mode). A field changed on
one side only is taken and says so; a field changed differently on two sides asks: keep A,
keep B, or edit. "Save merge" is enabled once every question is answered and saves one new
version whose parents are every head, through the one door.

Closing does nothing to the record: every head stays. The choices made so far are kept in
the vault as a draft (`merge:<record id>`, not listed with record drafts) and offered
again when the merge of the same heads is reopened; a save removes it in its transaction.
The screen lives inside the case view, so locking or the panic key clears it with the
window."""
from __future__ import annotations

import json

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop import merging
from desktop.errors import describe
from desktop.merging import DIFFERENT, ONE_SIDE, SAME, UNCHANGED, Edited
from desktop.vault.ids import uuid7
from forms.display_text import DisplayContext
from forms.field_types import display_value, field_type
from ui import i18n
from ui.record_view import ValueCell

EDIT = 1000  # the radio button id of "edit" (sides are 0, 1, ...; -1 would mean "any id")


def side_letter(i: int) -> str:
    return chr(ord("A") + i)


def shown_value(fdef, value) -> str:
    """A value as the record view words it; a repeat group as one line per row."""
    if merging.is_empty(value):
        return ""
    ctx = DisplayContext(i18n.current())
    if fdef is None:
        return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    if field_type(fdef).stored == "rows" and isinstance(value, list):
        lines = []
        for n, row in enumerate(value, start=1):
            if not isinstance(row, dict):
                continue
            cells = [f"{i18n.pick(c.label)}: {display_value(c, row.get(c.id), ctx)}"
                     for c in fdef.fields if not merging.is_empty(row.get(c.id))]
            lines.append(f"{n}. " + " · ".join(cells))
        return "\n".join(lines)
    return display_value(fdef, value, ctx)


class _Row:
    """The widgets of one field: its cells, its result, and for a question its buttons
    and (once "edit" is chosen) the form's own editor."""

    def __init__(self, fm: merging.FieldMerge):
        self.fm = fm
        self.widgets: list[QWidget] = []
        self.cells: list[ValueCell] = []
        self.result: QLabel | None = None
        self.group: QButtonGroup | None = None
        self.editor = None
        self.editor_host: QWidget | None = None


class MergeView(QWidget):
    finished = Signal(str, bool)   # record id, True once merged (False: closed, kept)

    def __init__(self, session, record_id: str, *, privacy: bool = False,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.record_id = record_id
        self.privacy = privacy
        self.merge: merging.Merge | None = None
        self.case_id: str | None = None
        self.side_info: dict[str, tuple[str, str]] = {}
        self.choices: dict[str, merging.Choice] = {}
        self.rows: dict[str, _Row] = {}
        self.saving = False
        self.op_id = uuid7()  # a double click or a retry saves the merge once
        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(600)
        self._draft_timer.timeout.connect(self._save_draft)

        outer = QVBoxLayout(self)
        self.title = QLabel(self)
        f = self.title.font()
        f.setPointSizeF(f.pointSizeF() * 1.3)
        f.setBold(True)
        self.title.setFont(f)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.show_unchanged = QCheckBox(self)
        self.show_unchanged.toggled.connect(self._apply_visibility)
        outer.addWidget(self.title)
        outer.addWidget(self.intro)
        outer.addWidget(self.show_unchanged)
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        outer.addWidget(self.scroll, 1)
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        from ui.theme import error_color

        self.error.setStyleSheet(f"color: {error_color().name()}")
        self.error.hide()
        outer.addWidget(self.error)
        bar = QHBoxLayout()
        self.summary = QLabel(self)
        self.close_btn = QPushButton(self)
        self.close_btn.clicked.connect(self.close_merge)
        self.save = QPushButton(self)
        self.save.setDefault(True)
        self.save.clicked.connect(self._save)
        bar.addWidget(self.summary, 1)
        bar.addWidget(self.close_btn)
        bar.addWidget(self.save)
        outer.addLayout(bar)
        self.retranslate()
        self.load()

    # -- texts ---------------------------------------------------------------------------
    def changeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            if self.merge is not None:
                self._build()
        super().changeEvent(event)

    def retranslate(self) -> None:
        form = i18n.pick(self.merge.form.title) if self.merge else ""
        self.title.setText(self.tr("Merge the versions of %1").replace("%1", form))
        n = len(self.merge.sides) if self.merge else 2
        self.intro.setText(self.tr(
            "This record was changed in %1 places separately. Fields changed on one side "
            "only are taken; where both sides changed a field, choose which value to keep "
            "or edit it. Closing keeps every version as it is.").replace("%1", str(n)))
        self.show_unchanged.setText(self.tr("Show unchanged fields"))
        self.close_btn.setText(self.tr("Close without merging"))
        self.close_btn.setToolTip(self.tr("Every version stays as it is; the choices made "
                                          "so far are kept for next time"))
        self.save.setText(self.tr("&Save merge"))
        self.save.setAccessibleName(self.tr("Save the merged record as a new version"))
        self._update_state()

    def _side_header(self, i: int) -> str:
        assert self.merge is not None
        author, at = self.side_info.get(self.merge.sides[i], ("", ""))
        return self.tr("%1 — %2, %3").replace("%1", side_letter(i)).replace("%2", author) \
            .replace("%3", i18n.fmt_datetime(at))

    # -- loading -------------------------------------------------------------------------
    def load(self) -> None:
        rid, registry = self.record_id, self.session.registry

        def op(vault):
            merge = merging.load(vault, registry, rid)
            versions = {v.version_id: v for v in vault.record_versions(rid)}
            authors = vault.version_authors(rid)  # each side's own, not the record's
            info = {vid: (authors.get(vid, versions[vid].author), versions[vid].updated)
                    for vid in merge.sides}
            draft = vault.get_draft(merging.draft_key(rid))
            return merge, info, versions[merge.sides[0]].case_id, draft.payload if draft else None

        self.session.submit(op, self._loaded, self._failed, key=f"merge-{rid}")

    def _loaded(self, result) -> None:
        self.merge, self.side_info, self.case_id, payload = result
        self.choices = merging.choices_from_json(self.merge, payload)
        self.retranslate()
        self._build()

    def _failed(self, exc: BaseException) -> None:
        self._show_error(exc)
        self.save.setEnabled(False)

    # -- the grid ------------------------------------------------------------------------
    def _build(self) -> None:
        assert self.merge is not None
        m = self.merge
        host = QWidget()
        grid = QGridLayout(host)
        grid.setHorizontalSpacing(14)
        last = 2 + len(m.sides)
        heads = [self.tr("Field"), self.tr("Common version")] + \
            [self._side_header(i) for i in range(len(m.sides))] + [self.tr("Merged")]
        for col, text in enumerate(heads):
            label = QLabel(text, host)
            bold = label.font()
            bold.setBold(True)
            label.setFont(bold)
            label.setWordWrap(True)
            grid.addWidget(label, 0, col, Qt.AlignmentFlag.AlignTop)
        for col in range(1, last):
            grid.setColumnStretch(col, 2)
        grid.setColumnStretch(last, 1)
        self.rows = {}
        r = 1
        for fm in m.fields:
            row = _Row(fm)
            self.rows[fm.key] = row
            line = QFrame(host)
            line.setFrameShape(QFrame.Shape.HLine)
            line.setFrameShadow(QFrame.Shadow.Sunken)
            grid.addWidget(line, r, 0, 1, last + 1)
            row.widgets.append(line)
            label = QLabel(i18n.pick(fm.field.label) if fm.field else fm.key, host)
            label.setWordWrap(True)
            grid.addWidget(label, r + 1, 0, Qt.AlignmentFlag.AlignTop)
            row.widgets.append(label)
            for col, value in enumerate((fm.base, *fm.sides), start=1):
                cell = self._cell(fm, value, label.text(), host)
                if col >= 2 and fm.kind in (ONE_SIDE, SAME) and col - 2 in fm.changed_by:
                    font = cell.value.font()
                    font.setBold(True)
                    cell.value.setFont(font)
                grid.addWidget(cell, r + 1, col, Qt.AlignmentFlag.AlignTop)
                row.widgets.append(cell)
                row.cells.append(cell)
            grid.addWidget(self._result(row, host), r + 1, last, Qt.AlignmentFlag.AlignTop)
            if fm.question:
                row.editor_host = QWidget(host)
                QVBoxLayout(row.editor_host).setContentsMargins(0, 0, 0, 0)
                grid.addWidget(row.editor_host, r + 2, 1, 1, last)
                row.widgets.append(row.editor_host)
                choice = self.choices.get(fm.key)
                if isinstance(choice, Edited):
                    self._open_editor(row, choice.value)
                elif choice is not None:
                    row.group.button(int(choice)).setChecked(True)
            r += 3
        grid.setRowStretch(r, 1)
        self.scroll.setWidget(host)
        self._apply_visibility()
        self._update_state()

    def _cell(self, fm, value, label: str, parent) -> ValueCell:
        text = shown_value(fm.field, value)
        identifying = bool(fm.field is not None and fm.field.classification == "identifying")
        # No copy buttons: a column of them beside every value crowded the comparison.
        cell = ValueCell(text or self.tr("(empty)"), identifying=identifying and bool(text),
                         privacy=self.privacy, clipboard=None, label=label, parent=parent,
                         copyable=False)
        if not text:
            cell.value.setEnabled(False)  # greyed: no value on this side
        return cell

    def _result(self, row: _Row, parent) -> QWidget:
        fm = row.fm
        host = QWidget(parent)
        lay = QVBoxLayout(host)
        lay.setContentsMargins(0, 0, 0, 0)
        row.widgets.append(host)
        if fm.kind != DIFFERENT:
            sides = ", ".join(side_letter(i) for i in fm.changed_by)
            text = {UNCHANGED: self.tr("unchanged"),
                    ONE_SIDE: self.tr("taken from %1").replace("%1", sides),
                    SAME: self.tr("same change on %1: taken").replace("%1", sides)}[fm.kind]
            row.result = QLabel(text, host)
            row.result.setWordWrap(True)
            lay.addWidget(row.result)
            return host
        row.result = QLabel(self.tr("choose:"), host)
        lay.addWidget(row.result)
        row.group = QButtonGroup(host)
        for i in range(len(fm.sides)):
            b = QRadioButton(self.tr("keep %1").replace("%1", side_letter(i)), host)
            b.setAccessibleName(self.tr("%1: keep %2").replace("%1", self._label(fm))
                                .replace("%2", side_letter(i)))
            row.group.addButton(b, i)
            lay.addWidget(b)
        if fm.field is not None and fm.field.type != "reference":
            b = QRadioButton(self.tr("edit"), host)
            b.setAccessibleName(self.tr("%1: edit the value").replace("%1", self._label(fm)))
            row.group.addButton(b, EDIT)
            lay.addWidget(b)
        row.group.idClicked.connect(lambda i, key=fm.key: self.choose(key, i))
        return host

    @staticmethod
    def _label(fm) -> str:
        return i18n.pick(fm.field.label) if fm.field else fm.key

    def _open_editor(self, row: _Row, value) -> None:
        from ui.editor_table import make_editor

        if row.editor is None and row.editor_host is not None:
            row.editor = make_editor(row.fm.field, row.editor_host)
            row.editor.set_accessible(self.tr("%1: merged value").replace("%1",
                                                                          self._label(row.fm)))
            row.editor.set_value(value)
            row.editor.changed.connect(lambda key=row.fm.key: self._edited(key))
            row.editor_host.layout().addWidget(row.editor)
        if row.group is not None:
            row.group.button(EDIT).setChecked(True)
        if row.editor_host is not None:
            row.editor_host.setVisible(True)

    # -- choosing ------------------------------------------------------------------------
    def choose(self, key: str, choice: int) -> None:
        """Keep side `choice` (0 = A) for the field, or EDIT it (starting from the value
        chosen before, else side A's)."""
        row = self.rows[key]
        if choice == EDIT:
            before = self.choices.get(key)
            start = row.fm.sides[before] if isinstance(before, int) else row.fm.sides[0]
            self._open_editor(row, start if not merging.is_empty(start) else None)
            self.choices[key] = Edited(row.editor.value() if row.editor else start)
        else:
            self.choices[key] = choice
            if row.group is not None:
                row.group.button(choice).setChecked(True)
            if row.editor_host is not None:
                row.editor_host.setVisible(False)
        self._changed()

    def _edited(self, key: str) -> None:
        row = self.rows[key]
        if row.editor is not None and isinstance(self.choices.get(key), Edited):
            self.choices[key] = Edited(row.editor.value())
            self._changed()

    def _changed(self) -> None:
        self.error.hide()
        self._update_state()
        self._draft_timer.start()

    def _apply_visibility(self) -> None:
        show = self.show_unchanged.isChecked()
        for row in self.rows.values():
            visible = show or row.fm.kind != UNCHANGED
            for w in row.widgets:
                if w is row.editor_host:
                    w.setVisible(visible and isinstance(self.choices.get(row.fm.key), Edited))
                else:
                    w.setVisible(visible)

    def _update_state(self) -> None:
        m = self.merge
        if m is None:
            self.summary.setText(self.tr("Reading the versions…"))
            self.save.setEnabled(False)
            return
        asked = len(m.questions)
        open_ = len(m.unanswered(self.choices))
        taken = sum(1 for f in m.fields if f.kind in (ONE_SIDE, SAME))
        self.summary.setText(self.tr("%1 of %2 choices made · %3 fields taken from one side")
                             .replace("%1", str(asked - open_)).replace("%2", str(asked))
                             .replace("%3", str(taken)))
        self.save.setEnabled(open_ == 0 and not self.saving)
        for row in self.rows.values():
            if row.fm.question and row.result is not None:
                row.result.setText(self.tr("chosen:") if row.fm.key in self.choices
                                   else self.tr("choose:"))

    def unanswered(self) -> list[str]:
        return self.merge.unanswered(self.choices) if self.merge else []

    # -- keeping and saving --------------------------------------------------------------
    def _save_draft(self) -> None:
        if self.merge is None or self.saving:
            return
        payload = merging.choices_to_json(self.merge, self.choices)
        key, case_id, rid = merging.draft_key(self.record_id), self.case_id, self.record_id
        self.session.submit(lambda v: v.save_draft(key, payload, case_code=case_id,
                                                   record_id=rid),
                            key=f"merge-draft-{rid}")

    def close_merge(self) -> None:
        """Leave the screen: the record is untouched; pending choices go to the draft."""
        if self._draft_timer.isActive():
            self._draft_timer.stop()
            self._save_draft()
        self.finished.emit(self.record_id, False)

    def _save(self) -> None:
        if self.merge is None or self.unanswered() or self.saving:
            return
        self._draft_timer.stop()
        merge, choices, session = self.merge, dict(self.choices), self.session
        key, op_id = merging.draft_key(self.record_id), self.op_id
        self.saving = True
        self._update_state()

        def op(vault):
            return merging.save(session.records(vault), merge, choices, op_id=op_id,
                                discard_draft=key)

        self.session.submit(op, self._saved, self._save_failed)

    def _saved(self, _saved) -> None:
        self.saving = False
        self.finished.emit(self.record_id, True)

    def _save_failed(self, exc: BaseException) -> None:
        self.saving = False  # nothing was written: the same operation id may try again
        self._show_error(exc)
        self._update_state()

    def _show_error(self, exc: BaseException) -> None:
        text = describe(exc, i18n.current()) or self.tr("The merge could not be saved.")
        self.error.setText(text)
        self.error.show()

    def set_privacy(self, on: bool) -> None:
        self.privacy = on
        for row in self.rows.values():
            for c in row.cells:
                c.set_masked(on and c.identifying and bool(c.text))
