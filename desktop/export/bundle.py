"""Everything one export shows, as plain data: the composer never touches the vault.

`collect.py` fills a bundle from a vault and the form registry; tests build one directly
from the shipped definitions. Records are printed through `forms.display`, the same
display as the record view on screen, so any form of the registry renders.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone

from desktop.export.profiles import Profile
from forms.display_text import format_datetime
from forms.model import FormDef

KST = timezone(timedelta(hours=9), "KST")


def as_kst(dt: datetime | str | None) -> datetime | None:
    """The moment in Korean time (seconds precision); naive times are UTC, as the vault
    stores them. None for nothing or a string that is not a time."""
    if dt is None or dt == "":
        return None
    if isinstance(dt, str):
        try:
            dt = datetime.fromisoformat(dt.replace("Z", "+00:00"))
        except ValueError:
            return None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return dt.astimezone(KST).replace(microsecond=0)


def iso_kst(dt: datetime | str | None) -> str:
    """ISO 8601 with the +09:00 offset, for machines (the embedded JSON manifest); strings
    that are not times pass through."""
    kst = as_kst(dt)
    return kst.isoformat() if kst is not None else (dt if isinstance(dt, str) else "")


def human_kst(dt: datetime | str | None, lang: str) -> str:
    """A moment for people, written out as record dates are (`2026년 3월 5일 14:30 KST`)."""
    kst = as_kst(dt)
    if kst is None:
        return dt if isinstance(dt, str) else ""
    return f"{format_datetime(kst, lang)} KST"


@dataclass(frozen=True)
class RecordMeta:
    id: str
    form: str
    form_version: int
    version: int = 1
    author: str = ""
    created: str = ""
    updated: str = ""


@dataclass
class RecordEntry:
    form: FormDef
    values: dict
    meta: RecordMeta


@dataclass
class AttachmentEntry:
    """One file of the evidence manifest. `read()` yields its verified plaintext chunks;
    `data` holds the bytes once loaded (the export embeds them in the PDF)."""

    number: int
    name: str
    size: int
    sha256: str
    md5: str
    imported_at: str
    record_id: str
    field: str | None
    read: Callable[[], Iterable[bytes]]
    mime: str = "application/octet-stream"
    data: bytes | None = None
    # issue 16: hash-only items have no bytes (listed with their hashes, never embedded);
    # `intimate`: the evidence item says so (or its kind image/video implies it)
    hash_only: bool = False
    intimate: bool = False
    pdq: str | None = None
    pdq_quality: int | None = None
    vpdq_frames: int | None = None
    note: str | None = None

    @property
    def label(self) -> str:
        return f"E{self.number:03d}"

    @property
    def is_image(self) -> bool:
        return self.mime.startswith("image/")


@dataclass
class SignerInfo:
    name: str
    fingerprint: str
    device_local: bool


@dataclass
class ExportBundle:
    case_code: str
    worker: str
    center_name: str
    profile: Profile
    recipient: str
    purpose: str
    lang: str
    exported_at: datetime
    records: list[RecordEntry]
    attachments: list[AttachmentEntry] = field(default_factory=list)
    override_reason: str | None = None
    consent_record_id: str | None = None
    signer: SignerInfo | None = None
    timestamped: bool = False   # a timestamp service confirms the signing time
    # how the time is vouched for (desktop/export/trusted_time.py): "ltv" (the center's TSA
    # at signing), "pending" (offline: timestamped at the next sync), "" otherwise
    time_mode: str = ""
    contacts_reason: str | None = None   # why contact details are included (court profile)
    # why intimate images are drawn on the pages after all (profiles that hide them)
    show_intimate_reason: str | None = None

    @property
    def redacts_contacts(self) -> bool:
        return self.profile.redacts_contacts and not self.contacts_reason

    def attachments_of(self, record_id: str, field_path: str) -> list[AttachmentEntry]:
        return [a for a in self.attachments
                if a.record_id == record_id and a.field == field_path]
