"""Export profiles: who receives the file, and what they may see.

Each profile names the forms it includes, the field classifications it shows (every other
field is printed as withheld), which consent recipients permit it, and the default
recipient/purpose texts printed on the cover. `deletion` never shows `identifying` fields:
deletion bodies and platforms need the material and where it spread, not who the victim is.
"""
from __future__ import annotations

from dataclasses import dataclass

from desktop.export.errors import ExportError

ALL = frozenset({"identifying", "sensitive", "statistic"})


@dataclass(frozen=True)
class Profile:
    id: str
    title: dict
    forms: tuple[str, ...]
    classifications: frozenset[str]
    consent_recipients: tuple[str, ...]     # any one of these in the consent permits export
    recipient: dict                          # default recipient text (ko/en)
    purpose: dict                            # default purpose text (ko/en)
    redacts_contacts: bool = False           # contact details withheld unless a reason
    certify: bool = False                    # DocMDP "no changes" (timestamps still allowed)
    # intimate images kept in full are embedded but not drawn on the pages (a placeholder
    # with the hashes) unless the worker gives a reason (issue 16, docs/deletion.md)
    hides_intimate: bool = False

    def includes_form(self, form_id: str) -> bool:
        return form_id in self.forms

    def shows(self, classification: str | None) -> bool:
        return (classification or "sensitive") in self.classifications


PROFILES: dict[str, Profile] = {p.id: p for p in (
    Profile(
        id="court",
        title={"ko": "법원 제출용", "en": "for the court"},
        forms=("intake", "consent", "incident", "support_plan", "companion_session",
               "evidence", "referral", "case_closure"),
        classifications=ALL,
        consent_recipients=("court",),
        recipient={"ko": "관할 법원", "en": "the competent court"},
        purpose={"ko": "재판 절차의 증거 및 피해자 지원 경과 제출",
                 "en": "evidence and record of victim support for court proceedings"},
        # the file reaches the defence: see desktop/export/redaction.py
        redacts_contacts=True,
        certify=True,    # a court file is final: any later change but a timestamp fails
        hides_intimate=True,
    ),
    Profile(
        id="police",
        title={"ko": "수사기관 제출용", "en": "for police and prosecutors"},
        forms=("intake", "consent", "incident", "companion_session", "evidence", "referral"),
        classifications=ALL,
        consent_recipients=("police", "prosecution"),
        recipient={"ko": "관할 경찰서 / 검찰청", "en": "the police / public prosecutor"},
        purpose={"ko": "수사 협조를 위한 피해 사실 및 증거 제출",
                 "en": "facts of the offence and evidence for the investigation"},
        hides_intimate=True,
    ),
    Profile(
        id="medical",
        title={"ko": "의료기관 제출용", "en": "for hospitals"},
        forms=("intake", "consent", "incident", "support_plan", "companion_session",
               "referral"),
        classifications=ALL,
        consent_recipients=("hospital",),
        recipient={"ko": "연계 의료기관", "en": "the referred hospital"},
        purpose={"ko": "의료·심리 지원 연계", "en": "referral for medical and psychological care"},
    ),
    Profile(
        id="deletion",
        title={"ko": "삭제 지원용", "en": "for deletion requests"},
        forms=("consent", "incident", "evidence"),
        classifications=frozenset({"sensitive", "statistic"}),
        consent_recipients=("deletion",),
        recipient={"ko": "삭제 지원 기관 / 플랫폼 사업자",
                   "en": "deletion support body / platform operator"},
        purpose={"ko": "불법 촬영물 등의 삭제 요청",
                 "en": "request to remove illegal images"},
    ),
)}


def get_profile(profile_id: str) -> Profile:
    try:
        return PROFILES[profile_id]
    except KeyError:
        names = ", ".join(PROFILES)
        raise ExportError(f"알 수 없는 내보내기 프로필: {profile_id} (가능: {names})",
                          f"unknown export profile: {profile_id} (one of: {names})") from None
