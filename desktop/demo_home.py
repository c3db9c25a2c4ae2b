"""`make run` helper: make the demo home the first time, and always print its passphrase."""
from __future__ import annotations

import sys
from pathlib import Path

from desktop.demo import DEFAULT_PASSPHRASE, DEMO_WORKER, build_demo


def main(argv: list[str]) -> int:
    home = Path(argv[0] if argv else ".demo-home").resolve()
    from desktop.vault import Vault

    if not (home.exists() and DEMO_WORKER in Vault.list_workers(home)):
        print(build_demo(home, DEFAULT_PASSPHRASE).describe("ko"))
    print(f"데모 홈 / demo home: {home}")
    print(f"작업자 / worker: {DEMO_WORKER}    데모 암호 / demo passphrase: {DEFAULT_PASSPHRASE}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
