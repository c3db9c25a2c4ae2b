"""Korean-aware full-text search: particles, short queries, latest live versions only."""
from __future__ import annotations

import unicodedata

import pytest

from desktop.vault.search import document, match_expression


@pytest.fixture
def filled(vault):
    ids = {
        "victim": vault.put_record("intake", 1, {
            "story": "피해자는 지난달부터 협박을 받았다", "name": "김민지"}, case_code="C-1").id,
        "short": vault.put_record("intake", 1, {"name": "이준", "nested": {
            "list": ["서울 강남구", {"deep": "학교폭력"}]}}, case_code="C-2").id,
        "latin": vault.put_record("outreach_contact", 1, {
            "note": "Met at Hongdae, phone 010-1234-5678", "count": 9}).id,
    }
    return vault, ids


def _ids(hits):
    return {h.record_id for h in hits}


def test_word_with_particle_is_found(filled):
    v, ids = filled
    assert _ids(v.search("피해자")) == {ids["victim"]}
    assert _ids(v.search("피해자는")) == {ids["victim"]}
    assert _ids(v.search("협박")) == {ids["victim"]}  # 협박을


@pytest.mark.parametrize("query,key", [("민지", "victim"), ("김", "victim"), ("준", "short"),
                                       ("이준", "short"), ("강남", "short"), ("폭력", "short")])
def test_one_and_two_syllable_queries(filled, query, key):
    v, ids = filled
    assert ids[key] in _ids(v.search(query))


def test_multiword_is_and_and_nothing_false(filled):
    v, ids = filled
    assert _ids(v.search("피해자 협박")) == {ids["victim"]}
    assert v.search("피해자 강남") == []
    assert v.search("해자피") == []          # characters in the query's order
    assert v.search("민지김") == []          # not across words
    assert v.search("") == [] and v.search(" ,.!? ") == []


def test_latin_digits_case_insensitive(filled):
    v, ids = filled
    assert _ids(v.search("hongdae")) == {ids["latin"]}
    assert _ids(v.search("HONG")) == {ids["latin"]}
    assert _ids(v.search("1234")) == {ids["latin"]}
    assert v.search("9") == []  # numbers are not text: only string values are indexed


def test_case_code_is_indexed_and_hits_carry_case_and_form(filled):
    v, ids = filled
    hits = v.search("C-1")
    assert _ids(hits) == {ids["victim"]}
    assert (hits[0].case_code, hits[0].form) == ("C-1", "intake")


def test_only_latest_live_versions(filled):
    v, ids = filled
    v.update_record(ids["victim"], {"story": "내용을 고쳤다"})
    assert v.search("피해자") == []
    assert _ids(v.search("고쳤")) == {ids["victim"]}
    v.delete_record(ids["victim"], "잘못 입력")
    assert v.search("고쳤") == [] and v.search("C-1") == []


def test_decomposed_hangul_is_normalised(filled):
    v, ids = filled
    nfd = unicodedata.normalize("NFD", "피해자")
    assert nfd != "피해자"
    assert _ids(v.search(nfd)) == {ids["victim"]}
    rid = v.put_record("intake", 1, {"x": unicodedata.normalize("NFD", "동행지원")}).id
    assert rid in _ids(v.search("동행"))


def test_hostile_queries_are_plain_text(filled):
    v, _ = filled
    for q in ('"', "bi : x", "NEAR(a b)", "a OR b", "*", "x AND", "uni:김", "'); --"):
        v.search(q)  # never an FTS syntax error


def test_limit_and_newest_first(vault):
    ids = [vault.put_record("intake", 1, {"t": f"반복 기록 {i}"}).id for i in range(30)]
    hits = vault.search("반복", limit=10)
    assert [h.record_id for h in hits] == list(reversed(ids))[:10]


def test_document_and_expression_shapes():
    doc = document({"a": "피해자는", "b": ["Kim"]}, "C-1")
    assert doc.split() == ["피", "해", "자", "는", "zz", "k", "i", "m", "zz", "c", "zz",
                          "1"]
    assert match_expression("피해자 김") == '"피 해 자" AND "김"'


def test_a_phrase_never_runs_from_one_word_into_the_next(vault):
    rid = vault.put_record("intake", 1, {"a": "피해 자는", "b": ["박민", "지원"]}).id
    assert _ids(vault.search("피해")) == {rid} and _ids(vault.search("자는")) == {rid}
    assert vault.search("해자") == [] and vault.search("민지") == []
    assert vault.search("zz") == [] and vault.search("z") == []  # the word break is no word


def test_index_merges_wait_for_maintain_and_search_still_works(vault):
    """Puts leave the index's segments unmerged (no burst of merge work inside a put);
    maintain() merges them in steps and search finds the same records before and after."""
    from desktop.vault.search import merge_step

    assert vault._conn.execute(
        "SELECT v FROM search_config WHERE k = 'automerge'").fetchone() == (0,)
    ids = [vault.put_record("intake", 1, {"memo": f"상담 기록 {i} 번째 김민지{i}"},
                            case_code=f"M-{i % 3}").id for i in range(40)]
    before = _ids(vault.search("김민지"))
    assert before == set(ids)
    assert vault.maintain(budget_s=0.0) is True     # one step done, more remain
    assert vault.maintain(budget_s=10.0) is False   # merged through
    with vault._conn:
        assert merge_step(vault._conn) is False     # nothing left to merge
    assert _ids(vault.search("김민지")) == before
    assert _ids(vault.search("김민지7")) == {ids[7]}
    assert vault.check() == []


def test_document_indexes_each_word_once(vault):
    doc = document({"a": "피해자 피해자 2026-11-01", "b": ["피해자는", "2026-11-02"]}, "C-9")
    assert doc.split(" zz ") == ["피 해 자", "2 0 2 6", "1 1", "0 1", "피 해 자 는", "0 2",
                                 "c", "9"]
    rid = vault.put_record("intake", 1, {"memo": "피해자 피해자 피해자", "d": "2026-11-01"},
                           case_code="C-9").id
    assert _ids(vault.search("해자")) == {rid} and _ids(vault.search("11")) == {rid}
    assert _ids(vault.search("자")) == {rid}
