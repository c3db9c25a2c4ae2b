"""Whether a consent record is in effect, and what it covers.

A consent takes effect once signed, while not withdrawn and within its validity period;
a child under 14 also needs a legal guardian's consent (PIPA art. 22-2).

About "signed": the `signature` field holds a drawn signature or a photo/scan of the signed
paper form, stored as an attachment in the vault. Its presence shows that the worker
attached one, nothing more: it is not a cryptographic signature, and this module cannot
see it. The caller states it: `signed` = the vault holds an attachment for `signature`,
`signed_fields` = every signature field with an attachment (e.g. `guardian_signature`).
What makes an exported file trustworthy is the worker's PAdES signature on the export.
"""
from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from datetime import date

from .expr_functions import age_years
from .formats import parse_date
from .model import Problem

RECIPIENTS = ("police", "prosecution", "court", "hospital", "deletion", "youth_safety_net")
PURPOSES = ("collection_use", "third_party_provision", "sensitive_info", "hash_sharing")
# Handing a victim's case to another body is third-party provision of information on sex
# life, which PIPA art. 23 treats as sensitive: both purposes are needed.
PROVISION_PURPOSES = ("third_party_provision", "sensitive_info")
# Sending a platform the hash values of a victim's images (a takedown packet) is a purpose
# of its own, granted per platform (consent v2 `hash_sharing_platforms`).
HASH_SHARING = "hash_sharing"
GUARDIAN_AGE = 14

_REASONS = {
    "consent_unsigned": ("signature", "서명(또는 서명된 동의서 사진)이 첨부되지 않았습니다.",
                         "no signature (or photo of the signed form) is attached."),
    "consent_withdrawn": ("withdrawn", "동의가 철회되었습니다.", "the consent was withdrawn."),
    "consent_no_period": ("valid_from", "유효기간(시작일·종료일)이 없거나 올바르지 않습니다.",
                          "the validity period (start and end date) is missing or invalid."),
    "consent_not_yet_valid": ("valid_from", "유효기간이 아직 시작되지 않았습니다.",
                              "the validity period has not started yet."),
    "consent_expired": ("valid_until", "유효기간이 지났습니다.", "the validity period has ended."),
    "consent_age_unknown": ("birth_date", "생년월일이나 만 14세 미만 여부가 없어 법정대리인 "
                            "동의가 필요한지 알 수 없습니다.",
                            "neither the birth date nor whether the person is under 14 is "
                            "recorded, so the need for a guardian's consent is unknown."),
    "consent_guardian_missing": ("guardian_name", "만 14세 미만이므로 법정대리인의 성명과 관계가 "
                                 "필요합니다.",
                                 "the person is under 14: the legal guardian's name and "
                                 "relationship are required."),
    "consent_guardian_unsigned": ("guardian_signature", "만 14세 미만이므로 법정대리인의 서명이 "
                                  "필요합니다.",
                                  "the person is under 14: the legal guardian's signature "
                                  "is required."),
}


@dataclass
class ConsentStatus:
    in_effect: bool
    reasons: list[Problem] = field(default_factory=list)  # why not in effect
    recipients: set[str] = field(default_factory=set)
    purposes: set[str] = field(default_factory=set)
    needs_guardian: bool | None = None
    hash_platforms: set[str] = field(default_factory=set)  # platforms hashes may go to


def _reason(code: str) -> Problem:
    path, ko, en = _REASONS[code]
    return Problem(path, code, f"동의서: {ko}", f"Consent: {en}")


def _strings(value: object) -> set[str]:
    return {v for v in value if isinstance(v, str)} if isinstance(value, list) else set()


def needs_guardian(values: dict) -> bool | None:
    """True for a child under 14 on the consent date; None when the age is unknown."""
    birth = parse_date(values.get("birth_date"))
    if birth is not None:
        on = parse_date(values.get("consent_date")) or parse_date(values.get("valid_from"))
        years = age_years(birth, on) if on is not None else None
        if years is not None:
            return years < GUARDIAN_AGE
    under14 = values.get("under14")
    return under14 if isinstance(under14, bool) else None


def consent_status(values: object, *, signed: bool, today: date,
                   signed_fields: Collection[str] = ()) -> ConsentStatus:
    """Never raises: malformed values simply make the consent not in effect."""
    values = values if isinstance(values, dict) else {}
    codes: list[str] = []
    if not signed:
        codes.append("consent_unsigned")
    if values.get("withdrawn") is True:
        codes.append("consent_withdrawn")
    start, end = parse_date(values.get("valid_from")), parse_date(values.get("valid_until"))
    if start is None or end is None or end < start:
        codes.append("consent_no_period")
    elif today < start:
        codes.append("consent_not_yet_valid")
    elif today > end:
        codes.append("consent_expired")
    guardian = needs_guardian(values)
    if guardian is None:
        codes.append("consent_age_unknown")
    elif guardian:
        name, relation = values.get("guardian_name"), values.get("guardian_relationship")
        if not (isinstance(name, str) and name.strip()) or not (
                isinstance(relation, str) and relation.strip()):
            codes.append("consent_guardian_missing")
        if "guardian_signature" not in signed_fields:
            codes.append("consent_guardian_unsigned")
    return ConsentStatus(
        in_effect=not codes,
        reasons=[_reason(c) for c in codes],
        recipients=_strings(values.get("recipients")),
        purposes=_strings(values.get("purposes")),
        needs_guardian=guardian,
        hash_platforms=_strings(values.get("hash_sharing_platforms")),
    )


def consent_covers(status: ConsentStatus, recipient: str,
                   purposes: Iterable[str] = PROVISION_PURPOSES) -> bool:
    """In effect, granted for this recipient, and for every one of `purposes`."""
    return (status.in_effect and recipient in status.recipients
            and set(purposes) <= status.purposes)


def covers_hash_sharing(status: ConsentStatus, platform: str) -> bool:
    """In effect, granting hash sharing, with `platform` (a `platforms` choice id) named
    among the platforms that may receive the hashes."""
    return (status.in_effect and HASH_SHARING in status.purposes
            and platform in status.hash_platforms)
