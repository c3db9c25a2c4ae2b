"""A tiny form registry built from the documented FormDef attributes (docs/architecture.md),
so the composer is tested independently of the shipped definitions."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Choice:
    id: str
    label: dict


@dataclass
class FieldDef:
    id: str
    type: str
    label: dict
    classification: str = "sensitive"
    choices: list = field(default_factory=list)
    fields: list = field(default_factory=list)
    required: bool = False
    help: dict | None = None


@dataclass
class Section:
    id: str
    title: dict
    fields: list


@dataclass
class FormDef:
    id: str
    version: int
    title: dict
    sections: list
    case_bound: bool = True
    description: dict = field(default_factory=dict)

    def fields(self):
        for s in self.sections:
            for f in s.fields:
                yield f.id, f
                for c in f.fields:
                    yield f"{f.id}[].{c.id}", c


def L(ko, en):  # noqa: N802 - reads like a literal
    return {"ko": ko, "en": en}


INTAKE = FormDef("intake", 1, L("초기 상담", "Intake"), [
    Section("person", L("피해자 정보", "Victim"), [
        FieldDef("name", "text", L("이름", "Name"), "identifying"),
        FieldDef("phone", "phone", L("연락처", "Phone"), "identifying"),
        FieldDef("age_band", "choice", L("연령대", "Age band"), "statistic",
                 choices=[Choice("teen", L("10대", "teens")), Choice("20s", L("20대", "20s"))]),
    ]),
    Section("story", L("상담 내용", "Account"), [
        FieldDef("narrative", "longtext", L("피해 진술", "Account")),
        FieldDef("crime_types", "multichoice", L("피해 유형", "Crime types"), "statistic",
                 choices=[Choice("filming", L("불법촬영", "illegal filming")),
                          Choice("sextortion", L("유포 협박", "sextortion"))]),
        FieldDef("reported", "yesno", L("신고 여부", "Reported")),
        FieldDef("offenders", "group", L("가해자", "Offenders"), fields=[
            FieldDef("platform", "text", L("플랫폼", "Platform")),
            FieldDef("account", "text", L("계정", "Account"), "identifying"),
        ]),
    ]),
])

CONSENT = FormDef("consent", 1, L("개인정보 제공 동의", "Consent"), [
    Section("main", L("동의", "Consent"), [
        FieldDef("recipients", "multichoice", L("제공 대상", "Recipients"),
                 choices=[Choice(c, L(c, c)) for c in
                          ("court", "police", "prosecution", "hospital", "deletion")]),
        FieldDef("signature", "signature", L("서명", "Signature"), "identifying"),
    ]),
])

SESSION = FormDef("companion_session", 1, L("동행 지원", "Companion session"), [
    Section("main", L("동행", "Session"), [
        FieldDef("date", "date", L("일자", "Date")),
        FieldDef("place", "text", L("장소", "Place")),
        FieldDef("duration_min", "integer", L("소요(분)", "Minutes")),
        FieldDef("outcome", "text", L("결과", "Outcome")),
    ]),
])

EVIDENCE = FormDef("evidence", 1, L("증거", "Evidence"), [
    Section("main", L("증거", "Evidence"), [
        FieldDef("description", "text", L("설명", "Description")),
        FieldDef("files", "attachment", L("파일", "Files")),
    ]),
])

INCIDENT = FormDef("incident", 1, L("사건", "Incident"), [
    Section("main", L("사건", "Incident"), [
        FieldDef("summary", "longtext", L("개요", "Summary")),
        FieldDef("urls", "group", L("유포 주소", "Where it spread"), fields=[
            FieldDef("url", "text", L("주소", "URL")),
            FieldDef("seen", "date", L("확인일", "Seen on")),
            FieldDef("note", "text", L("메모", "Note")),
            FieldDef("by", "text", L("확인자", "Checked by"), "identifying"),
            FieldDef("extra", "text", L("기타", "Extra")),
        ]),
    ]),
])

FORMS = {f.id: f for f in (INTAKE, CONSENT, SESSION, EVIDENCE, INCIDENT)}
