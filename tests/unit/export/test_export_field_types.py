"""The PDF shows what `forms.display` shows — every field of every type of the shipped
forms, computed fields included — with dates written out as on screen."""
from __future__ import annotations

import random
import re
from datetime import date

import pytest
from export_kit import (
    INTAKE_VALUES,
    REGISTRY,
    attachment,
    make_bundle,
    pdftotext,
    png_bytes,
    record,
    render,
)

from forms import validate
from forms.display import display_sections, shown_fields
from forms.examples import example_values, fake_values
from forms.field_types import TYPES, field_type

TODAY = date(2026, 3, 5)      # the kit's export day


def _squash(text: str) -> str:
    """Without whitespace: table cells and paragraphs wrap lines wherever they must."""
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def every_form_pdf(tmp_path_factory, identity):
    """Two records of each shipped form — its definition's example and drawn demo values —
    with a file on every file field, rendered, signed and read back by poppler."""
    from crypto.pades import PadesSigner

    rng = random.Random(11)
    # Answers that open a field only some records have (the e-mail is asked for only when
    # it is the safe way to make contact).
    overrides = {"intake": {"safe_contact_method": "email"}}
    records, files = [], []
    for form in REGISTRY.all_latest():
        drawn = fake_values(form, rng, today=TODAY, overrides=overrides.get(form.id))
        for kind, values in (("example", example_values(form, TODAY)), ("fake", drawn)):
            rid = f"rec-{form.id}-{kind}"
            records.append(record(form.id, values, rid))
            for path, f in form.fields():
                if field_type(f).stored == "file":
                    files.append(attachment(len(files) + 1, f"{form.id}-{f.id}.png",
                                            png_bytes(40, 30), rid, field=path))
    bundle = make_bundle("court", records=records, attachments=files)
    # every field must print: the court profile's contact details too (with a reason)
    bundle.contacts_reason = "every field of every form"
    out = tmp_path_factory.mktemp("types") / "every-form.pdf"
    out.write_bytes(render(bundle, PadesSigner(identity)))
    return records, files, pdftotext(out)


def test_every_type_of_every_shipped_form_reaches_the_pdf(every_form_pdf):
    records, files, text = every_form_pdf
    squashed = _squash(text)
    seen_types = set()
    for entry in records:
        sections = display_sections(entry.form, entry.values, "ko", today=TODAY)
        seen_types |= {item.field.type for s in sections for item in s.items}
        for shown in shown_fields(sections):
            seen_types.add(shown.field.type)
            if shown.layout == "files":
                wanted = [f"{a.label}·{a.name}" for a in files
                          if a.record_id == entry.meta.id and a.field == shown.path]
                assert wanted, shown.path
            else:
                wanted = [shown.text]
            for w in wanted:
                assert _squash(w) in squashed, f"{entry.meta.form}.{shown.path}: {w!r}"
            assert _squash(shown.label) in squashed, shown.label
    # A type the registry gains fails here until a shipped form uses it and it prints.
    assert seen_types == set(TYPES)


def test_no_iso_timestamps_in_what_people_read(every_form_pdf):
    _records, _files, text = every_form_pdf
    assert not re.search(r"\d{4}-\d{2}-\d{2}T\d{2}", text)
    assert not re.search(r"\b20\d\d-\d\d-\d\d\b", text)   # field dates are written out


def test_kit_values_are_valid_records():
    for form_id, values in (("intake", INTAKE_VALUES),):
        assert validate(REGISTRY.latest(form_id), values) == []
    for entry in make_bundle("court").records:
        assert validate(entry.form, entry.values) == [], entry.meta.form


@pytest.mark.parametrize("lang, age_band, minor", [
    ("ko", "연령대 만 14~16세", "아동·청소년(만 19세 미만) 예"),
    ("en", "Age band 14-16", "Minor (under 19) Yes"),
])
def test_computed_fields_are_in_the_pdf_with_their_labels(tmp_path, signer, lang, age_band,
                                                          minor):
    """Age band and "minor" are never stored: the export computes them from the record."""
    assert "age_band" not in INTAKE_VALUES and "is_minor" not in INTAKE_VALUES
    out = tmp_path / "case.pdf"
    out.write_bytes(render(make_bundle("court", lang=lang), signer))
    lines = " ".join(pdftotext(out).split())
    assert age_band in lines and minor in lines
