"""Value formats: Korean phone numbers, e-mail, dates and times."""
from __future__ import annotations

import pytest

from forms.formats import is_email, is_korean_phone, parse_date, parse_datetime, parse_time
from forms.rrn import checksum_ok, find_rrn


@pytest.mark.parametrize("number", [
    "010-0000-0000", "01012345678", "010 1234 5678", "+82 10-1234-5678", "+82-010-1234-5678",
    "011-123-4567", "02-123-4567", "02-1234-5678", "(02) 1234-5678", "031-123-4567",
    "064-1234-5678", "070-1234-5678", "0505-123-4567", "1588-1234", "1661-0000",
])
def test_korean_phone_numbers(number):
    assert is_korean_phone(number)


@pytest.mark.parametrize("number", [
    "010-123-4567", "010-1234-56789", "02-12-3456", "090-1234-5678", "112", "+1 212 555 0100",
    "010-1234-567a", "1366", "1766-1234", "０１０-1234-5678", "", None, 1012345678, "010--1234-5678x",
])
def test_not_korean_phone_numbers(number):
    assert not is_korean_phone(number)


def test_email():
    assert is_email("gamyeong1@example.com")
    assert not is_email("gamyeong@") and not is_email("a b@example.com")
    assert not is_email("a@example") and not is_email(None)


def test_dates_and_times_are_strict():
    assert parse_date("2024-02-29").day == 29
    assert parse_date("2023-02-29") is None
    assert parse_date("2024-2-1") is None and parse_date("20240201") is None
    assert parse_date("２０２４-02-01") is None  # full-width digits
    assert parse_time("09:05").minute == 5 and parse_time("9:05") is None
    assert parse_time("24:00") is None
    assert parse_datetime("2026-03-01T09:30").hour == 9
    assert parse_datetime("2026-03-01T09:30+09:00").utcoffset().total_seconds() == 9 * 3600
    assert parse_datetime("2026-03-01 09:30") is None


def test_rrn_checksum():
    assert checksum_ok("9001011234568")
    assert not checksum_ok("9001011234567")
    assert find_rrn("x" * 20) is None and find_rrn(None) is None
    assert find_rrn("99001011234568") is None  # 14 digits: part of a longer number
