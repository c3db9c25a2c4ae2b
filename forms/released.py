"""Form versions added to the shipped definitions after the app was built (signed form
releases, docs/sync.md "Form releases").

Added versions are checked and loaded exactly as a definitions folder is: they are put on
top of a copy of the shipped folder (its `_choices.yaml` included, which they may name),
so `forms check` and the loader judge them with everything they refer to. A form version
is never changed once it exists (records made with it are always read with it): an added
file that names an existing version with other text is a problem, the same text is not.

A new version must not **loosen** a field's classification. The order, from the most
guarded: `identifying` (masked on screen, never in a deletion body's export, redacted),
`sensitive` (sealed, never counted), `statistic` (sent in the envelope the server reads
and counts). Moving a field towards `statistic` would let the server, or an export, see
what the worker entered under a stricter promise.
"""
from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .lint import check_dir
from .loader import DEFINITIONS_DIR, FORM_FILE, Registry, load_registry
from .model import FieldDef, FormDef
from .parse_defs import Issue

# higher: fewer protections
GUARD_ORDER = {"identifying": 0, "sensitive": 1, "statistic": 2}


def file_name(form_id: str, version: int) -> str:
    return f"{form_id}.v{version}.yaml"


def shipped_texts(base: Path = DEFINITIONS_DIR) -> dict[str, str]:
    """The shipped definitions folder's files (forms and `_` files), name -> text."""
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(base.glob("*.yaml"))}


@contextmanager
def overlay(added: dict[str, str], base: Path = DEFINITIONS_DIR) -> Iterator[Path]:
    """A temporary definitions folder: `base`'s YAML files, then `added` (name -> text)
    written over them."""
    folder = Path(tempfile.mkdtemp(prefix="donghaeng-forms-"))
    try:
        for name, text in shipped_texts(base).items():
            (folder / name).write_text(text, encoding="utf-8", newline="")
        for name, text in added.items():
            (folder / name).write_text(text, encoding="utf-8", newline="")
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def redefinitions(added: dict[str, str], known: dict[str, str]) -> list[Issue]:
    """Added files that change a form version (or shared file) already known."""
    out = []
    for name, text in added.items():
        if name in known and known[name] != text:
            what = (("공유 선택지 목록은 배포로 바꿀 수 없습니다",
                     "the shared choice lists cannot be changed by a release")
                    if name.startswith("_") else
                    ("이미 있는 서식 버전과 내용이 다릅니다: 새 버전 번호로 만드세요",
                     "differs from the form version that already exists: give it a new "
                     "version number"))
            out.append(Issue(name, *what))
    return out


def check(added: dict[str, str], lang: str = "ko",
          known: dict[str, str] | None = None) -> list[str]:
    """One line per problem of `added` on top of the shipped definitions (and `known`
    earlier additions): what `forms check` reports, and changed versions."""
    earlier = known or {}
    issues = redefinitions(added, {**shipped_texts(), **earlier})
    if issues:
        return [i.line(lang) for i in issues]
    with overlay({**earlier, **added}) as folder:
        return check_dir(folder, lang, yaml_parity=False)


def load_with(added: dict[str, str]) -> Registry:
    """The registry of the shipped definitions with `added` on top (FormDefinitionError
    listing every problem if it does not load)."""
    with overlay(added) as folder:
        return load_registry(folder)


def is_form_file(name: str) -> bool:
    """A form version's file (`intake.v2.yaml`), not a shared `_` file."""
    return FORM_FILE.fullmatch(name) is not None


def _renamed(new: FormDef) -> dict[str, str]:
    """New path -> old path, from the rename steps of `new`'s migration."""
    out: dict[str, str] = {}
    for step in (new.migration.steps if new.migration else []):
        if step.op != "rename" or not step.to:
            continue
        to = step.to
        if "[]." in step.field and "[]." not in to:
            to = step.field.split("[].")[0] + "[]." + to
        out[to] = step.field
    return out


def _before(registry: Registry, form: FormDef, path: str) -> tuple[FormDef, FieldDef] | None:
    """The field `path` of `form` was before it: in the version just before (following
    a rename), else in the newest older version that has the path."""
    older = [v for v in registry.versions(form.id) if v < form.version]
    if not older:
        return None
    previous = registry.get(form.id, older[-1])
    renamed = _renamed(form)
    old_path = renamed.get(path)
    if old_path is None and "[]." in path:
        group, child = path.split("[].", 1)
        if group in renamed:
            old_path = renamed[group] + "[]." + child
    found = previous.field_at(old_path or path)
    if found is not None:
        return previous, found
    for v in reversed(older[:-1]):
        old = registry.get(form.id, v)
        if (f := old.field_at(path)) is not None:
            return old, f
    return None


def loosenings(registry: Registry, form: FormDef, lang: str = "ko") -> list[str]:
    """One line per field of `form` whose classification is looser than it was in the
    version before (the registry holds both)."""
    out = []
    for path, f in form.fields():
        before = _before(registry, form, path)
        if before is None:
            continue
        old_form, old = before
        if GUARD_ORDER[f.classification] > GUARD_ORDER[old.classification]:
            change = f"{old.classification} → {f.classification}"
            out.append(Issue(f"{form.id} v{form.version}: {path}",
                             f"분류를 느슨하게 바꿉니다 (v{old_form.version}의 {change})",
                             f"loosens the field's classification ({change} from "
                             f"v{old_form.version})").line(lang))
    return out
