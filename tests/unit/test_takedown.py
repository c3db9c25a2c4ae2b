"""Takedown tracking (issue 16): evidence v2's deletion requests per item and per recipient,
the migration of v1's one status for all, validation of the new structure, the case
timeline's entries and the dashboard's figures, and the consent's hash-sharing purpose —
on real vaults with the shipped forms."""
from __future__ import annotations

import io
from datetime import date, timedelta

import pytest

from crypto.kdf import CHEAP
from desktop import takedown
from desktop.dashboard_figures import Scope, dashboard_figures
from desktop.export.hash_consent import consent_covers_hash_sharing, hash_sharing_consent
from desktop.vault import Vault
from forms import ValidationContext, load_registry, validate
from forms.examples import example_values
from forms.loader import DEFINITIONS_DIR
from forms.migrate import migrate

REGISTRY = load_registry()
V2_TEXT = (DEFINITIONS_DIR / "evidence.v2.yaml").read_text(encoding="utf-8")
V1, V2 = REGISTRY.get("evidence", 1), REGISTRY.get("evidence", 2)
TODAY = date(2026, 12, 1)
CTX = ValidationContext(today=TODAY)
PASS = "삭제 지원 시험 금고 2026 겨울"

V1_REUPLOADED = {
    "kind": "image", "title": "유포 이미지", "platform": "telegram",
    "found_date": "2026-11-01", "found_by": "victim", "description": "게시물 3건",
    "deletion_status": "reuploaded", "requested_date": "2026-11-02",
    "requested_to": ["kocsc", "platform"], "removed_date": "2026-11-12",
    "reuploaded_date": "2026-11-20", "deletion_notes": "재유포 모니터링 중",
}


@pytest.fixture
def vault(tmp_path):
    v = Vault.create(tmp_path / "home", "활동가김", PASS, kdf=CHEAP)
    yield v
    v.lock()


def _v2(**changes) -> dict:
    values = example_values(V2, TODAY)
    values.update(changes)
    return values


def codes(values: dict) -> set[tuple[str, str]]:
    return {(p.path, p.code) for p in validate(V2, values, CTX)}


# -- migration ----------------------------------------------------------------------------

def test_v1_record_migrates_to_one_request_per_recipient_with_its_history():
    assert validate(V1, V1_REUPLOADED, CTX) == []
    new = migrate(V1_REUPLOADED, V1, V2)
    # the item's own values are kept as they were
    for key in ("kind", "title", "platform", "found_date", "found_by", "description",
                "deletion_notes"):
        assert new[key] == V1_REUPLOADED[key]
    for gone in ("deletion_status", "requested_date", "requested_to", "removed_date",
                 "reuploaded_date"):
        assert gone not in new
    assert new["deletion_requests"] == [
        {"request_no": 1, "recipient": "kocsc", "platform": "telegram",
         "requested_date": "2026-11-02"},
        {"request_no": 2, "recipient": "platform", "platform": "telegram",
         "requested_date": "2026-11-02"}]
    assert sorted((u["request_no"], u["status"], u["date"]) for u in new["deletion_updates"]) \
        == [(1, "removed", "2026-11-12"), (1, "reuploaded", "2026-11-20"),
            (2, "removed", "2026-11-12"), (2, "reuploaded", "2026-11-20")]
    assert validate(V2, new, CTX) == []
    # the input is left as it was
    assert V1_REUPLOADED["deletion_status"] == "reuploaded"


@pytest.mark.parametrize("status,history", [
    ("not_requested", None), ("requested", []), ("removed", ["removed"])])
def test_each_v1_status_migrates(status, history):
    old = {k: v for k, v in V1_REUPLOADED.items() if k not in (
        "deletion_status", "requested_date", "requested_to", "removed_date",
        "reuploaded_date", "deletion_notes")}
    old["deletion_status"] = status
    if status != "not_requested":
        old.update(requested_date="2026-11-02", requested_to=["d4u"])
    if status == "removed":
        old["removed_date"] = "2026-11-09"
    assert validate(V1, old, CTX) == []
    new = migrate(old, V1, V2)
    assert validate(V2, new, CTX) == []
    if history is None:
        assert "deletion_requests" not in new and "deletion_updates" not in new
    else:
        assert [r["recipient"] for r in new["deletion_requests"]] == ["d4u"]
        assert [u["status"] for u in new.get("deletion_updates", [])] == history


