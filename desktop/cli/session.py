"""Opening the worker's vault for one CLI command: which worker, which passphrase, and the
center's offline lease (desktop/syncing/lease.py): the command line honours it as the app
does — past the lease a command goes on only after its own online check succeeds, and
from three days before, each command warns on stderr."""
from __future__ import annotations

import os
from contextlib import contextmanager

from desktop.cli import options
from desktop.errors import UserError


def worker_name(args, home) -> str:
    name = getattr(args, "worker", None) or os.environ.get("DONGHAENG_WORKER")
    if name:
        return name
    from desktop.vault import Vault

    workers = Vault.list_workers(home) if home.exists() else []
    if len(workers) == 1:
        return workers[0]
    if not workers:
        raise UserError(f"이 홈에 작업자 금고가 없습니다: {home} (vault create로 만드세요)",
                        f"no worker vault in this home: {home} (make one with vault create)")
    raise UserError("작업자가 여럿입니다: --worker NAME으로 지정하세요",
                    "several workers here: name one with --worker NAME")


@contextmanager
def opened_vault(args, lang: str):
    from desktop.vault import Vault

    home = options.resolve_home(args)
    worker = worker_name(args, home)
    secret = options.passphrase(args, lang)
    vault = Vault.open(home, worker, secret)
    del secret
    try:
        _lease(vault, lang)
        yield vault
        # The command succeeded: spend a moment on the search index's merges, which no
        # longer run inside the puts themselves (Vault.maintain).
        vault.maintain(budget_s=0.2)
    finally:
        vault.lock()


def _lease(vault, lang: str) -> None:
    import sys

    from desktop.syncing import lease

    held = lease.require(vault)  # LeaseExpired (the vault is locked by the caller)
    if held.state() == "warn":
        n = held.days_left()
        print(f"센터 정책: {n}일 안에 서버에 연결하지 않으면 이 노트북은 온라인 확인 뒤에만 열립니다"
              if lang != "en" else f"the center's policy: connect within {n} day(s) or this "
              "laptop will need an online check to open", file=sys.stderr)
