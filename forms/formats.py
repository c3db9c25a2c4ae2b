"""Parsing of the value formats the field types accept. Each returns None for anything
it does not accept, so callers never need try/except."""
from __future__ import annotations

import re
from datetime import date, datetime, time

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
_TIME = re.compile(r"(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d)?", re.ASCII)
_DATETIME = re.compile(
    r"\d{4}-\d{2}-\d{2}T(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)?",
    re.ASCII)
_EMAIL = re.compile(
    r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@"
    r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+")
_PHONE_CHARS = re.compile(r"\+?\(?[0-9][0-9 ().-]{5,22}")
_PHONE_SEPARATORS = re.compile(r"[ ().-]")
# Korean numbers after normalising +82 to 0: mobile (010 is always 11 digits), Seoul 02,
# the other area codes, 070 internet phones, 050x safe numbers, 15xx/16xx/18xx
# nationwide numbers.
_KOREAN_PHONE = re.compile(
    r"010\d{8}"
    r"|01[16789]\d{7,8}"
    r"|02\d{7,8}"
    r"|0(?:3[1-3]|4[1-4]|5[1-5]|6[1-4])\d{7,8}"
    r"|070\d{8}"
    r"|050\d{8,9}"
    r"|1[568]\d{6}", re.ASCII)


def parse_date(value: object) -> date | None:
    if not isinstance(value, str) or not _DATE.fullmatch(value):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def parse_time(value: object) -> time | None:
    if not isinstance(value, str) or not _TIME.fullmatch(value):
        return None
    return time.fromisoformat(value)


def parse_datetime(value: object) -> datetime | None:
    if not isinstance(value, str) or not _DATETIME.fullmatch(value):
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


def is_email(value: object) -> bool:
    return isinstance(value, str) and len(value) <= 254 and bool(_EMAIL.fullmatch(value))


def phone_digits(value: object) -> str | None:
    """The digits of a Korean phone number (+82 as 0), or None if it is not one."""
    if not isinstance(value, str) or not _PHONE_CHARS.fullmatch(value):
        return None
    digits = _PHONE_SEPARATORS.sub("", value)
    if digits.startswith("+82"):
        digits = "0" + digits[3:].lstrip("0")
    if not digits.isdigit() or not _KOREAN_PHONE.fullmatch(digits):
        return None
    return digits


def is_korean_phone(value: object) -> bool:
    return phone_digits(value) is not None
