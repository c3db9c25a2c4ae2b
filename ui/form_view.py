"""The form renderer: any form definition on screen — sections, every field type, repeat
groups, conditional fields appearing/disappearing live, required markers, validation
messages at the field they concern, privacy masking of `identifying` fields.

It holds no vault access: the page around it (`record_editor`) loads and saves."""
from __future__ import annotations

import re
from datetime import date

from PySide6.QtCore import QCoreApplication, QTimer, Signal
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QVBoxLayout, QWidget

from forms.display_text import DisplayContext
from forms.field_types import display_value, field_type
from ui import i18n
from ui.editor_table import make_editor
from ui.field_editors import ReferenceEditor
from ui.field_row import FieldRow
from ui.file_field_editors import AttachmentEditor, SignatureEditor
from ui.group_editor import GroupEditor, GroupRow
from ui.theme import error_color

_tr = QCoreApplication.translate  # _tr("Context", "text"): found by lupdate

_ROW_PATH = re.compile(r"^(\w+)\[(\d+)\]\.(\w+)")


class FormView(QWidget):
    changed = Signal()

    def __init__(self, form, *, privacy: bool = False, today: date | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.form = form
        self.today = today or date.today()
        self.privacy = privacy
        self.rows: dict[str, FieldRow] = {}
        self.touched: set[str] = set()
        self._sections: list[tuple[object, QGroupBox]] = []
        outer = QVBoxLayout(self)
        self.banner = QLabel(self)
        self.banner.setObjectName("formProblems")
        self.banner.setWordWrap(True)
        self.banner.setVisible(False)
        self.banner.setStyleSheet(f"color: {error_color().name()}; font-weight: bold;")
        outer.addWidget(self.banner)
        self.description = QLabel(self)
        self.description.setWordWrap(True)
        outer.addWidget(self.description)
        for section in form.sections:
            box = QGroupBox(self)
            lay = QFormLayout(box)
            lay.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
            lay.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
            for f in section.fields:
                editor = make_editor(f, self)
                row = FieldRow(f, editor, box)
                lay.addRow(row.label, row.container)
                self.rows[f.id] = row
                editor.changed.connect(lambda fid=f.id: self._edited(fid))
                if isinstance(editor, GroupEditor):
                    editor.row_added.connect(self._group_row_added)
                    for grow in editor.rows:
                        self._group_row_added(grow)
            outer.addWidget(box)
            self._sections.append((section, box))
        outer.addStretch(1)
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(0)
        self._refresh_timer.timeout.connect(self.refresh)
        self.retranslate()
        self.refresh()
        self.set_privacy(privacy)

    # -- building ------------------------------------------------------------------------
    def _group_row_added(self, grow: GroupRow) -> None:
        for fr in grow.rows.values():
            fr.set_privacy(self.privacy)

    def retranslate(self) -> None:
        for section, box in self._sections:
            box.setTitle(i18n.pick(section.title))
        self.description.setText(i18n.pick(self.form.description))
        self.description.setVisible(bool(self.description.text()))
        for row in self.rows.values():
            row.retranslate()
        self._refresh_timer.start()  # computed values are shown as text in the language

    # -- values --------------------------------------------------------------------------
    def values(self) -> dict:
        """The record's values: visible fields only (what is hidden is not saved)."""
        out = {}
        for fid, row in self.rows.items():
            if not row.is_visible() or not field_type(row.field).in_record:
                continue
            v = row.editor.value()
            if v is not None:
                out[fid] = v
        return out

    def all_values(self) -> dict:
        """Everything typed, hidden fields included (for the draft: nothing typed is lost)."""
        out = {}
        for fid, row in self.rows.items():
            if not field_type(row.field).in_record:
                continue
            v = row.editor.all_values() if isinstance(row.editor, GroupEditor) \
                else row.editor.value()
            if v not in (None, []):
                out[fid] = v
        return out

    def set_values(self, values: dict) -> None:
        for fid, row in self.rows.items():
            if field_type(row.field).stored == "file":
                continue
            row.editor.blockSignals(True)
            row.editor.set_value(values.get(fid))
            row.editor.blockSignals(False)
            if isinstance(row.editor, GroupEditor):
                for grow in row.editor.rows:
                    self._group_row_added(grow)
        self.refresh()
        self.set_privacy(self.privacy)

    def file_editors(self) -> dict[str, object]:
        return {fid: row.editor for fid, row in self.rows.items()
                if isinstance(row.editor, (AttachmentEditor, SignatureEditor))}

    def reference_editors(self) -> dict[str, object]:
        return {fid: row.editor for fid, row in self.rows.items()
                if isinstance(row.editor, ReferenceEditor)}

    # -- live behaviour ------------------------------------------------------------------
    def _edited(self, fid: str) -> None:
        self.touched.add(fid)
        self.rows[fid].set_note(None)  # "filled in from…" no longer describes the value
        self._refresh_timer.start()
        self.changed.emit()

    def attached_paths(self) -> set[str]:
        """File fields holding a stored or pending file (they count as filled)."""
        out = set()
        for fid, ed in self.file_editors().items():
            if isinstance(ed, SignatureEditor) and ed.has_signature():
                out.add(fid)
            elif isinstance(ed, AttachmentEditor) and (ed.stored or ed.pending):
                out.add(fid)
        return out

    def refresh(self) -> None:
        """Show/hide conditional fields, update required markers and computed values —
        with the forms package's own evaluation, so the screen and validation agree."""
        from forms.evaluation import (
            build_env,
            is_required,
            is_visible,
            only_the_default,
            plan_for,
        )

        values = self.all_values()
        plan = plan_for(self.form)
        env = build_env(self.form, values, self.today, self.attached_paths())
        for fid, row in self.rows.items():
            f = row.field
            row.set_visible(is_visible(plan, f, env))
            row.set_required(is_required(plan, f, env))
            if isinstance(row.editor, GroupEditor):
                typed_rows = env.rows.get(fid, [])
                for grow, typed in zip(row.editor.rows, typed_rows, strict=False):
                    row_env = env.in_row(fid, typed)
                    for crow in grow.rows.values():
                        crow.set_visible(is_visible(plan, crow.field, row_env))
                        crow.set_required(is_required(plan, crow.field, row_env))
                        if field_type(crow.field).stored == "computed":
                            crow.editor.set_value(self._display_computed(
                                crow.field, typed.get(crow.field.id)))
            elif field_type(f).stored == "computed":
                row.editor.set_value(
                    _tr("FormView", "not known yet") if only_the_default(plan, f, env)
                    else self._display_computed(f, env.top.get(fid)))

    def _display_computed(self, f, v):
        """The same text the record view and the PDF show for this value."""
        from forms.evaluation import to_json_value

        if v is None:
            return None
        return display_value(f, to_json_value(v), DisplayContext(i18n.current()))

    # -- problems ------------------------------------------------------------------------
    def row_for(self, path: str) -> FieldRow | None:
        m = _ROW_PATH.match(path)
        if m:
            group = self.rows.get(m.group(1))
            if group is None or not isinstance(group.editor, GroupEditor):
                return None
            rows = group.editor.nonempty_rows()
            idx = int(m.group(2))
            if idx < len(rows):
                return rows[idx][0].rows.get(m.group(3))
            return group
        return self.rows.get(path.split("[", 1)[0])

    def _all_rows(self):
        for row in self.rows.values():
            yield "", row
            if isinstance(row.editor, GroupEditor):
                for grow in row.editor.rows:
                    for crow in grow.rows.values():
                        yield row.field.id, crow

    def show_problems(self, problems, *, only_touched: bool = False) -> int:
        """Put each problem's message at its field; form-level ones in the banner. Returns
        how many were shown."""
        lang = i18n.current()
        for _g, row in self._all_rows():
            row.set_error(None)
        messages: dict[int, list[str]] = {}
        targets: dict[int, FieldRow] = {}
        banner = []
        for p in problems:
            top = p.path.split("[", 1)[0].split(".", 1)[0]
            if only_touched and top not in self.touched:
                continue
            row = self.row_for(p.path) if p.path else None
            if row is None or not row.is_visible():
                label = ""
                if p.path and self.form.field_at(p.path) is not None:
                    label = i18n.pick(self.form.field_at(p.path).label) + ": "
                banner.append(label + p.message(lang))
                continue
            messages.setdefault(id(row), []).append(p.message(lang))
            targets[id(row)] = row
        for key, row in targets.items():
            row.set_error("\n".join(messages[key]))
        self.banner.setText("\n".join(banner))
        self.banner.setVisible(bool(banner))
        return len(targets) + len(banner)

    def first_error_row(self) -> FieldRow | None:
        for _g, row in self._all_rows():
            if row.has_error():
                return row
        return None

    def focus_first_error(self) -> None:
        row = self.first_error_row()
        if row is not None:
            row.editor.focus_target().setFocus()

    # -- privacy -------------------------------------------------------------------------
    def set_privacy(self, on: bool) -> None:
        self.privacy = on
        for _g, row in self._all_rows():
            row.set_privacy(on)

    def masked_rows(self) -> list[FieldRow]:
        return [row for _g, row in self._all_rows() if row.is_masked()]
