"""Global options of the command-line contract: home, worker, language, passphrases.

Global options are accepted before or after the subcommand (argparse refuses top-level
options after a subcommand, so every subparser gets them through `parents=`, with
SUPPRESS defaults so a later copy does not overwrite an earlier value).
"""
from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path
from typing import Any, NoReturn

from desktop.errors import UserError

PASSPHRASE_ENV = "DONGHAENG_PASSPHRASE"
NEW_PASSPHRASE_ENV = "DONGHAENG_NEW_PASSPHRASE"
KEY_PASSPHRASE_ENV = "DONGHAENG_KEY_PASSPHRASE"   # an organisation key file's (desk import-key)

# Read once at start-up and removed from the environment so that no child process (a PDF
# viewer, a crash reporter) ever inherits it.
_env_secrets: dict[str, str] = {}


def take_env_secrets() -> None:
    for name in (PASSPHRASE_ENV, NEW_PASSPHRASE_ENV, KEY_PASSPHRASE_ENV):
        value = os.environ.pop(name, None)
        if value is not None:
            _env_secrets[name] = value


class CliParser(argparse.ArgumentParser):
    """argparse that reports usage problems as one short line, not a usage dump."""

    def error(self, message: str) -> NoReturn:
        raise UserError(f"명령줄 오류: {message}", f"command-line error: {message}")


def global_parent(suppress: bool, *, worker: bool = True) -> CliParser:
    """The global options. `worker=False`: all but --worker, for the commands whose
    --worker names another worker (`sync share`, `desk note`, `desk handover`); the
    vault's own worker is then given before the command or by DONGHAENG_WORKER."""
    # a CliParser too: argparse takes any parser as a parent, its typing only the same class
    p = CliParser(add_help=False)
    d: dict[str, Any] = {"default": argparse.SUPPRESS} if suppress else {}
    p.add_argument("--home", metavar="DIR", **d)
    if worker:
        p.add_argument("--worker", metavar="NAME", **d)
    p.add_argument("--lang", choices=("ko", "en"), **d)
    p.add_argument("--passphrase-file", metavar="FILE", **d)
    return p


def resolve_lang(args: argparse.Namespace) -> str:
    lang = getattr(args, "lang", None)
    if lang:
        return lang
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(var)
        if value:
            return "en" if value.lower().startswith("en") else "ko"
    return "ko"


def default_home() -> Path:
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
        return base / "Donghaeng"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / "Donghaeng"
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "donghaeng"


def resolve_home(args: argparse.Namespace) -> Path:
    home = getattr(args, "home", None) or os.environ.get("DONGHAENG_HOME")
    return Path(home).expanduser() if home else default_home()


MAX_PASSPHRASE_FILE = 4096   # bytes; docs/operations.md lists every input cap


def _read_secret_file(path: str) -> str:
    # Read at most the cap plus one byte: `/dev/zero` or a huge file must not grow memory
    # (a pipe such as `<(pass show x)` is fine: it ends long before the cap).
    try:
        with open(path, "rb") as f:
            data = f.read(MAX_PASSPHRASE_FILE + 1)
    except OSError as exc:
        raise UserError(f"암호 파일을 읽을 수 없습니다: {path} ({exc.strerror})",
                        f"cannot read the passphrase file: {path} ({exc.strerror})") from None
    if len(data) > MAX_PASSPHRASE_FILE:
        raise UserError(f"암호 파일이 너무 큽니다 (최대 4 KiB): {path}",
                        f"the passphrase file is too large (at most 4 KiB): {path}")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise UserError(f"암호 파일이 UTF-8 텍스트가 아닙니다: {path}",
                        f"the passphrase file is not UTF-8 text: {path}") from None
    return text[:-1] if text.endswith("\n") else text


def _prompt(label_ko: str, label_en: str, lang: str) -> str:
    if not sys.stdin or not sys.stdin.isatty():
        raise UserError(
            "암호가 필요합니다: --passphrase-file 또는 DONGHAENG_PASSPHRASE를 쓰세요",
            "a passphrase is needed: use --passphrase-file or DONGHAENG_PASSPHRASE")
    return getpass.getpass((label_en if lang == "en" else label_ko) + ": ")


def passphrase(args: argparse.Namespace, lang: str) -> str:
    path = getattr(args, "passphrase_file", None)
    if path:
        value = _read_secret_file(path)
    elif PASSPHRASE_ENV in _env_secrets:
        value = _env_secrets[PASSPHRASE_ENV]
    else:
        value = _prompt("암호", "Passphrase", lang)
    if not value:
        raise UserError("암호가 비어 있습니다", "the passphrase is empty")
    return value


def key_passphrase(args: argparse.Namespace, lang: str) -> str:
    """The passphrase of an organisation key file (`desk import-key`): not the vault's."""
    path = getattr(args, "key_passphrase_file", None)
    if path:
        value = _read_secret_file(path)
    elif KEY_PASSPHRASE_ENV in _env_secrets:
        value = _env_secrets[KEY_PASSPHRASE_ENV]
    else:
        value = _prompt("키 파일 암호", "Key file passphrase", lang)
    if not value:
        raise UserError("키 파일 암호가 비어 있습니다", "the key file passphrase is empty")
    return value


def new_passphrase(args: argparse.Namespace, lang: str) -> str:
    path = getattr(args, "new_passphrase_file", None)
    if path:
        value = _read_secret_file(path)
    elif NEW_PASSPHRASE_ENV in _env_secrets:
        value = _env_secrets[NEW_PASSPHRASE_ENV]
    else:
        value = _prompt("새 암호", "New passphrase", lang)
        again = _prompt("새 암호 확인", "Repeat the new passphrase", lang)
        if value != again:
            raise UserError("두 암호가 다릅니다", "the two passphrases differ")
    if not value:
        raise UserError("새 암호가 비어 있습니다", "the new passphrase is empty")
    return value
