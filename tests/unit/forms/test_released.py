"""forms/released.py: added form versions on top of the shipped definitions, and what
counts as loosening a field's classification (identifying → sensitive → statistic)."""
from __future__ import annotations

from forms import released
from forms.loader import DEFINITIONS_DIR

V1 = (DEFINITIONS_DIR / "intake.v1.yaml").read_text(encoding="utf-8")


def _v2(text: str) -> dict[str, str]:
    return {"intake.v2.yaml": text.replace("\nversion: 1\n", "\nversion: 2\n", 1)}


def _loose(added: dict[str, str]) -> list[str]:
    registry = released.load_with(added)
    return released.loosenings(registry, registry.get("intake", 2), "en")


def test_an_unchanged_copy_loosens_nothing_and_checks_clean():
    assert released.check(_v2(V1), "en") == []
    assert _loose(_v2(V1)) == []


def test_identifying_to_sensitive_is_a_loosening_and_tightening_is_not():
    to_sensitive = V1.replace("classification: identifying", "classification: sensitive", 1)
    (line,) = _loose(_v2(to_sensitive))
    assert line.startswith("intake v2: client_name:") and "identifying → sensitive" in line
    to_identifying = V1.replace("classification: statistic", "classification: identifying", 1)
    assert _loose(_v2(to_identifying)) == []


def test_a_changed_existing_version_is_refused():
    (line,) = released.check({"intake.v1.yaml": V1 + "\n# changed\n"}, "en")
    assert line.startswith("intake.v1.yaml: differs from the form version")
