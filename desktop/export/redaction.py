"""Contact details withheld from the court profile unless the worker records why.

A court file reaches the defence. The victim's phone number, e-mail and the notes on how
to reach them safely ("family may see the phone", "do not name the center") would tell the
accused how to reach the victim, and the court needs none of them to weigh the evidence.
So the court profile prints them as withheld by default; `--include-contacts REASON` (and
the app's export dialog) includes them, with the reason on the cover and in the audit log.

Which fields: taken from the form definitions, not from a list of field ids, so a new form
follows the same rule: a field is a contact detail when it is
- of a contact type of the registry (phone, e-mail: `contact` in forms/field_types.py) and
  classified `identifying` (the person's own number; a receiving body's office number,
  e.g. the referral's, is not identifying), or
- in a section about safe contact (`safe_contact`: how, when and with what cautions the
  person may be reached).
docs/export.md lists the fields this selects in the shipped forms.
"""
from __future__ import annotations

from forms.display_text import pick
from forms.field_types import field_type
from forms.model import FieldDef, FormDef, generic_path

CONTACT_SECTIONS = frozenset({"safe_contact"})


def contact_paths(form: FormDef) -> frozenset[str]:
    """The paths (`x`, `g[].c`) of the form's contact-detail fields."""
    out: set[str] = set()
    for section in form.sections:
        in_section = section.id in CONTACT_SECTIONS
        for f in section.fields:
            if in_section or _contact_type(f):
                out.add(f.id)
            for child in f.fields:
                if in_section or _contact_type(child):
                    out.add(f"{f.id}[].{child.id}")
    return frozenset(out)


def _contact_type(f: FieldDef) -> bool:
    return field_type(f).contact and f.classification == "identifying"


def is_contact(form: FormDef, path: str) -> bool:
    """Whether the value at `path` (a concrete row path `g[2].c` too) is a contact detail."""
    return generic_path(path) in contact_paths(form)


def contact_labels(forms: list[FormDef], lang: str) -> list[str]:
    """The labels of the contact fields of these forms, each once, in form order."""
    seen: dict[str, None] = {}
    for form in forms:
        contacts = contact_paths(form)
        for path, f in form.fields():
            if path in contacts:
                seen.setdefault(pick(f.label, lang) or path, None)
    return list(seen)
