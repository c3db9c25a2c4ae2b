"""One place per field type: how a value of each type is parsed, validated, stored, shown
as text and laid out in the read-only view and the exported PDF.

Everything that differs between types reads it from here (`field_type(f)`) instead of
comparing type names: a new type is one entry below, and the tests fail until the UI's
editor table, the demo-data drawer and the export handle it too. What the form files may
say for a type (`settings`, `limits`, `choices`) is checked by the loader from the same
entry.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from . import display_text as show
from . import type_checks as checks
from .expr_functions import is_number
from .formats import parse_date, parse_datetime, parse_time
from .model import FieldDef

# Where a value lives: in the record JSON as one value or as a list of row objects, in the
# vault's attachment table (by record id and field path), or nowhere (computed on reading).
Storage = Literal["value", "rows", "file", "computed"]
# How the read-only view and the PDF lay a field out: a label/value line, a long text
# flowing below its label, a block of numbered rows, or the list of its files.
Layout = Literal["line", "long", "rows", "files"]
# Which choices a type takes: none, one id, a list of ids, or (computed) optional labels
# for the ids its expression gives.
ChoiceUse = Literal["none", "one", "many", "labels"]


@dataclass(frozen=True)
class FieldType:
    name: str
    stored: Storage
    stored_as: str                      # the record value, in the words of docs/forms.md
    # The JSON value as the condition language sees it; None when absent or malformed.
    parse: Callable[[object], object]
    check: checks.Check                 # a present, non-empty value -> findings
    quick: Callable[[FieldDef], checks.Quick | None]   # validation's fast path, if any
    display: Callable[[FieldDef, object, show.DisplayContext], str]
    layout: Layout
    choices: ChoiceUse = "none"
    shared_list: str | None = None      # the `_choices.yaml` list it always uses
    limits: Literal["number", "date"] | None = None     # what `min` / `max` are
    settings: frozenset[str] = frozenset()   # type-only keys the definition may use
    copyable: bool = False              # the read-only view offers a copy button
    in_groups: bool = True              # may be a column of a repeat group
    one_file: bool = False              # a signature: its latest file is the one that counts
    refers: bool = False                # names another record (resolved in the vault)
    # A way to reach someone: withheld from the court profile when it is the person's own
    # (classified identifying; see desktop/export/redaction.py).
    contact: bool = False
    # What an `example: today-3` becomes: a date, or a date and time (docs/forms.md).
    today_example: Literal["date", "datetime"] | None = None
    # A date that cannot be in the future (a birth date): its calendar stops at today and,
    # when empty, opens this many years back (where most clients' birth dates are).
    past_only: bool = False
    calendar_years_back: int = 0

    @property
    def in_record(self) -> bool:
        """Its value is part of the record JSON (not a file, not computed)."""
        return self.stored in ("value", "rows")


def _string(raw: object) -> object:
    return raw if isinstance(raw, str) else None


def _integer(raw: object) -> object:
    return raw if isinstance(raw, int) and not isinstance(raw, bool) else None


def _number(raw: object) -> object:
    return raw if is_number(raw) else None


def _bool(raw: object) -> object:
    return raw if isinstance(raw, bool) else None


def _strings(raw: object) -> object:
    return [v for v in raw if isinstance(v, str)] if isinstance(raw, list) else None


def _none(raw: object) -> object:
    """Rows, files and computed values are typed by the evaluator, not from one value."""
    return None


_TEXT_SETTINGS = frozenset({"min_length", "max_length", "pattern"})
_LIMITS = frozenset({"min", "max"})
_ITEMS = frozenset({"min_items", "max_items"})
_REFERENCE = frozenset({"ref_form", "ref_same_case", "consent_covers", "consent_purposes"})
_no_quick = checks.no_quick

TYPES: dict[str, FieldType] = {t.name: t for t in (
    FieldType("text", "value", "text", _string, checks.free_text(500),
              checks.quick_free_text(500), show.show_text, "line",
              settings=_TEXT_SETTINGS, copyable=True),
    FieldType("longtext", "value", "text", _string, checks.free_text(20000),
              checks.quick_free_text(20000), show.show_text, "long",
              settings=_TEXT_SETTINGS, copyable=True),
    FieldType("integer", "value", "a whole JSON number", _integer, checks.check_integer,
              checks.quick_integer, show.show_number, "line", limits="number",
              settings=_LIMITS),
    FieldType("decimal", "value", "a JSON number", _number, checks.check_decimal, _no_quick,
              show.show_number, "line", limits="number", settings=_LIMITS),
    FieldType("date", "value", '"2026-03-15"', parse_date, checks.check_date, _no_quick,
              show.show_date, "line", limits="date", settings=_LIMITS,
              today_example="date"),
    FieldType("time", "value", '"14:30"', parse_time, checks.check_time, _no_quick,
              show.show_time, "line"),
    FieldType("datetime", "value", '"2026-03-15T14:30" (optionally +09:00)', parse_datetime,
              checks.check_datetime, _no_quick, show.show_datetime, "line",
              today_example="datetime"),
    FieldType("choice", "value", "one choice id", _string, checks.check_choice,
              checks.quick_choice, show.show_choice, "line", choices="one"),
    FieldType("multichoice", "value", "a list of choice ids, no repeats", _strings,
              checks.check_choices, _no_quick, show.show_choices, "line", choices="many",
              settings=_ITEMS),
    FieldType("yesno", "value", "true / false", _bool, checks.check_yesno,
              checks.quick_yesno, show.show_yesno, "line"),
    FieldType("phone", "value", "a Korean phone number", _string, checks.check_phone,
              _no_quick, show.show_text, "line", copyable=True, contact=True),
    FieldType("email", "value", "an e-mail address", _string, checks.check_email, _no_quick,
              show.show_text, "line", copyable=True, contact=True),
    FieldType("birthdate", "value", '"2026-03-15", not in the future nor before 1900',
              parse_date, checks.check_birthdate, _no_quick, show.show_date, "line",
              copyable=True, past_only=True, calendar_years_back=15),
    FieldType("ageband", "value", "an id of the shared age_bands list", _string,
              checks.check_choice, checks.quick_choice, show.show_choice, "line",
              choices="one", shared_list="age_bands"),
    FieldType("district", "value", "an id of the shared districts list", _string,
              checks.check_choice, checks.quick_choice, show.show_choice, "line",
              choices="one", shared_list="districts"),
    FieldType("attachment", "file", "not in the record: vault attachments", _none,
              checks.check_nothing, _no_quick, show.show_nothing, "files"),
    FieldType("signature", "file", "not in the record: a vault attachment", _none,
              checks.check_nothing, _no_quick, show.show_nothing, "files", one_file=True),
    FieldType("group", "rows", "a list of rows, each an object of the group's columns", _none,
              checks.check_nothing, _no_quick, show.show_rows, "rows", settings=_ITEMS | {"fields"},
              in_groups=False),
    FieldType("computed", "computed", "not in the record: computed from the other answers",
              _none, checks.check_nothing, _no_quick, show.show_computed, "line",
              choices="labels", settings=frozenset({"compute"})),
    FieldType("reference", "value", "the id of another record", _string,
              checks.check_reference, _no_quick, show.show_reference, "line",
              settings=_REFERENCE, in_groups=False, refers=True),
)}


def field_type(f: FieldDef) -> FieldType:
    """The behaviour of a field's type (KeyError for a type the loader would refuse)."""
    return TYPES[f.type]


def stored(f: FieldDef) -> Storage:
    """Where a field's value lives (see Storage)."""
    return TYPES[f.type].stored


def display_value(f: FieldDef, value: object, ctx: show.DisplayContext) -> str:
    """A field's value as text for people; "" when it is empty."""
    if value is None or value == "" or value == []:
        return ""
    return field_type(f).display(f, value, ctx)
