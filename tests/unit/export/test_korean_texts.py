"""The Korean texts the app shows for verification and export refusals name no command-line
option and no English profile id (issue 12: no mixed languages)."""
from __future__ import annotations

import re

from desktop.export.collect import refusal
from desktop.export.profiles import PROFILES
from desktop.verify import VerifyReport

_MIXED = re.compile(r"--[a-z]|\bcourt\b|\bpolice\b|\bmedical\b|\bdeletion\b")


def test_verify_reports_in_korean_name_no_option():
    for trust in ("not checked", "trusted", "not trusted"):
        for ok in (True, False):
            r = VerifyReport(path="x.pdf", ok=ok, signed=True, intact=True, valid=ok,
                             covers_whole_file=True, trust=trust, signer="김동행",
                             fingerprint="AB" * 32, signing_time="2026-03-05T05:30:00+00:00",
                             problems=[] if ok else [("서명자가 기준 인증서로 확인되지 않습니다",
                                                      "does not chain to --trust")])
            text = r.render("ko")
            assert not _MIXED.search(text), text


def test_export_refusal_in_korean_names_no_option():
    for profile in PROFILES.values():
        err = refusal("C-1", profile, [])
        assert not _MIXED.search(err.message("ko")), err.message("ko")
        assert "--override-consent" in err.message("en")
