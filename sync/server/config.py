"""The server's data folder and what `init`/`migrate` record in it.

    DATA/               0700, made by `server init`
      server.json       {"format", "version", "database", "epoch"}: database null = the
                        SQLite file below; epoch = the identity in that database (a folder
                        pointed at another server's database is refused)
      server.sqlite3    the default database (+ -wal, -shm while open)
      tls/cert.pem      the certificate served (self-signed unless one was given)
      tls/key.pem       its private key (0600): the key whose SPKI hash laptops pin
      migrate.lock      flock taken while migrating SQLite (PostgreSQL: an advisory lock)

Only public organisation keys live here (in the database); the private ones are in the
KEYDIR that `init` writes, kept offline by the center. A `--database` URL recorded here
may carry a password: server.json is 0600 like everything else in the folder.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from sync.server.errors import ServerError
from sync.server.files import atomic_write

CONFIG_FORMAT = "donghaeng.server"
CONFIG_VERSION = 1


@dataclass(frozen=True)
class ServerPaths:
    data: Path

    @property
    def config(self) -> Path:
        return self.data / "server.json"

    @property
    def sqlite(self) -> Path:
        return self.data / "server.sqlite3"

    @property
    def tls_dir(self) -> Path:
        return self.data / "tls"

    @property
    def tls_cert(self) -> Path:
        return self.tls_dir / "cert.pem"

    @property
    def tls_key(self) -> Path:
        return self.tls_dir / "key.pem"

    @property
    def migrate_lock(self) -> Path:
        return self.data / "migrate.lock"


@dataclass(frozen=True)
class ServerConfig:
    paths: ServerPaths
    database: str | None  # as the operator gave it; None = the SQLite file in DATA
    epoch: str | None

    @property
    def database_url(self) -> str:
        return sqlalchemy_url(self.database, self.paths)


def sqlalchemy_url(given: str | None, paths: ServerPaths) -> str:
    """The operator's URL in SQLAlchemy's spelling: PostgreSQL always through psycopg 3."""
    if given is None:
        return f"sqlite:///{paths.sqlite}"
    for prefix in ("postgresql+psycopg://", "postgresql://", "postgres://"):
        if given.startswith(prefix):
            return "postgresql+psycopg://" + given[len(prefix):]
    if given.startswith("sqlite:///") and len(given) > len("sqlite:///"):
        return given
    raise ServerError("데이터베이스 주소는 postgresql://… 또는 sqlite:///파일 이어야 합니다",
                      "the database URL must be postgresql://… or sqlite:///FILE")


def shown_url(given: str | None, paths: ServerPaths) -> str:
    """The database for people to read: never the password of a URL."""
    if given is None:
        return f"SQLite {paths.sqlite}"
    from sqlalchemy.engine import make_url

    return make_url(sqlalchemy_url(given, paths)).render_as_string(hide_password=True)


def check_data_arg(data: Path) -> ServerPaths:
    if data.exists() and not data.is_dir():
        raise ServerError(f"--data {data}: 폴더가 아니라 파일입니다",
                          f"--data {data}: a file, not a folder")
    return ServerPaths(data.absolute())


def load(data: Path, database: str | None = None) -> ServerConfig:
    """The configuration `init` recorded in DATA; `database` overrides it for one command."""
    paths = check_data_arg(data)
    try:
        doc = json.loads(paths.config.read_text("utf-8"))
    except FileNotFoundError:
        raise ServerError(f"{data}: 서버 데이터 폴더가 아닙니다 (먼저 `donghaeng server init`)",
                          f"{data}: not a server data folder (run `donghaeng server init` "
                          "first)") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
        raise ServerError(f"{paths.config}: 읽을 수 없습니다 ({type(e).__name__})",
                          f"{paths.config}: unreadable ({type(e).__name__})") from None
    if (not isinstance(doc, dict) or doc.get("format") != CONFIG_FORMAT
            or doc.get("version") != CONFIG_VERSION
            or not isinstance(doc.get("database"), str | None)
            or not isinstance(doc.get("epoch"), str | None)):
        raise ServerError(f"{paths.config}: 알 수 없는 형식", f"{paths.config}: unknown format")
    recorded = doc["database"]
    chosen = database if database is not None else recorded
    sqlalchemy_url(chosen, paths)  # refuse a bad URL before anything opens it
    return ServerConfig(paths, chosen, doc.get("epoch"))


def record(paths: ServerPaths, database: str | None, epoch: str | None) -> None:
    """Writes server.json atomically (temp file, fsync, rename): `init` writes it last, so
    a folder holding it is a complete server; `migrate --database` rewrites it."""
    doc = {"format": CONFIG_FORMAT, "version": CONFIG_VERSION, "database": database,
           "epoch": epoch}
    atomic_write(paths.config, (json.dumps(doc, indent=1) + "\n").encode("utf-8"))
