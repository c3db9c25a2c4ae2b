"""Whether a case's consent lets its hash values go to a platform (a takedown packet), beside
the export's own consent gate (desktop/export/collect.py: check_consent).

A consent covers hash sharing with a platform when it is in effect (signed, not withdrawn,
within its period, a guardian's consent for a child under 14: forms/consent.py), grants the
`hash_sharing` purpose and names that platform in `hash_sharing_platforms` (consent v2; a
v1 consent names no platform, so it covers none). Only the case's own consents count.
"""
from __future__ import annotations

from datetime import date

CONSENT_FORM = "consent"


def _platform_label(platform_id: str) -> tuple[str, str]:
    from forms import load_registry

    for c in load_registry().choice_list("platforms"):
        if c.id == platform_id:
            return c.label.get("ko", platform_id), c.label.get("en", platform_id)
    return platform_id, platform_id


def hash_sharing_consent(vault, case_code: str, platform_id: str,
                         today: date | None = None) -> tuple[str | None, list[tuple[str, str]]]:
    """(id of a consent of the case covering hash sharing with `platform_id`, []) or
    (None, reasons): one (ko, en) line per consent of the case saying why it does not."""
    from forms.consent import HASH_SHARING, consent_status, covers_hash_sharing

    today = today or date.today()
    reasons: list[tuple[str, str]] = []
    for rec in vault.list_records(case_code=case_code, form=CONSENT_FORM):
        if rec.deleted:
            continue
        signed = {a.field for a in vault.list_attachments(record_id=rec.id)
                  if a.field and not getattr(a, "removed", False)}
        status = consent_status(rec.values, signed="signature" in signed, today=today,
                                signed_fields=signed)
        if covers_hash_sharing(status, platform_id):
            return rec.id, []
        short = rec.id[:13]
        if not status.in_effect:
            reasons += [(f"{short}: {p.message_ko}", f"{short}: {p.message_en}")
                        for p in status.reasons]
        elif HASH_SHARING not in status.purposes:
            reasons.append((f"{short}: 해시값 제공에 동의하지 않았습니다.",
                            f"{short}: does not consent to sharing hash values."))
        else:
            ko, en = _platform_label(platform_id)
            reasons.append((f"{short}: 해시값을 제공할 플랫폼에 '{ko}'이(가) 없습니다.",
                            f"{short}: '{en}' is not among the platforms that may receive "
                            f"the hash values."))
    if not reasons:
        reasons.append(("동의서 기록이 없습니다.", "there is no consent record."))
    return None, reasons


def consent_covers_hash_sharing(vault, case_code: str, platform_id: str,
                                today: date | None = None) -> bool:
    """True when a consent of case `case_code` in effect grants sharing hash values with
    the platform `platform_id` (an id of the `platforms` choice list)."""
    return hash_sharing_consent(vault, case_code, platform_id, today)[0] is not None
