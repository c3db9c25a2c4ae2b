"""Opening the worker's vault for one CLI command: which worker, which passphrase."""
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
        yield vault
        # The command succeeded: spend a moment on the search index's merges, which no
        # longer run inside the puts themselves (Vault.maintain).
        vault.maintain(budget_s=0.2)
    finally:
        vault.lock()
