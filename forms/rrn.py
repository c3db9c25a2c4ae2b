"""Detecting a resident registration number (주민등록번호) typed into free text.

PIPA art. 24-2 forbids collecting it without a specific legal basis, which the center lacks,
so the validator refuses any text field that contains one.

Shape: YYMMDD, a century/sex digit, six more digits (`900101-1234567`). Numbers issued
before October 2020 end in a check digit; numbers issued since then have six random digits
after the sex digit, so no checksum can recognise them. We therefore refuse
  * any 13-digit run (with or without separator) whose birth date is a real date and whose
    check digit is valid (`rrn`), and
  * a hyphenated `YYMMDD-Gxxxxxx` with a real birth date and a sex digit 1-8 even without a
    valid check digit (`rrn_shape`): the hyphenated 6-7 layout is how people write an RRN,
    and it is how post-2020 numbers would slip through otherwise.
An unhyphenated 13-digit run without a valid check digit is let through: account and
document numbers look like that too.
"""
from __future__ import annotations

import re
import unicodedata
from datetime import date

_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2212"
_CANDIDATE = re.compile(
    r"(?<![0-9])([0-9]{2})([0-9]{2})([0-9]{2})[ \t]*([" + _DASHES + r"]?)[ \t]*([0-9])([0-9]{6})(?![0-9])")
# Cheap pre-test: no run of 6 digits (ASCII or full-width), no resident number.
_DIGIT_RUN = re.compile("[0-9\uff10-\uff19]{6}")
_WEIGHTS = (2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5)
_CENTURY = {"1": 1900, "2": 1900, "5": 1900, "6": 1900,
            "3": 2000, "4": 2000, "7": 2000, "8": 2000, "9": 1800, "0": 1800}


def _real_date(yy: str, mm: str, dd: str, sex_digit: str) -> bool:
    try:
        date(_CENTURY[sex_digit] + int(yy), int(mm), int(dd))
    except ValueError:
        return False
    return True


def checksum_ok(digits: str) -> bool:
    total = sum(int(d) * w for d, w in zip(digits[:12], _WEIGHTS, strict=True))
    return (11 - total % 11) % 10 == int(digits[12])


def may_contain_rrn(text: str) -> bool:
    """False when the text cannot hold one (no run of six digits): the cheap common case."""
    return bool(_DIGIT_RUN.search(text))


def find_rrn(text: object) -> str | None:
    """"rrn", "rrn_shape" or None; never raises."""
    if not isinstance(text, str) or len(text) < 13 or not _DIGIT_RUN.search(text):
        return None
    # Full-width digits and dashes count too (a Korean IME types them easily).
    text = unicodedata.normalize("NFKC", text)
    found = None
    for m in _CANDIDATE.finditer(text):
        yy, mm, dd, dash, sex, rest = m.groups()
        if not _real_date(yy, mm, dd, sex):
            continue
        digits = yy + mm + dd + sex + rest
        if checksum_ok(digits):
            return "rrn"
        if dash and sex in "12345678":
            found = "rrn_shape"
    return found
