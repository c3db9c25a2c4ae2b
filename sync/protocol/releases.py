"""Form releases (docs/sync.md, "Form releases").

A form release carries new form definitions (YAML, as `forms/definitions/` holds them) to
the laptops. It is signed by the organisation's **offline** signing key in `server forms
publish`, like a wipe order: a field's classification decides what the server may read
(the statistic envelope), so a breached server must not be able to hand laptops a form
that sends it more. The laptop verifies the signature with the key pinned at enrollment,
each form's YAML against its SHA-256, and refuses a release that loosens a field's
classification.

`seq` is the server's order of releases (the laptop's cursor); it is not signed: it only
says in which order to look, and a release already held is recognised by its id.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import ClassVar

from sync.protocol.codec import b64decode
from sync.protocol.messages import _check_time, _check_uuid

_FORM = re.compile(r"[a-z][a-z0-9_]{0,63}")
_HEX64 = re.compile(r"[0-9a-f]{64}")
_HEX32 = re.compile(r"[0-9a-f]{32}")

MAX_RELEASE_FORMS = 50
MAX_FORM_YAML = 256 * 1024      # characters of one form's YAML
FORMS_PAGE_LIMIT = 20           # releases per page, at most


def yaml_sha256(text: str) -> str:
    """The digest a release names for a form: of its YAML text as UTF-8."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def release_text(server_epoch: str, release_id: str, published_at: str,
                 forms: list[tuple[str, int, str]]) -> bytes:
    """What the organisation signing key signs: a header, then one line per form
    "{id} {version} {sha256}" in the release's order. The ids are `[a-z0-9_]` and the
    digests hex, so no field can contain a separator."""
    lines = ["donghaeng-forms/v1", server_epoch, release_id, published_at]
    lines += [f"{form} {version} {sha}" for form, version, sha in forms]
    return "\n".join(lines).encode("utf-8")


@dataclass(frozen=True)
class ReleasedForm:
    """One form version of a release: its definition exactly as published."""

    form: str
    form_version: int
    yaml: str
    sha256: str

    def __post_init__(self) -> None:
        if not _FORM.fullmatch(self.form):
            raise ValueError("form: not a form id")
        if not 1 <= self.form_version <= 10_000:
            raise ValueError("form_version: 1 to 10000")
        if len(self.yaml) > MAX_FORM_YAML:
            raise ValueError(f"yaml: more than {MAX_FORM_YAML} characters")
        if not _HEX64.fullmatch(self.sha256):
            raise ValueError("sha256: not 64 lowercase hex digits")


@dataclass(frozen=True)
class FormRelease:
    """A release as `server forms publish` signed it, with the server's `seq`."""

    release_id: str
    seq: int
    server_epoch: str
    published_at: str
    forms: list[ReleasedForm]
    key_id: str               # the organisation signing key's id (32 hex)
    signature: str            # base64 Ed25519 over release_text

    def __post_init__(self) -> None:
        _check_uuid(self.release_id, "release_id")
        _check_uuid(self.server_epoch, "server_epoch")
        _check_time(self.published_at, "published_at")
        if self.seq < 1:
            raise ValueError("seq: at least 1")
        if not 1 <= len(self.forms) <= MAX_RELEASE_FORMS:
            raise ValueError(f"forms: 1 to {MAX_RELEASE_FORMS}")
        if not _HEX32.fullmatch(self.key_id):
            raise ValueError("key_id: not 32 lowercase hex digits")
        b64decode(self.signature, field="signature", size=64)

    def text(self) -> bytes:
        return release_text(self.server_epoch, self.release_id, self.published_at,
                            [(f.form, f.form_version, f.sha256) for f in self.forms])


@dataclass(frozen=True)
class FormReleasePage:
    """GET /v1/forms?after=N (signed): the releases after release `seq` N, in order."""

    MAX_BYTES: ClassVar[int] = 64 * 1024 * 1024
    releases: list[FormRelease]
    next_after: int
    more: bool
    server_epoch: str