def test_stored_v1_record_stays_v1_valid_and_reads_as_requests(vault):
    ref = vault.put_record("evidence", 1, dict(V1_REUPLOADED), case_code="TD-1")
    rec = vault.get_record(ref.id)
    assert rec.form_version == 1 and rec.values == V1_REUPLOADED   # never rewritten
    assert validate(REGISTRY.get("evidence", rec.form_version), rec.values, CTX) == []
    reqs = takedown.requests_of(REGISTRY, rec)
    assert [(r.number, r.recipient, r.platform, r.status, r.requested, r.removed)
            for r in reqs] == [
        (1, "kocsc", "telegram", "reuploaded", "2026-11-02", "2026-11-12"),
        (2, "platform", "telegram", "reuploaded", "2026-11-02", "2026-11-12")]
    assert [c.status for c in reqs[0].history] == ["removed", "reuploaded"]
    assert reqs[0].days_to_removal == 10
    assert reqs[0].case == "TD-1" and reqs[0].item == "유포 이미지"


# -- validation of the new structure -------------------------------------------------------

def test_the_example_is_valid_and_has_requests_and_history():
    values = _v2()
    assert validate(V2, values, CTX) == []
    assert len(values["deletion_requests"]) == 2 and values["deletion_updates"]


def test_a_status_change_must_name_an_existing_request():
    values = _v2(deletion_updates=[{"request_no": 9, "status": "removed",
                                    "date": "2026-11-30"}])
    assert ("deletion_updates[0].request_no", "check.update_names_a_request") in codes(values)
    [p] = [p for p in validate(V2, values, CTX) if p.code == "check.update_names_a_request"]
    assert p.message("ko").startswith("처리 경과(1번째) › 요청 번호")
    assert p.message("en").startswith("Status history (#1) › Request no.")


def test_a_status_change_cannot_precede_its_request():
    values = _v2()
    first = values["deletion_requests"][0]
    early = (date.fromisoformat(first["requested_date"]) - timedelta(days=1)).isoformat()
    values["deletion_updates"] = [{"request_no": 1, "status": "removed", "date": "2026-11-30"},
                                  {"request_no": 1, "status": "refused", "date": early}]
    assert ("deletion_updates[1].date", "check.update_after_request") in codes(values)
    assert not any(p.startswith("deletion_updates[0]") for p, _ in codes(values))


def test_request_rules_per_row():
    values = _v2()
    values["deletion_requests"][1].update(recipient="search_engine")
    values["deletion_requests"][1].pop("platform")
    values["deletion_requests"][0]["requested_date"] = "2020-01-01"   # before it was found
    values["deletion_requests"].append(dict(values["deletion_requests"][0]))  # same number
    found = codes(values)
    assert ("deletion_requests[1].platform", "required") in found
    assert ("deletion_requests[0].requested_date", "check.requested_after_found") in found
    assert ("deletion_requests[2].request_no", "not_unique") in found
    bad_status = _v2(deletion_updates=[{"request_no": 1, "status": "lost", "date": "2026-11-30"}])
    assert ("deletion_updates[0].status", "unknown_choice") in codes(bad_status)


def test_intimate_defaults_to_yes_for_images_and_videos_only():
    from forms import compute_values

    def treated(**kv):
        return compute_values(V2, _v2(**kv), TODAY).get("treated_as_intimate")
    values = _v2(kind="image")
    values.pop("intimate")
    assert compute_values(V2, values, TODAY)["treated_as_intimate"] is True
    values["kind"] = "chat_log"
    assert compute_values(V2, values, TODAY)["treated_as_intimate"] is False
    assert treated(kind="video", intimate=False) is False
    assert treated(kind="chat_log", intimate=True) is True


# -- the timeline and the dashboard --------------------------------------------------------

def _put_v2(vault, case: str, title: str, requests: list, updates: list) -> str:
    values = _v2(title=title, found_date="2026-10-30", deletion_requests=requests,
                 deletion_updates=updates)
    assert validate(V2, values, ValidationContext(today=date.today())) == [], values
    return vault.put_record("evidence", 2, values, case_code=case).id


def _req(no, recipient, day, platform=None, ref=""):
    row = {"request_no": no, "recipient": recipient, "requested_date": day}
    if platform:
        row["platform"] = platform
    if ref:
        row["reference_no"] = ref
    return row


