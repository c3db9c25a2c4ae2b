"""Form releases on the laptop (docs/sync.md, "Form releases").

Each round, after the pull, the laptop asks for the releases after the last one it looked
at. A release is accepted only if:
- the organisation signing key pinned at enrollment signed it (never a key the server
  names later), for this server's epoch;
- every form's YAML has the SHA-256 the signed text names;
- the forms load with the forms package's own loader, on top of the shipped definitions
  and the releases accepted before, without changing a version that already exists;
- no field's classification is looser than in the version before (identifying →
  sensitive → statistic): the classification decides what the server reads (the
  statistic envelope) and what an export shows, so a release must not widen it.

Anything else is refused, kept out of the vault and listed in the round's `refused`
(`donghaeng sync` prints it and exits 1); the rest of the round stands. The cursor moves
past a refused release: it is reported once and audited, and the center publishes a
corrected one. Using accepted forms for new records is not done here.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.syncing.device import DeviceKeys, SyncRefused, signed_call
from desktop.syncing.progress import Progress
from forms import FormDefinitionError, released
from sync.protocol import FORMS_PAGE_LIMIT, FormRelease, FormReleasePage, yaml_sha256

if TYPE_CHECKING:
    from desktop.syncing.engine import RoundResult

CURSOR = "form_release_after"


def _signed(release: FormRelease, keys: DeviceKeys) -> bool:
    return keys.signed_by_org(release)


def _files(forms: list[dict]) -> dict[str, str]:
    return {released.file_name(f["form"], f["form_version"]): f["yaml"] for f in forms}


def problem(release: FormRelease, keys: DeviceKeys, earlier: dict[str, str]) -> str | None:
    """Why this release cannot be accepted (one line, English), or None.
    `earlier`: the form files of the releases accepted before."""
    if not _signed(release, keys):
        return "not signed by the organisation's key for this server"
    for f in release.forms:
        if yaml_sha256(f.yaml) != f.sha256:
            return f"{f.form} v{f.form_version}: its text is not the one signed"
    added = _files([{"form": f.form, "form_version": f.form_version, "yaml": f.yaml}
                    for f in release.forms])
    if len(added) != len(release.forms):
        return "names a form version twice"
    changed = released.redefinitions(added, {**released.shipped_texts(), **earlier})
    if changed:
        return changed[0].line("en")
    try:
        registry = released.load_with({**earlier, **added})
    except FormDefinitionError as e:
        return e.lines("en")[0]
    for f in release.forms:
        loose = released.loosenings(registry, registry.get(f.form, f.form_version), "en")
        if loose:
            return loose[0]
    return None


def receive(vault, tr, keys: DeviceKeys, result: RoundResult,
            progress: Progress) -> int:
    """Takes the releases after the last one looked at; returns how many were accepted.
    A refused release is reported in `result` (the round's RoundResult)."""
    after = int(vault.sync_state(CURSOR) or 0)
    earlier: dict[str, str] = {}
    for r in vault.form_releases():
        earlier.update(_files(r["forms"]))
    accepted = 0
    while True:
        before = after
        page = signed_call(tr, FormReleasePage, "GET",
                           f"/v1/forms?after={after}&limit={FORMS_PAGE_LIMIT}")
        if page.server_epoch != keys.server_epoch:
            raise SyncRefused("다른 서버입니다 (epoch가 다릅니다); 센터에 문의하세요",
                              "this is a different server (another epoch); ask the center")
        for release in page.releases:
            if release.seq <= after:
                continue  # a server that pages badly does not make us look back
            why = problem(release, keys, earlier)
            forms = [{"form": f.form, "form_version": f.form_version, "yaml": f.yaml,
                      "sha256": f.sha256} for f in release.forms]
            row = {"release_id": release.release_id, "seq": release.seq,
                   "published_at": release.published_at, "forms": forms}
            vault.store_form_release(row, why is None, why or "")
            after = release.seq
            if why is None:
                earlier.update(_files(forms))
                accepted += 1
                progress(f"서식 배포 {release.release_id[:8]} 받음",
                         f"form release {release.release_id[:8]} accepted")
            else:
                result.refuse(f"서식 배포 {release.release_id}를 받지 않았습니다: {why}",
                              f"form release {release.release_id} refused: {why}")
        if not page.more or after == before:
            return accepted
