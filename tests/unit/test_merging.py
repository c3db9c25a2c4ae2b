"""The three-way merge of a conflicted record (desktop/merging.py): the comparison's
properties on generated values, the common version on generated histories, and real
merges saved through the one door into a real vault."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crypto.kdf import CHEAP
from desktop import merging
from desktop.errors import UserError
from desktop.merging import DIFFERENT, MISSING, ONE_SIDE, SAME, UNCHANGED, Edited
from desktop.records_service import RecordsService
from desktop.vault import Vault
from forms import load_registry
from forms.examples import example

REGISTRY = load_registry()
FORM = REGISTRY.latest("companion_session")
SESSION = example("companion_session")
KEYS = [f.id for f in FORM.top_fields]
SMALL = settings(max_examples=80, deadline=None, database=None)

present = st.one_of(st.none(), st.sampled_from(["", "가", "나", "b"]), st.integers(-2, 2),
                    st.booleans(), st.lists(st.sampled_from("xy"), max_size=2))
records = st.dictionaries(st.sampled_from(KEYS + ["zz_unknown"]), present, max_size=6)


def _build(base: dict, sides: list[dict]):
    vals = {"base": base, **{f"s{i}": s for i, s in enumerate(sides)}}
    return merging.build("r", FORM, None, [f"s{i}" for i in range(len(sides))], "base",
                         [f"s{i}" for i in range(len(sides))], vals)


@SMALL
@given(records, records, records)
def test_a_field_changed_on_one_side_only_takes_that_side(base, a, b):
    m = _build(base, [a, b])
    merged = m.values({f.key: 0 for f in m.questions})
    for f in m.fields:
        ca, cb, c0 = (merging.canonical(x.get(f.key, MISSING)) for x in (a, b, base))
        if ca != c0 and cb == c0:
            assert f.kind == ONE_SIDE and f.taken == 0
            assert merging.canonical(merged.get(f.key, MISSING)) == ca
        elif cb != c0 and ca == c0:
            assert f.kind == ONE_SIDE and f.taken == 1
            assert merging.canonical(merged.get(f.key, MISSING)) == cb
        elif ca == cb == c0:
            assert f.kind == UNCHANGED
            assert merging.canonical(merged.get(f.key, MISSING)) == c0
        elif ca == cb:
            assert f.kind == SAME
        else:
            assert f.kind == DIFFERENT and f.question


@SMALL
@given(records, records)
def test_merging_identical_sides_asks_nothing_and_keeps_them(base, side):
    m = _build(base, [dict(side), dict(side)])
    assert m.questions == []
    merged = m.values()
    for key in set(side) | set(merged):
        assert merging.canonical(merged.get(key, MISSING)) == \
            merging.canonical(side.get(key, MISSING))


@SMALL
@given(records, st.lists(records, min_size=2, max_size=4))
def test_any_number_of_sides_asks_only_where_new_values_differ(base, sides):
    m = _build(base, sides)
    for f in m.fields:
        new = {merging.canonical(s.get(f.key, MISSING)) for s in sides} - \
            {merging.canonical(base.get(f.key, MISSING))}
        assert f.question == (len(new) > 1)
    if m.questions:
        with pytest.raises(UserError):
            m.values()
    answered = {f.key: Edited("손으로 고친 값") for f in m.questions}
    merged = m.values(answered)
    assert all(merged[k] == "손으로 고친 값" for k in answered)


def test_empty_values_count_as_one_and_json_types_differ():
    m = _build({"place": None, "outcome": 1}, [{"place": ""}, {"outcome": True}])
    assert m.by_key("place").kind == UNCHANGED
    assert m.by_key("outcome").kind == DIFFERENT  # 1 and true are not the same answer
    assert "place" not in m.values({"outcome": 1}) or m.values({"outcome": 1})["place"] is None


def test_fields_follow_the_form_and_keep_unknown_keys():
    m = _build({}, [{"zz_old": 1, "place": "a"}, {"place": "a"}])
    keys = [f.key for f in m.fields]
    assert keys[:len(KEYS)] == KEYS and keys[-1] == "zz_old"
    assert m.by_key("zz_old").field is None and m.by_key("workers").field.type == "group"
    assert m.values()["zz_old"] == 1 and m.by_key("place").kind == SAME


# -- the common version ----------------------------------------------------------------

@st.composite
def histories(draw):
    """A version graph as merges and edits make it: version i has 1-2 earlier parents."""
    n = draw(st.integers(1, 12))
    parents: dict[str, list[str]] = {"v0": []}
    for i in range(1, n):
        chosen = draw(st.lists(st.integers(0, i - 1), min_size=1, max_size=2))
        parents[f"v{i}"] = [f"v{j}" for j in sorted(set(chosen))]
    return parents


@SMALL
@given(histories())
def test_the_common_version_is_a_nearest_shared_ancestor(parents):
    children = {p for ps in parents.values() for p in ps}
    heads = [v for v in parents if v not in children]
    order = {v: int(v[1:]) for v in parents}
    base = merging.common_ancestor(parents, heads, order)
    assert base is not None  # every version descends from v0
    common = set.intersection(*(merging.ancestors(parents, h) for h in heads))
    assert base in common
    # nothing descending from it is also shared by every head
    assert not any(c != base and base in merging.ancestors(parents, c) for c in common)


# -- real merges in a real vault -------------------------------------------------------

@pytest.fixture
def vault(home):
    v = Vault.create(home, "김민지", "봄날 버스 안에서 만나요 2026", kdf=CHEAP)
    yield v
    v.lock()


def _conflict(vault, a: dict, b: dict, base_values: dict | None = None):
    """A record with two heads: two edits made from the same version."""
    service = RecordsService(vault, REGISTRY)
    first = service.create("companion_session", base_values or SESSION, case="MRG-1")
    root = first.version_id
    service.edit(first.id, {**(base_values or SESSION), **a}, base=root)
    service.edit(first.id, {**(base_values or SESSION), **b}, base=root)
    assert len(vault.record_heads(first.id)) == 2
    return service, first.id, root


TEXTS = st.sampled_from(["경찰서 2층 진술녹화실에서", "법원 민원실 앞 대기 공간", "해바라기센터 상담실 안",
                        "상담실에서 다시 만나 이야기함"])
EDITABLE = ["place", "others_present", "what_happened", "victim_state", "next_steps"]


@settings(max_examples=12, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.dictionaries(st.sampled_from(EDITABLE), TEXTS, min_size=1, max_size=3),
       st.dictionaries(st.sampled_from(EDITABLE), TEXTS, min_size=1, max_size=3))
def test_a_saved_merge_joins_every_head_and_keeps_every_version(vault, a, b):
    service, rid, root = _conflict(vault, a, b)
    heads = vault.record_heads(rid)
    m = merging.load(vault, REGISTRY, rid)
    assert m.base == root and set(m.heads) == set(heads) and list(m.sides) == heads
    for key, value in a.items():
        if key not in b or b[key] == SESSION.get(key):
            assert m.by_key(key).value() == value  # changed on side A only: taken
    saved = merging.save(service, m, {f.key: 1 for f in m.questions})
    rec = vault.get_record(rid)
    assert set(rec.parents) == set(heads) and rec.heads == (saved.version_id,)
    assert not rec.conflict
    kept = {v.version_id for v in vault.record_versions(rid)}
    assert {root, *heads, saved.version_id} <= kept
    for key, value in b.items():
        assert rec.values[key] == value  # side B's or chosen B


def test_three_heads_are_compared_at_once(vault):
    service, rid, root = _conflict(vault, {"place": "A"}, {"place": "B"})
    service.edit(rid, {**SESSION, "place": "C", "next_steps": "셋째"}, base=root)
    m = merging.load(vault, REGISTRY, rid)
    assert len(m.sides) == 3 and len(m.heads) == 3
    assert [f.key for f in m.questions] == ["place"]
    assert m.by_key("next_steps").kind == ONE_SIDE and m.by_key("next_steps").taken == 2
    merging.save(service, m, {"place": Edited("합친 장소")})
    rec = vault.get_record(rid)
    assert rec.values["place"] == "합친 장소" and rec.values["next_steps"] == "셋째"
    assert len(rec.parents) == 3 and not rec.conflict


def test_a_merge_is_refused_once_the_heads_changed(vault):
    service, rid, root = _conflict(vault, {"place": "A"}, {"place": "B"})
    m = merging.load(vault, REGISTRY, rid)
    service.edit(rid, {**SESSION, "place": "C"}, base=root)  # a third head meanwhile
    with pytest.raises(UserError):
        merging.save(service, m, {"place": 0})
    assert len(vault.record_heads(rid)) == 3  # nothing written


def test_a_record_without_a_conflict_has_nothing_to_merge(vault):
    service = RecordsService(vault, REGISTRY)
    saved = service.create("companion_session", SESSION, case="MRG-2")
    with pytest.raises(UserError):
        merging.load(vault, REGISTRY, saved.id)


def test_partial_choices_survive_as_a_draft_and_go_with_the_merge(vault):
    service, rid, _root = _conflict(vault, {"place": "A", "next_steps": "x"},
                                    {"place": "B", "next_steps": "y"})
    m = merging.load(vault, REGISTRY, rid)
    key = merging.draft_key(rid)
    vault.save_draft(key, merging.choices_to_json(m, {"place": 1}), case_code="MRG-1",
                     record_id=rid)
    again = merging.load(vault, REGISTRY, rid)
    draft = vault.get_draft(key)
    assert draft is not None
    choices = merging.choices_from_json(again, draft.payload)
    assert choices == {"place": 1}
    assert again.unanswered(choices) == ["next_steps"]
    choices["next_steps"] = Edited("둘 다")
    merging.save(service, again, choices, discard_draft=key)
    assert vault.get_draft(key) is None
    assert vault.get_record(rid).values["next_steps"] == "둘 다"
    # a draft made for other heads gives no choices
    assert merging.choices_from_json(again, {"merge": {"heads": ["x"], "choices": {}}}) == {}


def test_conflicted_cases_and_waiting_versions_are_read_per_case(vault):
    service, rid, _root = _conflict(vault, {"place": "A"}, {"place": "B"})
    service.create("companion_session", SESSION, case="CALM-1")
    assert vault.conflicted_case_labels() == ["MRG-1"]
    case = vault.get_case("MRG-1")
    assert vault.waiting_versions(case.id) == 0
    # a pulled version kept sealed until its parent arrives (as sync_part stores one),
    # with the key it was opened with filed under its case
    conn = vault._conn
    with conn:
        conn.execute("INSERT INTO sync_inbox(change_id, server_seq, body, author, state,"
                     " note, received_at) VALUES ('c1', 7, x'00', 'w', 'waiting', '', 'now')")
        conn.execute("INSERT INTO sync_keys(change_id, case_id, content_key, source)"
                     " VALUES ('c1', ?, x'00', 'pulled')", (case.id,))
    assert vault.waiting_versions(case.id) == 1
    assert vault.waiting_versions(vault.get_case("CALM-1").id) == 0
    merging.save(service, merging.load(vault, REGISTRY, rid), {"place": 0})
    assert vault.conflicted_case_labels() == []
