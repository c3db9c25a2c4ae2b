"""What a new record starts with, so a worker types less and never re-types what the vault
already knows: the worker's name and today (`starting_values`), the outreach stop of the
last contact (remembered for the session, `outreach_view`), and a consent started from the
case's intake and its last consent (`consent_start`, run on the vault worker).

Every value filled in here carries a note at its field saying where it came from: the
worker checks it with the person rather than trusts it."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication

_tr = QCoreApplication.translate  # _tr("Context", "text"): found by lupdate

# Intake age bands that answer the consent's "under 14?" when no birth date is known
# (forms/definitions/_choices.yaml cuts its bands at 14 for this question).
_UNDER_14_BANDS = {"age_under_10", "age_10_13"}
_GUARDIAN_FIELDS = ("guardian_name", "guardian_relationship", "guardian_phone")


def starting_values(form, worker: str) -> dict:
    """The worker's own name in a `worker` field, today (or now) in the first required
    date field."""
    values: dict = {}
    dated = False
    for f in form.top_fields:
        if f.id == "worker" and f.type == "text":
            values[f.id] = worker
        elif not dated and f.required and f.type in ("date", "datetime"):
            now = dt.datetime.now()
            values[f.id] = now.date().isoformat() if f.type == "date" \
                else now.strftime("%Y-%m-%dT%H:%M")
            dated = True
    return values


def consent_start(vault, case_code: str) -> tuple[dict, dict]:
    """(values from the intake, values from the last consent) for a new consent in the
    case. Runs on the vault worker."""
    def latest(form_id: str) -> dict:
        recs = [r for r in vault.list_records(case_code=case_code, form=form_id)
                if not r.deleted]
        return recs[-1].values if recs else {}

    intake, consent = latest("intake"), latest("consent")
    from_intake: dict = {}
    if isinstance(intake.get("client_name"), str):
        from_intake["subject_name"] = intake["client_name"]
    if isinstance(intake.get("birth_date"), str):
        from_intake["birth_date"] = intake["birth_date"]
    else:
        band = intake.get("age_band_reported")
        if isinstance(band, str) and band != "age_unknown":
            from_intake["under14"] = band in _UNDER_14_BANDS
    from_consent = {k: consent[k] for k in _GUARDIAN_FIELDS if consent.get(k) is not None}
    return from_intake, from_consent


def intake_note() -> str:
    return _tr("RecordPrefill", "From the case's intake — check it with the person.")


def last_consent_note() -> str:
    return _tr("RecordPrefill", "From the case's last consent — check it is still right.")


def prefill(editor) -> None:
    """Fill a new record's editor (a RecordEditor) from what is known: the outreach stop at
    once, a consent once the vault worker has read the case."""
    from ui import outreach_view

    if editor.form.id == "outreach_contact":
        fill_in(editor.view, outreach_view.remembered_stop(editor.session),
                outreach_view.stop_note())
    elif editor.form.id == "consent" and editor.case_code:
        case = editor.case_code

        def filled(result) -> None:
            if editor.is_closed():
                return
            from_intake, from_consent = result
            # (the name's help already says the intake may hold an alias)
            fill_in(editor.view, from_intake, intake_note())
            fill_in(editor.view, from_consent, last_consent_note())

        editor.session.submit(lambda v: consent_start(v, case), filled)


def fill_in(view, values: dict, note: str) -> None:
    """Values a form starts with (not typed: the form stays unedited), each with a note
    saying where it came from; a field already typed into is left alone."""
    filled = False
    for fid, value in values.items():
        row = view.rows.get(fid)
        if row is None or row.editor.value() is not None:
            continue
        row.editor.blockSignals(True)
        row.editor.set_value(value)
        row.editor.blockSignals(False)
        row.set_note(note)
        filled = True
    if filled:
        view.refresh()
        view.set_privacy(view.privacy)