def test_timeline_lists_each_request_and_each_change_newest_first(vault):
    _put_v2(vault, "TD-2", "첫 증거", [_req(1, "d4u", "2026-11-27", ref="D4U-1"),
                                      _req(2, "platform", "2026-11-28", "telegram")],
            [{"request_no": 1, "status": "removed", "date": "2026-11-30"},
             {"request_no": 2, "status": "refused", "date": "2026-11-30"},
             {"request_no": 2, "status": "requested", "date": "2026-12-01"}])
    vault.put_record("evidence", 1, dict(V1_REUPLOADED), case_code="TD-2")
    reqs = takedown.case_requests(REGISTRY, vault.list_records(case_code="TD-2"))
    entries = takedown.timeline(reqs)
    got = [(e.date, e.status, e.request.recipient, e.first) for e in entries]
    assert got == [
        ("2026-12-01", "requested", "platform", False),
        ("2026-11-30", "refused", "platform", False),
        ("2026-11-30", "removed", "d4u", False),
        ("2026-11-28", "requested", "platform", True),
        ("2026-11-27", "requested", "d4u", True),
        ("2026-11-20", "reuploaded", "platform", False),
        ("2026-11-20", "reuploaded", "kocsc", False),
        ("2026-11-12", "removed", "platform", False),
        ("2026-11-12", "removed", "kocsc", False),
        ("2026-11-02", "requested", "platform", True),
        ("2026-11-02", "requested", "kocsc", True),
    ]
    assert [r.status for r in reqs] == ["removed", "requested", "reuploaded", "reuploaded"]


def test_dashboard_counts_requests_by_status_recipient_platform_and_median_days(vault):
    _put_v2(vault, "TD-3", "a", [_req(1, "d4u", "2026-11-01"),
                                 _req(2, "platform", "2026-11-01", "telegram"),
                                 _req(3, "search_engine", "2026-11-02", "google")],
            [{"request_no": 1, "status": "removed", "date": "2026-11-05"},     # 4 days
             {"request_no": 2, "status": "removed", "date": "2026-11-11"},     # 10 days
             {"request_no": 2, "status": "reuploaded", "date": "2026-11-20"},
             {"request_no": 3, "status": "refused", "date": "2026-11-03"}])
    vault.put_record("evidence", 1, dict(V1_REUPLOADED), case_code="TD-4")   # 10, 10 days
    # a deleted record counts no more
    gone = _put_v2(vault, "TD-4", "b", [_req(1, "kocsc", "2026-11-01")], [])
    vault.delete_record(gone, "잘못 입력")
    fig = dashboard_figures(vault, REGISTRY, Scope(), today=TODAY)["takedown"]
    assert fig["total"] == 5
    assert fig["by_status"] == {"removed": 1, "reuploaded": 3, "refused": 1}
    assert fig["by_recipient"] == {"d4u": 1, "platform": 2, "search_engine": 1, "kocsc": 1}
    assert fig["by_platform"] == {"telegram": 3, "google": 1, "": 1}   # d4u's: none named
    assert fig["removed"] == 4 and fig["median_days_to_removal"] == 10
    # another worker's scope sees none of it
    other = dashboard_figures(vault, REGISTRY, Scope("worker", "someone"), today=TODAY)
    assert other["takedown"]["total"] == 0 and other["takedown"]["median_days_to_removal"] is None


# -- consent: hash sharing with a platform -------------------------------------------------

def _consent(vault, case: str, *, signed: bool = True, **changes) -> str:
    values = example_values(REGISTRY.get("consent", 2), date.today())
    values.update(changes)
    values = {k: v for k, v in values.items() if v is not None}
    ref = vault.put_record("consent", 2, values, case_code=case)
    if signed:
        vault.import_attachment(ref.id, io.BytesIO(b"signature scan"), "sign.png",
                                field="signature")
    return ref.id


