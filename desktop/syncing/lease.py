"""The offline lease on the laptop (docs/sync.md, "Offline lease").

A center may set a policy (`server policy --offline-lease-days N`): a laptop that has not
reached the server for N days opens only after an online check — a signed GET /v1/device
that succeeds. A laptop kept offline could otherwise never receive its wipe order; at the
check, an order waiting for it is applied (desktop/syncing/wipe.py).

The policy comes in every device status (each round, each check) and is kept in the
vault's sync_state with the time of that contact, so it is read only after the vault is
unlocked (it is the vault's own record, encrypted like the rest). No policy stored: no
lease. The supervisor's recovery path (issue 15) does not exist yet: an expired lease is
lifted only by reaching the server.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from desktop.errors import UserError
from desktop.syncing.progress import Progress, quiet

DAYS_KEY = "lease_days"          # the policy as last delivered ("" = off)
CONTACT_KEY = "last_contact"     # the last signed device status received
WARN_DAYS = 3                    # the worker is warned this many days ahead


class LeaseExpired(UserError):
    """The lease ran out and the online check did not succeed."""

    def __init__(self, days: int, why: tuple[str, str] | None = None) -> None:
        ko = (f"센터 정책: {days}일 넘게 서버에 연결하지 않아 온라인 확인 뒤에만 열 수 있습니다. "
              "서버에 연결해 다시 시도하세요 (관리자 복구는 아직 없습니다)")
        en = (f"the center's policy: this laptop has not reached the server for over {days} "
              "days and opens only after an online check; connect and try again (a "
              "supervisor's recovery does not exist yet)")
        if why:
            ko, en = f"{ko} — {why[0]}", f"{en} — {why[1]}"
        super().__init__(ko, en)


@dataclass(frozen=True)
class Lease:
    days: int | None                 # the policy; None: no lease
    last_contact: datetime | None

    def remaining(self, now: datetime | None = None) -> timedelta | None:
        if self.days is None or self.last_contact is None:
            return None
        return self.last_contact + timedelta(days=self.days) - (now or _now())

    def state(self, now: datetime | None = None) -> str:
        """"off", "ok", "warn" (WARN_DAYS or fewer left) or "expired"."""
        left = self.remaining(now)
        if left is None:
            return "off"
        if left <= timedelta(0):
            return "expired"
        if left <= timedelta(days=WARN_DAYS):
            return "warn"
        return "ok"

    def days_left(self, now: datetime | None = None) -> int:
        """Whole days left, rounded up ("within 3 days" while 2 days 5 hours are left)."""
        left = self.remaining(now)
        if left is None or left <= timedelta(0):
            return 0
        return -(-int(left.total_seconds()) // 86400)

    def as_dict(self, now: datetime | None = None) -> dict:
        return {"days": self.days, "state": self.state(now), "days_left": self.days_left(now),
                "last_contact": _text(self.last_contact) if self.last_contact else None}


def _now() -> datetime:
    return datetime.now(UTC)


def _text(t: datetime) -> str:
    return t.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _parse(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        return datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    except ValueError:
        return None


def read(vault) -> Lease:
    """The lease as this vault last heard it (no network)."""
    raw = vault.sync_state(DAYS_KEY)
    days = int(raw) if raw and raw.isdigit() and int(raw) > 0 else None
    return Lease(days, _parse(vault.sync_state(CONTACT_KEY)))


def record(vault, status, now: datetime | None = None) -> None:
    """A signed device status was received: the policy it carries and the contact."""
    days = status.offline_lease_days
    vault.set_sync_state({DAYS_KEY: "" if days is None else str(int(days)),
                          CONTACT_KEY: _text(now or _now())})


def set_last_contact(vault, when: datetime) -> None:
    """Stores another time of last contact (what a laptop left offline would hold)."""
    vault.set_sync_state({CONTACT_KEY: _text(when)})


def online_check(vault, progress: Progress = quiet) -> Lease:
    """A signed GET /v1/device: on success the contact is recorded (and a new policy with
    it); a wipe order waiting for this laptop is applied (VaultWiped). Raises the
    transport's errors (Offline, Refused, …) when the check does not succeed."""
    from desktop.syncing import wipe
    from desktop.syncing.device import DeviceKeys, SyncRefused, transport_for

    enrollment = vault.sync_enrollment()
    if enrollment is None:
        raise UserError("이 금고는 서버에 등록되지 않았습니다", "this vault is not enrolled")
    keys = DeviceKeys.from_enrollment(enrollment)
    with transport_for(enrollment, keys) as tr:
        status = tr.device()
        if status.server_epoch != keys.server_epoch or status.device_id != keys.device_id:
            raise SyncRefused("다른 서버입니다; 센터에 문의하세요",
                              "this is a different server; ask the center")
        if status.wipe_order is not None:
            wipe.apply(vault, tr, keys, status.wipe_order, progress)
    record(vault, status)
    progress("센터와 연결을 확인했습니다", "the center answered: contact recorded")
    return read(vault)


def require(vault, progress: Progress = quiet) -> Lease:
    """What the command line does at each opening: an expired lease is checked online at
    once; if the check fails the caller must not go on (LeaseExpired)."""
    from desktop.errors import describe
    from desktop.syncing.wipe import VaultWiped
    from sync.client.transport import SyncError

    lease = read(vault)
    if lease.state() != "expired":
        return lease
    try:
        return online_check(vault, progress)
    except VaultWiped:
        raise
    except (SyncError, UserError) as exc:
        ko, en = describe(exc, "ko"), describe(exc, "en")
        raise LeaseExpired(lease.days or 0, (ko or en or type(exc).__name__,
                                             en or ko or type(exc).__name__)) from None
