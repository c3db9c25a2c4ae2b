"""Which editor each field type gets: the one table of the UI keyed by type (the types
themselves are forms.field_types'). A test fails when a type of the registry is missing
here."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from ui.date_editors import DateEditor, DateTimeEditor, TimeEditor
from ui.field_editors import (
    ChoiceEditor,
    ComputedEditor,
    DecimalEditor,
    EmailEditor,
    FieldEditor,
    IntegerEditor,
    LineEditor,
    LongTextEditor,
    MultiChoiceEditor,
    PhoneEditor,
    ReferenceEditor,
    YesNoEditor,
)
from ui.file_field_editors import AttachmentEditor, SignatureEditor
from ui.group_editor import GroupEditor

EditorFactory = Callable[[object, QWidget | None], FieldEditor]


def _group(field, parent: QWidget | None) -> FieldEditor:
    return GroupEditor(field, parent, make_cell=make_editor)


EDITORS: dict[str, EditorFactory] = {
    "text": LineEditor,
    "longtext": LongTextEditor,
    "integer": IntegerEditor,
    "decimal": DecimalEditor,
    "date": DateEditor,
    "time": TimeEditor,
    "datetime": DateTimeEditor,
    "choice": ChoiceEditor,
    "multichoice": MultiChoiceEditor,
    "yesno": YesNoEditor,
    "phone": PhoneEditor,
    "email": EmailEditor,
    "birthdate": DateEditor,
    "ageband": ChoiceEditor,
    "district": ChoiceEditor,
    "attachment": AttachmentEditor,
    "signature": SignatureEditor,
    "group": _group,
    "computed": ComputedEditor,
    "reference": ReferenceEditor,
}


def make_editor(field, parent: QWidget | None = None) -> FieldEditor:
    try:
        factory = EDITORS[field.type]
    except KeyError:
        raise ValueError(f"no editor for field type {field.type!r}") from None
    return factory(field, parent)
