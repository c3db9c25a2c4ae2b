"""The form-definition model: plain data built by the loader from the YAML files.

Objects are shared by every caller of a registry, so treat them as read-only.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property

CLASSIFICATIONS = ("identifying", "sensitive", "statistic")
# What each field type means (parsing, validation, storage, display) is in field_types.py.
_ROW_INDEX = re.compile(r"\[\d+\]")


def generic_path(path: str) -> str:
    """A value path without its row numbers (`g[3].c` -> `g[].c`): the path under which
    `FormDef.fields()` names the field. A path without rows is returned as it is."""
    return _ROW_INDEX.sub("[]", path)


class FormsError(Exception):
    """A user-facing error of the forms package: one line per problem, Korean and English."""

    def __init__(self, lines_ko: list[str], lines_en: list[str] | None = None):
        self.lines_ko = list(lines_ko)
        self.lines_en = list(lines_en if lines_en is not None else lines_ko)
        super().__init__("\n".join(self.lines_en))

    def lines(self, lang: str = "ko") -> list[str]:
        return self.lines_en if lang == "en" else self.lines_ko

    def message(self, lang: str = "ko") -> str:
        return "\n".join(self.lines(lang))


class FormDefinitionError(FormsError):
    """The definitions folder cannot be loaded (run `donghaeng forms check` for details)."""


class MigrationError(FormsError):
    """A record cannot be migrated between the two given form versions."""


@dataclass(frozen=True)
class Problem:
    """One validation problem: where, a stable code, and the message in both languages.

    Paths use 0-based row indexes: `offenders[0].platform` is the first offender.
    Form-level checks without a field report at path "".
    """

    path: str
    code: str
    message_ko: str
    message_en: str

    def message(self, lang: str = "ko") -> str:
        return self.message_en if lang == "en" else self.message_ko


@dataclass
class Choice:
    id: str
    label: dict


@dataclass
class FieldDef:
    id: str
    type: str
    label: dict
    help: dict | None = None
    classification: str = "sensitive"
    required: bool = False
    choices: list[Choice] = field(default_factory=list)
    choices_from: str | None = None
    fields: list[FieldDef] = field(default_factory=list)
    visible_if: str | None = None
    required_if: str | None = None
    min: object = None
    max: object = None
    min_length: int | None = None
    max_length: int | None = None
    min_items: int | None = None
    max_items: int | None = None
    pattern: str | None = None
    unique: bool = False
    compute: str | None = None
    ref_form: str | None = None
    ref_same_case: bool = False
    consent_covers: str | None = None
    consent_purposes: list[str] = field(default_factory=list)
    example: object = None

    @cached_property
    def choice_ids(self) -> frozenset:
        return frozenset(c.id for c in self.choices)

    @cached_property
    def child_ids(self) -> frozenset:
        return frozenset(f.id for f in self.fields)

    def choice(self, choice_id: str) -> Choice | None:
        for c in self.choices:
            if c.id == choice_id:
                return c
        return None

    def child(self, child_id: str) -> FieldDef | None:
        for f in self.fields:
            if f.id == child_id:
                return f
        return None


@dataclass
class Section:
    id: str
    title: dict
    fields: list[FieldDef] = field(default_factory=list)


@dataclass
class Check:
    """A cross-field rule: `expr` must not evaluate to false; reported at field `at`."""

    id: str
    expr: str
    message: dict
    at: str = ""


@dataclass
class MigrationStep:
    op: str  # rename | map_choices | set_default | drop | make_rows
    field: str  # a top-level id or "group[].child"; make_rows: the group it fills
    to: str | None = None
    mapping: dict | None = None
    value: object = None
    # make_rows: one row per item of `for_each` (a top-level field; one row when None),
    # only when `if_present` (a top-level field) has a value; `columns`: column id ->
    # source, {"from": field} | {"value": literal} | {"item": True} | {"number": True}
    for_each: str | None = None
    if_present: str | None = None
    columns: dict | None = None

    def sources(self) -> list[str]:
        """The old version's top-level fields a make_rows step reads."""
        out = [f for f in (self.for_each, self.if_present) if f]
        out += [str(src["from"]) for src in (self.columns or {}).values()
                if isinstance(src, dict) and "from" in src]
        return out


@dataclass
class Migration:
    """Declared on version N+1: how a version-N record becomes an N+1 record."""

    from_version: int
    steps: list[MigrationStep] = field(default_factory=list)


@dataclass
class FormDef:
    id: str
    version: int
    title: dict
    description: dict
    case_bound: bool
    sections: list[Section]
    checks: list[Check] = field(default_factory=list)
    migration: Migration | None = None
    source: str = ""

    def fields(self) -> Iterator[tuple[str, FieldDef]]:
        """Every field with its path; group children as `group[].child`."""
        for section in self.sections:
            for f in section.fields:
                yield f.id, f
                for child in f.fields:
                    yield f"{f.id}[].{child.id}", child

    @cached_property
    def top_fields(self) -> list[FieldDef]:
        return [f for s in self.sections for f in s.fields]

    @cached_property
    def _by_id(self) -> dict:
        return {f.id: f for f in self.top_fields}

    def field(self, field_id: str) -> FieldDef | None:
        return self._by_id.get(field_id)

    def field_at(self, path: str) -> FieldDef | None:
        """The field at a path: `x`, `g[].c` or a concrete row path `g[3].c`."""
        if "." not in path:
            return self._by_id.get(path.split("[", 1)[0])
        head, child = path.split(".", 1)
        group = self._by_id.get(head.split("[", 1)[0])
        return group.child(child) if group is not None else None

    def section_of(self, field_id: str) -> Section | None:
        for s in self.sections:
            if any(f.id == field_id for f in s.fields):
                return s
        return None

    def classification_of(self, path: str) -> str | None:
        f = self.field_at(path)
        return f.classification if f is not None else None
