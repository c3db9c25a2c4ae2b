"""Form releases on the server (docs/sync.md, "Form releases"): `server forms publish`
reads and checks a folder of form definitions, the organisation's offline signing key
signs the release on the machine holding KEYDIR, and the server stores it and serves it
to laptops (GET /v1/forms). The server could not have made a release, and a laptop
verifies every one against the key it pinned at enrollment.

A release carries only what is new: form files whose text the shipped definitions or an
earlier release already hold are left out, and one that changes an existing version is
refused (a version never changes). Shared files (`_choices.yaml`) are never released:
laptops check a release's forms against their own.
"""
from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from forms import released
from forms.loader import FORM_FILE
from sync.protocol import (
    FormRelease,
    FormReleasePage,
    ReleasedForm,
    b64encode,
    release_text,
    utc_text,
    yaml_sha256,
)
from sync.protocol.releases import MAX_FORM_YAML, MAX_RELEASE_FORMS
from sync.protocol.signing import verify_signature
from sync.server import identity
from sync.server.errors import ServerError
from sync.server.models import FormReleaseForm, FormReleaseRow, OrgKey, ServerIdentity

# a page stays well under FormReleasePage.MAX_BYTES (64 MiB)
PAGE_BYTES = 16 * 1024 * 1024


@dataclass(frozen=True)
class Published:
    release_id: str
    seq: int
    forms: list[tuple[str, int]]


def _problems(lines_ko: list[str], lines_en: list[str]) -> ServerError:
    # one line per problem, as `forms check` prints them
    return ServerError("\n".join(lines_ko), "\n".join(lines_en))


def read_folder(folder: Path) -> dict[str, str]:
    """FORMS_DIR's YAML files, name -> text (exactly as given)."""
    if not folder.is_dir():
        raise ServerError(f"{folder}: 폴더가 없습니다", f"{folder}: no such folder")
    out: dict[str, str] = {}
    ko: list[str] = []
    en: list[str] = []
    for path in sorted(folder.glob("*.yaml")):
        try:
            out[path.name] = path.read_bytes().decode("utf-8")
        except (OSError, UnicodeDecodeError) as e:
            ko.append(f"{path.name}: 파일을 읽을 수 없습니다 ({type(e).__name__})")
            en.append(f"{path.name}: cannot read the file ({type(e).__name__})")
    if ko:
        raise _problems(ko, en)
    return out


def earlier_forms(session: Session) -> dict[str, str]:
    """The form files of every stored release, name -> YAML."""
    rows = session.execute(select(FormReleaseForm.form_id, FormReleaseForm.form_version,
                                  FormReleaseForm.yaml)).all()
    return {released.file_name(f, v): text for f, v, text in rows}


def new_forms(given: dict[str, str], earlier: dict[str, str], lang: str
              ) -> list[tuple[str, str]]:
    """The form files of `given` a release would carry, after checking all of `given`
    on top of the shipped definitions and the earlier releases (ServerError listing
    every problem, in `lang`; the other language gets the same lines)."""
    problems = released.check(given, lang, known=earlier)
    known = {**released.shipped_texts(), **earlier}
    forms = [(name, text) for name, text in given.items()
             if released.is_form_file(name) and known.get(name) != text]
    if not problems and not forms:
        problems = ["배포할 새 서식 버전이 없습니다 (모두 이미 있습니다)" if lang != "en" else
                    "no new form version to publish (every one is already known)"]
    if not problems and len(forms) > MAX_RELEASE_FORMS:
        problems = [f"한 번에 {MAX_RELEASE_FORMS}개까지 배포할 수 있습니다" if lang != "en" else
                    f"at most {MAX_RELEASE_FORMS} form versions per release"]
    problems += [f"{name}: {MAX_FORM_YAML}자를 넘습니다" if lang != "en" else
                 f"{name}: longer than {MAX_FORM_YAML} characters"
                 for name, text in forms if len(text) > MAX_FORM_YAML]
    if problems:
        raise _problems(problems, problems)
    return forms


def _form_of(name: str) -> tuple[str, int]:
    m = FORM_FILE.fullmatch(name)
    assert m is not None
    return m.group(1), int(m.group(2))


def publish(session: Session, forms: list[tuple[str, str]], now: datetime,
            sign: Callable[[bytes], bytes], key_id: str) -> Published:
    """Signs and stores a release of `forms` (name, YAML) in the caller's transaction,
    under a lock that gives releases their `seq` in commit order."""
    session.execute(select(ServerIdentity).where(ServerIdentity.id == 1).with_for_update())
    current = session.execute(select(OrgKey).where(
        OrgKey.purpose == "signing", OrgKey.retired_at.is_(None))).scalar_one()
    if current.key_id != key_id:
        raise ServerError("이 서버의 현재 기관 서명 키가 아닙니다",
                          "not this server's current organisation signing key")
    epoch = identity.existing_epoch(session)
    assert epoch is not None
    release_id, published = str(uuid.uuid4()), utc_text(now)
    items = [(*_form_of(name), yaml_sha256(text), text) for name, text in forms]
    text = release_text(epoch, release_id, published,
                        [(f, v, sha) for f, v, sha, _ in items])
    signature = sign(text)
    # what laptops will check, checked before storing: a release no laptop would accept
    # is not stored
    if not verify_signature(current.public_key, b64encode(signature), text):
        raise ServerError("서명이 확인되지 않습니다", "the signature does not verify")
    seq = (session.execute(select(func.max(FormReleaseRow.seq))).scalar_one() or 0) + 1
    session.add(FormReleaseRow(seq=seq, release_id=release_id, published_at=now,
                               published_text=published, key_id=key_id,
                               signature=signature, stored_at=now))
    session.flush()
    for position, (form, version, sha, yaml) in enumerate(items):
        session.add(FormReleaseForm(release_seq=seq, position=position, form_id=form,
                                    form_version=version, yaml=yaml, sha256=sha))
    return Published(release_id, seq, [(f, v) for f, v, _, _ in items])


def page(session: Session, after: int, limit: int) -> FormReleasePage:
    """The releases after `after`, in order, as stored (a changed row is the laptop's to
    refuse: it checks every signature and digest)."""
    epoch = identity.existing_epoch(session)
    assert epoch is not None
    rows = list(session.execute(select(FormReleaseRow).where(FormReleaseRow.seq > after)
                                .order_by(FormReleaseRow.seq).limit(limit + 1)).scalars())
    more = len(rows) > limit
    out: list[FormRelease] = []
    size = 0
    for row in rows[:limit]:
        forms = [ReleasedForm(form=f.form_id, form_version=f.form_version, yaml=f.yaml,
                              sha256=f.sha256)
                 for f in session.execute(select(FormReleaseForm)
                                          .where(FormReleaseForm.release_seq == row.seq)
                                          .order_by(FormReleaseForm.position)).scalars()]
        size += sum(len(f.yaml.encode("utf-8")) for f in forms)
        if out and size > PAGE_BYTES:
            more = True
            break
        out.append(FormRelease(release_id=row.release_id, seq=row.seq, server_epoch=epoch,
                               published_at=row.published_text, forms=forms,
                               key_id=row.key_id, signature=b64encode(row.signature)))
    return FormReleasePage(releases=out, next_after=out[-1].seq if out else after,
                           more=more, server_epoch=epoch)
