"""The date of the event a record records, for ordering a case's timeline (no Qt here).

Rule (docs/ui.md): a record's event date is the value of the first top-level field of type
`date`, in the form's definition order, that holds one. Every case form puts the date of
what it records first: intake `intake_date`, incident `occurred_date` (then
`discovered_date`, then `first_report_date`), companion session `date`, consent
`consent_date`, evidence `found_date`, referral `referral_date`, support plan `plan_date`,
case closure `closure_date`. Birth dates are their own type (`birthdate`) and never count,
nor do dates of a planned or later step (next contact, review, validity, withdrawal,
deletion progress: `PLANNED`) — a plan is not the event.

A record with no event date takes its save date; ties (same day) go by save time."""
from __future__ import annotations

# Date fields that name a future step, not the event: never the timeline's date.
PLANNED = frozenset({"next_contact_date", "next_date", "review_date", "recontact_after",
                     "valid_until", "valid_from", "withdrawn_date", "removed_date",
                     "reuploaded_date", "requested_date", "status_date"})


def event_field_ids(form) -> list[str]:
    """The form's event-date fields, in order of preference."""
    return [f.id for f in form.top_fields if f.type == "date" and f.id not in PLANNED]


def event_date(registry, rec) -> str | None:
    """The record's event date (ISO), or None."""
    try:
        form = registry.get(rec.form, rec.form_version)
    except KeyError:
        return None
    values = rec.values or {}
    for fid in event_field_ids(form):
        v = values.get(fid)
        if isinstance(v, str) and len(v) >= 10:
            return v[:10]
    return None