def test_consent_covers_hash_sharing_only_for_the_platforms_it_names(vault):
    cid = _consent(vault, "TD-5", purposes=["collection_use", "hash_sharing"],
                   recipients=None, items_provided=None,
                   hash_sharing_platforms=["telegram", "x_twitter"])
    assert consent_covers_hash_sharing(vault, "TD-5", "telegram")
    assert hash_sharing_consent(vault, "TD-5", "x_twitter") == (cid, [])
    assert not consent_covers_hash_sharing(vault, "TD-5", "instagram")
    _, reasons = hash_sharing_consent(vault, "TD-5", "instagram")
    assert any("Instagram" in en and "인스타그램" in ko for ko, en in reasons)
    # another case's consent covers nothing here
    assert not consent_covers_hash_sharing(vault, "TD-6", "telegram")
    assert hash_sharing_consent(vault, "TD-6", "telegram")[1] == [
        ("동의서 기록이 없습니다.", "there is no consent record.")]


def test_hash_sharing_needs_the_purpose_a_signature_and_a_consent_in_effect(vault):
    _consent(vault, "TD-7", purposes=["collection_use", "third_party_provision",
                                      "sensitive_info"], hash_sharing_platforms=None)
    assert not consent_covers_hash_sharing(vault, "TD-7", "telegram")
    assert any("hash values" in en for _, en in hash_sharing_consent(vault, "TD-7",
                                                                     "telegram")[1])
    _consent(vault, "TD-8", signed=False)
    assert not consent_covers_hash_sharing(vault, "TD-8", "telegram")
    _consent(vault, "TD-9", withdrawn=True, withdrawn_date=date.today().isoformat())
    assert not consent_covers_hash_sharing(vault, "TD-9", "telegram")
    # a v1 consent names no platform: it covers none, even granting every purpose
    v1 = example_values(REGISTRY.get("consent", 1), date.today())
    ref = vault.put_record("consent", 1, v1, case_code="TD-10")
    vault.import_attachment(ref.id, io.BytesIO(b"signature scan"), "sign.png",
                            field="signature")
    assert not consent_covers_hash_sharing(vault, "TD-10", "telegram")
    # the shipped example grants it for every platform
    _consent(vault, "TD-11")
    assert all(consent_covers_hash_sharing(vault, "TD-11", c.id)
               for c in REGISTRY.choice_list("platforms"))


def test_hash_sharing_purpose_is_validated_with_its_platforms():
    form = REGISTRY.get("consent", 2)
    values = example_values(form, TODAY)
    values.pop("hash_sharing_platforms")
    assert ("hash_sharing_platforms", "required") in {
        (p.path, p.code) for p in validate(form, values, CTX)}
    values = example_values(form, TODAY)
    values["purposes"] = ["hash_sharing"]
    values.pop("recipients"), values.pop("items_provided")
    assert ("purposes", "check.provision_needs_collection") in {
        (p.path, p.code) for p in validate(form, values, CTX)}


# -- the migration step is data, checked like the others; releases still work on top ------

def _v3(steps: str) -> str:
    head = V2_TEXT.split("\nmigration:\n")[0].replace("\nversion: 2\n", "\nversion: 3\n", 1)
    return head + "\nmigration:\n  from_version: 2\n  steps:\n" + steps


def test_a_release_adds_evidence_v3_on_top_of_the_shipped_v2():
    from forms import released

    good = _v3("    - make_rows:\n        group: deletion_updates\n        for_each: urls\n"
               "        columns: {request_no: {number: true}, status: {value: requested}}\n")
    assert released.check({"evidence.v3.yaml": good}, "en") == []
    reg = released.load_with({"evidence.v3.yaml": good})
    assert reg.latest("evidence").version == 3
    # v1 -> v3 goes through v2's steps, then v3's
    new = migrate(V1_REUPLOADED, V1, reg.latest("evidence"), reg)
    assert [r["recipient"] for r in new["deletion_requests"]] == ["kocsc", "platform"]
    # the shipped v2 cannot be redefined by a release
    changed = V2_TEXT + "\n# changed\n"
    assert any("differs from the form version that already exists" in line
               for line in released.check({"evidence.v2.yaml": changed}, "en"))


def test_make_rows_naming_unknown_fields_is_a_problem():
    from forms import released

    bad = _v3("    - make_rows:\n        group: deletion_requests\n        for_each: nowhere\n"
              "        columns: {no_such_column: {item: true}}\n")
    lines = released.check({"evidence.v3.yaml": bad}, "en")
    assert any("make_rows deletion_requests" in line and "missing" in line for line in lines)
    malformed = _v3("    - make_rows: {group: deletion_requests, columns: {recipient: {item: true}}}\n")
    assert any("malformed 'make_rows' step" in line
               for line in released.check({"evidence.v3.yaml": malformed}, "en"))
