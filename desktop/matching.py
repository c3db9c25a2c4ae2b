"""Offline matching (issue 16, `donghaeng match`): which evidence items each file of a folder
of material found online matches, by PDQ (Hamming distance <= 31, the threshold StopNCII's
partners use; the file's 8 dihedral hashes, so a mirrored or rotated copy matches) and by
exact MD5 / SHA-256. Qt-free; the folder's files are only read, never copied into the vault.

The stored side is every attachment's PDQ and every frame of its vPDQ list (E1's import-time
hashes, desktop/evidence_hashes.py), hash-only items included: they are what hash-only
evidence is kept for. One index (crypto/pdq_index.py) answers each query in milliseconds.
"""
from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from crypto.pdq_index import MAX_RADIUS

ZERO = "0" * 64  # the hash of an image too small to hash: it says nothing
_READ = 1 << 20


@dataclass(frozen=True)
class Item:
    case: str | None
    record: str
    attachment: str


@dataclass
class StoredHashes:
    """The vault side: items, the PDQ index over their hashes (one row per image hash or
    video frame, `owner` naming the item of each row), and the exact digests."""

    items: list[Item]
    owner: list[int]
    index: object  # crypto.pdq_index.PdqIndex (numpy is imported only when matching)
    md5: dict[str, list[int]] = field(default_factory=dict)
    sha256: dict[str, list[int]] = field(default_factory=dict)


def stored_hashes(vault, case_code: str | None) -> StoredHashes:
    """The hashes of the case's attachments (of every case of the vault when None)."""
    from crypto.pdq_index import PdqIndex

    case_of = {r.id: getattr(r, "case_code", None)
               for r in vault.list_records(case_code=case_code) if not r.deleted}
    items: list[Item] = []
    owner: list[int] = []
    hexes: list[str] = []
    md5: dict[str, list[int]] = {}
    sha: dict[str, list[int]] = {}
    for a in vault.list_attachments(case_code=case_code):
        if a.record_id not in case_of:
            continue
        k = len(items)
        items.append(Item(case_of[a.record_id], a.record_id, a.id))
        md5.setdefault(a.md5, []).append(k)
        sha.setdefault(a.sha256, []).append(k)
        frames = [a.pdq] if a.pdq else []
        frames += [h for _, h, _ in a.vpdq or ()]
        for h in frames:
            if h != ZERO:
                hexes.append(h)
                owner.append(k)
    return StoredHashes(items, owner, PdqIndex.from_hex(hexes), md5, sha)


def folder_files(folder: Path) -> list[Path]:
    """Every regular file under `folder` (symbolic links not followed), sorted by path."""
    out = []
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        out += [Path(root) / f for f in sorted(files) if (Path(root) / f).is_file()
                and not (Path(root) / f).is_symlink()]
    return out


def _digests(path: Path) -> tuple[str, str]:
    md5, sha = hashlib.md5(usedforsecurity=False), hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(_READ):
            md5.update(chunk)
            sha.update(chunk)
    return md5.hexdigest(), sha.hexdigest()


@dataclass(frozen=True)
class FileHashes:
    md5: str
    sha256: str
    pdq: tuple[str, ...]     # the image's 8 dihedral hashes, or a video's frame hashes
    kind: str                # image | video | video-skipped | other


def file_hashes(path: Path, *, video_decoder: str | None) -> FileHashes:
    """What the file is and its hashes; a video is hashed only with the add-on."""
    from desktop.evidence_hashes import decode_rgb, looks_like_image, sniff_video

    md5, sha = _digests(path)
    with open(path, "rb") as f:
        head = f.read(512)
    decoded = decode_rgb(path) if looks_like_image(head) else None
    if decoded is not None:
        from crypto.pdq import pdq_dihedral

        hashes = tuple(dict.fromkeys(h.hex for h in pdq_dihedral(decoded[0])))
        return FileHashes(md5, sha, hashes, "image")
    if sniff_video(head) is not None:
        if video_decoder is None:
            return FileHashes(md5, sha, (), "video-skipped")
        from desktop.video_addon import vpdq_frames

        frames = vpdq_frames(path, video_decoder) or []
        return FileHashes(md5, sha, tuple(dict.fromkeys(f.pdq for f in frames)), "video")
    return FileHashes(md5, sha, (), "other")


def matches_of(stored: StoredHashes, fh: FileHashes) -> list[dict]:
    """The issue's match objects for one file: each item once, at its least distance over
    the file's hashes; exact when MD5 or SHA-256 equals the item's (distance 0 then)."""
    best: dict[int, int] = {}
    for h in fh.pdq:
        if h == ZERO:
            continue
        rows, dist = stored.index.search(h, MAX_RADIUS)  # type: ignore[attr-defined]
        for r, d in zip(rows.tolist(), dist.tolist(), strict=True):
            k = stored.owner[r]
            if d < best.get(k, MAX_RADIUS + 1):
                best[k] = d
    exact = set(stored.md5.get(fh.md5, ())) | set(stored.sha256.get(fh.sha256, ()))
    for k in exact:
        best[k] = 0
    out = []
    for k, d in sorted(best.items(), key=lambda kd: (kd[1], kd[0])):
        it = stored.items[k]
        out.append({"case": it.case, "record": it.record, "attachment": it.attachment,
                    "distance": d, "exact": k in exact})
    return out


def match_folder(stored: StoredHashes, folder: Path, *, video_decoder: str | None,
                 progress: Callable[[int, int, str, str], None] | None = None
                 ) -> Iterator[dict]:
    """One {"file", "matches"} per file under `folder` ("file" relative to it, as found);
    `progress(done, total, file, kind)` after each. A file that cannot be read (no
    permission, removed meanwhile) is not looked at: kind "unreadable", no entry."""
    files = folder_files(folder)
    for n, path in enumerate(files, 1):
        rel = path.relative_to(folder).as_posix()
        try:
            fh = file_hashes(path, video_decoder=video_decoder)
        except OSError:
            if progress is not None:
                progress(n, len(files), rel, "unreadable")
            continue
        if progress is not None:
            progress(n, len(files), rel, fh.kind)
        yield {"file": rel, "matches": matches_of(stored, fh)}
