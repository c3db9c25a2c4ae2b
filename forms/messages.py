"""Korean and English texts of the validation problems, by stable problem code."""
from __future__ import annotations

from typing import Protocol

from .model import Problem


class Labelled(Protocol):
    """A field's name in both languages, formatted only when a problem is reported."""

    def pair(self) -> tuple[str, str]: ...


Label = tuple[str, str] | Labelled | None

MESSAGES = {
    "not_object": ("입력값은 항목 이름과 값의 묶음(JSON 객체)이어야 합니다.",
                   "The values must be a JSON object of field names and values."),
    "unknown_field": ("이 서식에 없는 항목입니다.", "This form has no such field."),
    "required": ("필수 항목입니다.", "This field is required."),
    "hidden_value": ("현재 답변에서는 표시되지 않는 항목이므로 값을 비워 두어야 합니다.",
                     "This field is hidden by the other answers; leave it empty."),
    "computed_input": ("자동으로 계산되는 항목이므로 직접 입력할 수 없습니다.",
                       "This value is computed; it cannot be entered."),
    "file_in_values": ("파일과 서명은 첨부 기능으로 추가해야 하며 값으로 입력할 수 없습니다.",
                       "Files and signatures are attached, not typed as values."),
    "type_text": ("문자열이어야 합니다.", "Must be text."),
    "type_integer": ("정수여야 합니다.", "Must be a whole number."),
    "type_number": ("숫자여야 합니다.", "Must be a number."),
    "type_yesno": ("예/아니요(true/false) 값이어야 합니다.", "Must be yes or no (true/false)."),
    "type_list": ("목록이어야 합니다.", "Must be a list."),
    "type_row": ("각 행은 항목 이름과 값의 묶음이어야 합니다.", "Each row must be an object."),
    "invalid_date": ("날짜는 YYYY-MM-DD 형식의 실제 날짜여야 합니다.",
                     "Must be a real date written YYYY-MM-DD."),
    "invalid_time": ("시각은 HH:MM 형식이어야 합니다.", "Must be a time written HH:MM."),
    "invalid_datetime": ("일시는 YYYY-MM-DDTHH:MM 형식이어야 합니다.",
                         "Must be a date and time written YYYY-MM-DDTHH:MM."),
    "invalid_phone": ("올바른 국내 전화번호가 아닙니다 (예: 010-0000-0000, 02-000-0000).",
                      "Not a valid Korean phone number (e.g. 010-0000-0000, 02-000-0000)."),
    "invalid_email": ("올바른 이메일 주소가 아닙니다.", "Not a valid e-mail address."),
    "unknown_choice": ("선택지에 없는 값입니다: {value}", "Not one of the choices: {value}"),
    "duplicate_choice": ("같은 선택지를 두 번 고를 수 없습니다: {value}",
                         "The same choice is selected twice: {value}"),
    "too_small": ("{limit} 이상이어야 합니다.", "Must be at least {limit}."),
    "too_large": ("{limit} 이하여야 합니다.", "Must be at most {limit}."),
    "too_early": ("{limit} 이후 날짜여야 합니다.", "Must be on or after {limit}."),
    "too_late": ("{limit} 이전 날짜여야 합니다.", "Must be on or before {limit}."),
    "future_date": ("미래 날짜일 수 없습니다.", "Cannot be in the future."),
    "too_short": ("{limit}자 이상 입력해야 합니다.", "Must be at least {limit} characters."),
    "too_long": ("{limit}자 이하로 입력해야 합니다.", "Must be at most {limit} characters."),
    "pattern": ("형식이 맞지 않습니다.", "Does not match the expected format."),
    "too_few": ("{limit}개 이상 있어야 합니다.", "Needs at least {limit} entries."),
    "too_many": ("{limit}개 이하여야 합니다.", "Allows at most {limit} entries."),
    "not_unique": ("다른 행과 값이 같습니다: {value}", "Same value as another row: {value}"),
    "rrn": ("주민등록번호로 보이는 번호가 있습니다. 개인정보 보호법 제24조의2에 따라 센터는 "
            "법령 근거 없이 주민등록번호를 수집할 수 없으니 지워 주세요.",
            "This contains what looks like a resident registration number (주민등록번호). "
            "PIPA art. 24-2 forbids the center to collect it without a legal basis: remove it."),
    "rrn_shape": ("주민등록번호 형식(000000-0000000)의 번호가 있습니다. 개인정보 보호법 제24조의2에 "
                  "따라 센터는 주민등록번호를 수집할 수 없으니 지워 주세요.",
                  "This contains a number in resident registration number form "
                  "(000000-0000000). PIPA art. 24-2 forbids the center to collect it: remove it."),
    "ref_invalid": ("기록 번호가 올바르지 않습니다.", "Not a valid record id."),
    "ref_missing": ("참조한 기록을 찾을 수 없습니다.", "The referenced record does not exist."),
    "ref_wrong_form": ("참조한 기록이 '{value}' 서식이 아닙니다.",
                       "The referenced record is not a '{value}' record."),
    "ref_other_case": ("참조한 기록이 다른 사례의 기록입니다.",
                       "The referenced record belongs to another case."),
    "consent_not_covering": ("연결된 동의서에 '{value}' 제공 동의가 없습니다.",
                             "The linked consent does not cover provision to '{value}'."),
    "consent_purpose_missing": ("연결된 동의서에 필요한 동의 목적이 없습니다: {value}",
                                "The linked consent lacks a required purpose: {value}"),
    "consent_no_recipient": ("제공 대상이 정해지지 않아 동의 범위를 확인할 수 없습니다.",
                             "No recipient is set, so the consent cannot be checked."),
}


def problem(path: str, code: str, label: Label = None, **params: object) -> Problem:
    """label: (ko, en), None, or an object whose pair() gives them (formatted lazily)."""
    ko, en = MESSAGES[code]
    return custom(path, code, label, ko.format(**params), en.format(**params))


def custom(path: str, code: str, label: Label, ko: str, en: str) -> Problem:
    pair = label.pair() if label is not None and not isinstance(label, tuple) else label
    if pair is not None:
        ko, en = f"{pair[0]}: {ko}", f"{pair[1]}: {en}"
    return Problem(path, code, ko, en)
