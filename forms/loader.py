"""Reading the definitions folder: one YAML file per form version (`intake.v1.yaml`) plus
shared choice lists in `_choices.yaml`; other `_*.yaml` files are support data (demo
vocabulary) and are not forms. Structural problems are collected, never raised midway:
`scan_dir` reports them all, `load_registry` refuses a folder that has any."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from .model import Choice, FormDef, FormDefinitionError
from .parse_defs import Issue, parse_choice_lists, parse_form

DEFINITIONS_DIR = Path(__file__).resolve().parent / "definitions"
CHOICES_FILE = "_choices.yaml"
FORM_FILE = re.compile(r"([a-z][a-z0-9_]*)\.v([1-9][0-9]*)\.yaml")
FORM_ORDER = ("intake", "consent", "incident", "support_plan", "companion_session",
              "evidence", "referral", "outreach_contact", "prevention_class", "case_closure")

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(path: Path) -> tuple[object, Issue | None]:
    try:
        with open(path, encoding="utf-8") as fh:
            return yaml.load(fh, Loader=_Loader), None
    except (OSError, UnicodeDecodeError) as e:
        return None, Issue(path.name, f"파일을 읽을 수 없습니다: {e}", f"cannot read the file: {e}")
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        at = f" (line {mark.line + 1})" if mark is not None else ""
        at_ko = f" ({mark.line + 1}행)" if mark is not None else ""
        return None, Issue(path.name, f"YAML 문법 오류{at_ko}: {getattr(e, 'problem', e)}",
                           f"YAML syntax error{at}: {getattr(e, 'problem', e)}")


@dataclass
class Scan:
    forms: list[FormDef]
    choice_lists: dict[str, list[Choice]]
    issues: list[Issue]
    raw: dict  # file name -> parsed YAML (the linter looks at it again)


def scan_dir(path: Path | str) -> Scan:
    path = Path(path)
    issues: list[Issue] = []
    if not path.is_dir():
        issues.append(Issue(str(path), "폴더가 없습니다", "no such folder"))
        return Scan([], {}, issues, {})
    choice_lists: dict[str, list[Choice]] = {}
    raw: dict = {}
    choices_path = path / CHOICES_FILE
    if choices_path.exists():
        data, issue = read_yaml(choices_path)
        if issue:
            issues.append(issue)
        else:
            raw[CHOICES_FILE] = data
            choice_lists, more = parse_choice_lists(data, CHOICES_FILE)
            issues.extend(more)
    forms: list[FormDef] = []
    seen: dict[tuple, str] = {}
    for file in sorted(path.glob("*.yaml")):
        name = file.name
        if name.startswith("_"):
            continue
        m = FORM_FILE.fullmatch(name)
        if m is None:
            issues.append(Issue(name, "파일 이름은 '<서식 id>.v<버전>.yaml' 형식이어야 합니다",
                                "file name must be '<form id>.v<version>.yaml'"))
            continue
        data, issue = read_yaml(file)
        if issue:
            issues.append(issue)
            continue
        raw[name] = data
        form, more = parse_form(data, name, choice_lists)
        issues.extend(more)
        if form is None:
            continue
        if (form.id, form.version) != (m.group(1), int(m.group(2))):
            issues.append(Issue(name, f"파일 이름과 서식 id·버전({form.id} v{form.version})이 "
                                "다릅니다",
                                f"file name does not match the form's id and version "
                                f"({form.id} v{form.version})"))
        key = (form.id, form.version)
        if key in seen:
            issues.append(Issue(name, f"서식 {form.id} v{form.version}이(가) {seen[key]}에도 "
                                "있습니다",
                                f"form {form.id} v{form.version} is also defined in {seen[key]}"))
            continue
        seen[key] = name
        forms.append(form)
    return Scan(forms, choice_lists, issues, raw)


class Registry:
    """The form versions of one definitions folder."""

    def __init__(self, forms: list[FormDef], choice_lists: dict, path: Path | None = None):
        self.path = path
        self._forms = {(f.id, f.version): f for f in forms}
        self._choice_lists = choice_lists

    def get(self, form_id: str, version: int) -> FormDef:
        """KeyError if this form version does not exist."""
        return self._forms[(form_id, version)]

    def versions(self, form_id: str) -> list[int]:
        return sorted(v for (i, v) in self._forms if i == form_id)

    def latest(self, form_id: str) -> FormDef:
        versions = self.versions(form_id)
        if not versions:
            raise KeyError(form_id)
        return self._forms[(form_id, versions[-1])]

    def ids(self) -> list[str]:
        ids = {i for (i, _) in self._forms}
        return sorted(ids, key=lambda i: (FORM_ORDER.index(i) if i in FORM_ORDER
                                          else len(FORM_ORDER), i))

    def all_latest(self) -> list[FormDef]:
        return [self.latest(i) for i in self.ids()]

    def all(self) -> list[FormDef]:
        return [self._forms[(i, v)] for i in self.ids() for v in self.versions(i)]

    def choice_list(self, name: str) -> list[Choice]:
        return list(self._choice_lists[name])

    def choice_list_names(self) -> list[str]:
        return sorted(self._choice_lists)

    def summary(self) -> list[dict]:
        """What `forms list --json` prints: the latest version of every form."""
        return [{"id": f.id, "version": f.version, "title": dict(f.title)}
                for f in self.all_latest()]

    def __contains__(self, form_id: object) -> bool:
        return any(i == form_id for (i, _) in self._forms)


def load_registry(path: Path | str | None = None) -> Registry:
    """The shipped definitions (cached), or those of another folder.
    Raises FormDefinitionError listing every structural problem."""
    if path is None:
        return _shipped()
    return _load(Path(path))


@lru_cache(maxsize=1)
def _shipped() -> Registry:
    return _load(DEFINITIONS_DIR)


def _load(path: Path) -> Registry:
    scan = scan_dir(path)
    if scan.issues:
        raise FormDefinitionError([i.line("ko") for i in scan.issues],
                                  [i.line("en") for i in scan.issues])
    return Registry(scan.forms, scan.choice_lists, path)
