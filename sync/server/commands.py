"""What each `server` command does; cli.py parses and reports errors.

init checks everything it can first (a PostgreSQL that does not answer or already holds a
server included), then writes in this order: the KEYDIR (private keys durable before
anything names them), the TLS files, the identity with the public keys in the database,
and server.json last, so a data folder holding server.json is a complete server. A
failure on the way removes what this run created.
"""
from __future__ import annotations

import argparse
import gc
import json
import os
import shutil
import socket
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sync.pinning import spki_sha256
from sync.server import config as cfg
from sync.server.errors import ServerError
from sync.server.files import fsync_dir, write_new
from sync.server.workers import MAX_WORKERS

KEY_FILES = {"sealing": "sealing.key", "signing": "signing.key", "recovery": "recovery.key"}


def _check_new_keydir(keydir: Path, data: Path) -> None:
    if keydir.exists() or keydir.is_symlink():
        raise ServerError(f"--keys-out {keydir}: 이미 있습니다 (새 폴더를 지정하세요)",
                          f"--keys-out {keydir}: already exists (name a new folder)")
    if keydir.resolve().is_relative_to(data.resolve()):
        raise ServerError("--keys-out 는 서버 데이터 폴더 밖이어야 합니다",
                          "--keys-out must be outside the server's data folder")
    if not keydir.parent.is_dir():
        raise ServerError(f"--keys-out {keydir}: 상위 폴더가 없습니다",
                          f"--keys-out {keydir}: its parent folder does not exist")


def init(args: argparse.Namespace, read_passphrase: Callable[[], str]) -> int:
    from cryptography.hazmat.primitives.serialization import Encoding

    from crypto import ca
    from sync.server import identity, orgkeys, pki, rootkey, tlscert
    from sync.server.ca_commands import root_sha256

    paths = cfg.check_data_arg(args.data)
    if paths.config.exists():
        raise ServerError(f"{args.data}: 이미 서버 데이터 폴더입니다",
                          f"{args.data}: already a server data folder")
    if paths.data.exists() and any(paths.data.iterdir()):
        raise ServerError(f"--data {args.data}: 비어 있지 않습니다",
                          f"--data {args.data}: not empty")
    _check_new_keydir(args.keys_out, paths.data)
    org = (args.org or "").strip()
    if not org or len(org) > 200 or not org.isprintable():
        raise ServerError("--org: 1~200자의 기관 이름", "--org: an organisation name of 1 to "
                          "200 printable characters")
    url = cfg.sqlalchemy_url(args.database, paths)
    if (args.tls_cert is None) != (args.tls_key is None):
        raise ServerError("--tls-cert 와 --tls-key 는 함께 주어야 합니다",
                          "--tls-cert and --tls-key go together")
    tls = (tlscert.load_given(args.tls_cert, args.tls_key) if args.tls_cert
           else tlscert.self_signed(org))
    passphrase = read_passphrase()
    # PostgreSQL must answer and hold no server before anything is made: an unreachable
    # one leaves no KEYDIR behind. SQLite's file needs the data folder first.
    engine = None if url.startswith("sqlite:") else _prepare_database(paths, url)

    pairs = {p: orgkeys.generate(p) for p in KEY_FILES}
    crl_base = pki.check_base_url(args.public_url or f"https://{socket.gethostname()}:8443")
    root_key, root_cert = ca.new_root(org)  # its key goes only to KEYDIR/root-ca.key
    created: list[Path] = []
    try:
        args.keys_out.mkdir(mode=0o700)
        created.append(args.keys_out)
        for purpose, name in KEY_FILES.items():
            write_new(args.keys_out / name, orgkeys.key_file_bytes(
                pairs[purpose], passphrase, orgkeys.KEY_FILE_KDF, org))
        write_new(args.keys_out / rootkey.FILE_NAME, rootkey.key_file_bytes(
            root_key, root_cert, passphrase, orgkeys.KEY_FILE_KDF, org))
        fsync_dir(args.keys_out)
        if not paths.data.exists():
            paths.data.mkdir(mode=0o700, parents=True)
            created.append(paths.data)
        else:
            os.chmod(paths.data, 0o700)
        paths.tls_dir.mkdir(mode=0o700)
        write_new(paths.tls_cert, tls[0])
        write_new(paths.tls_key, tls[1])
        receipt_public = identity.new_receipt_key(paths.data)
        authority = pki.create(paths.data, root_key, root_cert, org, crl_base)
        if engine is None:
            engine = _prepare_database(paths, url)
        # the last step that can fail before server.json: nothing to undo in the database
        epoch = _store_identity(engine, org, [pp.public for pp in pairs.values()],
                                receipt_public, pairs["signing"].private,
                                lambda s: _first_crls(s, authority, root_key))
        cfg.record(paths, args.database, epoch)
    except BaseException:
        _undo(created, paths)
        raise
    finally:
        if engine is not None:
            engine.dispose()
    print(f"organisation: {org}")
    print(f"server-epoch: {epoch}")
    print(f"database: {cfg.shown_url(args.database, paths)}")
    for purpose, name in KEY_FILES.items():
        print(f"{purpose}-key: {args.keys_out / name} (id {pairs[purpose].public.key_id})")
    print(f"root-ca-key: {args.keys_out / rootkey.FILE_NAME}")
    print(f"root-sha256: {root_sha256(root_cert.public_bytes(Encoding.DER))}")
    print(f"crl-url: {authority.crl_url}")
    print(f"tls-sha256: {spki_sha256(tls[0])}")
    return 0


def _first_crls(session: Any, authority: Any, root_key: Any) -> None:
    """The ceremony's root CRL (no issuing CA revoked) and the issuing CA's first CRL."""
    from sync.server import pki
    from sync.server.models import utcnow

    pki.publish_root_crl(session, root_key, authority.root, utcnow())
    pki.publish_crl(session, authority, utcnow())


def _undo(created: list[Path], paths: cfg.ServerPaths) -> None:
    for path in reversed(created):
        shutil.rmtree(path, ignore_errors=True)
    if paths.data not in created and paths.data.is_dir():
        # the folder was there (empty) before: empty it again
        for child in paths.data.iterdir():
            shutil.rmtree(child) if child.is_dir() else child.unlink()


def _prepare_database(paths: cfg.ServerPaths, url: str) -> Any:
    """An engine on a migrated database that holds no server yet."""
    from sync.server import identity, migrate
    from sync.server.db import make_engine, session_factory

    engine = make_engine(url)
    try:
        migrate.upgrade(engine, paths.migrate_lock)
        with session_factory(engine)() as session:
            other = identity.existing_epoch(session)
    except BaseException:
        engine.dispose()
        raise
    if other is not None:
        engine.dispose()
        raise ServerError(f"이 데이터베이스는 이미 다른 서버의 것입니다 (epoch {other})",
                          f"the database already belongs to a server (epoch {other})")
    return engine


def _store_identity(engine: Any, org: str, keys: list[Any], receipt_public: bytes,
                    org_signer: Any, also: Callable[[Any], None]) -> str:
    from sync.server import identity
    from sync.server.db import session_factory

    with session_factory(engine).begin() as session:
        epoch = identity.create(session, org, keys, receipt_public=receipt_public,
                                org_signer=org_signer)
        session.flush()
        also(session)  # in the same transaction: all of it or nothing
        return epoch


def _open(args: argparse.Namespace, *, database: str | None = None) -> tuple[Any, Any]:
    """(config, engine) of an initialised data folder."""
    from sync.server.db import make_engine

    conf = cfg.load(args.data, database)
    return conf, make_engine(conf.database_url)


def _check_identity(conf: cfg.ServerConfig, engine: Any) -> Any:
    from sync.server import identity
    from sync.server.db import session_factory

    with session_factory(engine)() as session:
        try:
            ident = identity.load(session)
        except identity.NoIdentity:
            raise ServerError("데이터베이스에 서버 정보가 없습니다 (server init 으로 만든 것이 "
                              "아닙니다)", "the database holds no server identity (not made "
                              "by `server init`)") from None
    if conf.epoch is not None and ident.epoch != conf.epoch:
        raise ServerError(f"데이터베이스가 다른 서버의 것입니다 (epoch {ident.epoch})",
                          f"the database belongs to another server (epoch {ident.epoch}, "
                          f"this folder's is {conf.epoch})")
    return ident


def migrate(args: argparse.Namespace) -> int:
    from sync.server import migrate as mig

    conf, engine = _open(args, database=args.database)
    try:
        before, after = mig.upgrade(engine, conf.paths.migrate_lock)
        _check_identity(conf, engine)
    finally:
        engine.dispose()
    if args.database is not None:  # later commands find the database from here
        cfg.record(conf.paths, args.database, conf.epoch)
    print(f"schema: {after}" + (f" (was {before or 'empty'})" if before != after
                                else " (already current)"))
    return 0


def _parse_bind(text: str) -> tuple[str, int]:
    host, sep, port = text.rpartition(":")
    host = host[1:-1] if host.startswith("[") and host.endswith("]") else host
    if not sep or not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise ServerError(f"--bind {text}: 호스트:포트 형식이어야 합니다",
                          f"--bind {text}: expected HOST:PORT")
    return host, int(port)


def _listen(text: str, option: str, *, reuse_port: bool = False) -> socket.socket:
    """A bound TCP socket. `reuse_port`: one of several on the same address, one per
    worker process (SO_REUSEPORT): the kernel spreads new connections over them by
    their addresses. One shared socket let whichever worker woke first take most of a
    burst of laptops, and a laptop keeps its connection for the whole sync."""
    host, port = _parse_bind(text)
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # proto named: asyncio sets TCP_NODELAY on accepted connections only when their
    # proto is IPPROTO_TCP (they inherit ours). With 0, a keep-alive connection's every
    # answer after the first waited ~40 ms (Nagle against the client's delayed ACK).
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        if reuse_port:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        sock.bind((host, port))
    except OSError as e:
        sock.close()
        raise ServerError(f"{option} {text}: {e.strerror}",
                          f"{option} {text}: {e.strerror}") from None
    return sock


def run(args: argparse.Namespace) -> int:
    import uvicorn

    from sync.server import identity
    from sync.server import migrate as mig
    from sync.server.app import create_app, create_public_app

    _parse_bind(args.bind)
    http_bind, tsa_url = getattr(args, "http_bind", None), getattr(args, "tsa_url", None)
    if http_bind is not None:
        _parse_bind(http_bind)
    if tsa_url is not None and not tsa_url.startswith(("http://", "https://")):
        raise ServerError("--tsa-url 은 http(s):// 주소여야 합니다",
                          "--tsa-url must be an http(s):// URL")
    workers = getattr(args, "workers", 1)
    if not 1 <= workers <= MAX_WORKERS:
        raise ServerError(f"--workers 는 1에서 {MAX_WORKERS} 사이여야 합니다",
                          f"--workers must be 1 to {MAX_WORKERS}")
    conf, engine = _open(args, database=args.database)
    mig.upgrade(engine, conf.paths.migrate_lock)  # every start migrates (idempotent)
    _check_identity(conf, engine)
    receipt_key = identity.load_receipt_key(conf.paths.data)
    cert = conf.paths.tls_cert.read_bytes()
    # per worker: its HTTPS socket, and its plain HTTP one (only the CA's signed objects
    # and the TSA, docs/operations.md)
    binds = [(args.bind, "--bind")] + ([(http_bind, "--http-bind")] if http_bind else [])
    per_worker = [[_listen(b, option, reuse_port=workers > 1) for b, option in binds]
                  for _ in range(workers)]
    common: dict[str, Any] = dict(
        log_level="warning", access_log=False, server_header=False, lifespan="off",
        # a stop must not wait forever on an idle keep-alive client or a stalled upload
        # (its offset is in the database anyway)
        timeout_graceful_shutdown=5)

    def serve(engine: Any, sockets: list[socket.socket]) -> int:
        try:
            servers = [uvicorn.Server(uvicorn.Config(
                create_app(engine, receipt_key, conf.paths.data, tsa_url=tsa_url,
                           pushes=1 if workers > 1 else 2),
                ssl_certfile=str(conf.paths.tls_cert), ssl_keyfile=str(conf.paths.tls_key),
                **common))]
            if http_bind is not None:
                servers.append(uvicorn.Server(uvicorn.Config(
                    create_public_app(engine, conf.paths.data, tsa_url=tsa_url), **common)))
            # what start-up made (the app, SQLAlchemy's and pydantic's structures) lives as
            # long as the process: out of the collector's sight, a full collection no
            # longer walks it in the middle of a request (bench: trust.tsa_p99_ms)
            gc.freeze()
            if len(servers) == 1:
                servers[0].run(sockets=sockets)
            else:
                import asyncio

                asyncio.run(_serve_together(servers, sockets))
        finally:
            engine.dispose()
        return 0

    try:
        print(f"serving https://{args.bind} tls-sha256: {spki_sha256(cert)}"
              + (f" and http://{http_bind} (pki, tsa)" if http_bind else "")
              + (f" ({workers} processes)" if workers > 1 else ""),
              file=sys.stderr, flush=True)
        if workers == 1:
            return serve(engine, per_worker[0])
        from sync.server.db import make_engine
        from sync.server.workers import supervise

        # a connection must not cross a fork: each worker opens its own engine
        engine.dispose()

        def serve_worker(n: int) -> int:
            for other in per_worker[:n] + per_worker[n + 1:]:
                for sock in other:
                    sock.close()
            return serve(make_engine(conf.database_url), per_worker[n])

        return supervise(workers, serve_worker)
    finally:
        for sockets in per_worker:
            for sock in sockets:
                sock.close()


async def _serve_together(servers: list[Any], sockets: list[socket.socket]) -> None:
    """Both servers in one event loop. uvicorn's signal handler reaches only the server
    that installed it last: whichever is told to stop, the other follows."""
    import asyncio

    tasks = [asyncio.create_task(s.serve(sockets=[sock]))
             for s, sock in zip(servers, sockets, strict=True)]
    while not any(s.should_exit for s in servers) and not any(t.done() for t in tasks):
        await asyncio.sleep(0.2)
    for s in servers:
        s.should_exit = True
    await asyncio.gather(*tasks)


def _require_current_schema(engine: Any) -> None:
    from sync.server import migrate as mig

    with engine.connect() as conn:
        have, want = mig.current(conn), mig.head()
    if have != want:
        raise ServerError(f"데이터베이스 스키마가 {have or '없음'} 입니다 ({want} 필요): "
                          "`donghaeng server migrate`",
                          f"the database schema is at {have or 'nothing'}, this server "
                          f"needs {want}: run `donghaeng server migrate`")


def _name(value: str, option: str) -> str:
    text = value.strip()
    if not text or len(text) > 200 or not text.isprintable():
        raise ServerError(f"{option}: 1~200자의 이름", f"{option}: a name of 1 to 200 "
                          "printable characters")
    return text


def enroll(args: argparse.Namespace, lang: str) -> int:
    from urllib.parse import urlencode

    from sync.server import enroll as enrollment
    from sync.server.db import write_session_factory
    from sync.server.models import utcnow

    worker = _name(args.worker, "--worker")
    team = _name(args.team, "--team") if args.team is not None else None
    if args.url is not None and not args.url.startswith("https://"):
        raise ServerError("--url 은 https:// 로 시작해야 합니다",
                          "--url must start with https://")
    conf, engine = _open(args)
    try:
        _require_current_schema(engine)
        _check_identity(conf, engine)
        with write_session_factory(engine).begin() as session:
            issued = enrollment.issue(session, worker, team, args.role, utcnow())
    finally:
        engine.dispose()
    fingerprint = spki_sha256(conf.paths.tls_cert.read_bytes())
    params = {"server": args.url} if args.url else {}
    params.update(code=issued.code, fp=fingerprint)
    qr = "donghaeng-enroll:v1?" + urlencode(params)
    expires = issued.expires.isoformat().replace("+00:00", "Z")
    if args.json:
        print(json.dumps({"code": issued.code, "fingerprint": fingerprint, "expires": expires,
                          "worker": worker, "team": team, "role": args.role, "qr": qr},
                         ensure_ascii=False))
        return 0
    print(f"worker: {worker}" + (f" ({team})" if team else "") + f" [{args.role}]")
    print(f"code: {issued.code}")
    print(f"qr: {qr}")
    print(f"tls-sha256: {fingerprint}")
    print(f"expires: {expires}")
    print("이 코드는 한 번만 쓸 수 있고 24시간 뒤에 만료됩니다. 노트북에서: donghaeng sync enroll "
          f"--server URL --code {issued.code} --fingerprint {fingerprint}" if lang != "en" else
          "The code works once and expires in 24 hours. On the laptop: donghaeng sync enroll "
          f"--server URL --code {issued.code} --fingerprint {fingerprint}")
    return 0


def status(args: argparse.Namespace) -> int:
    from sync.server.db import session_factory
    from sync.server.overview import overview

    conf, engine = _open(args)
    try:
        _require_current_schema(engine)
        ident = _check_identity(conf, engine)
        with session_factory(engine)() as session:
            counts = overview(session)
    finally:
        engine.dispose()
    doc = {"server_epoch": ident.epoch, "organisation": ident.organisation, **counts}
    devices = counts["devices"]
    if args.json:
        print(json.dumps(doc, ensure_ascii=False))
        return 0
    print(f"organisation: {ident.organisation}")
    print(f"server-epoch: {ident.epoch}")
    print(f"devices: {len(devices)}")
    for d in devices:
        state = d["state"] + (f" (wipe {d['wipe']})" if d.get("wipe") else "")
        recovered = (d.get("report") or {}).get("passphrase_recovered")
        state += f" (passphrase recovered {recovered})" if recovered else ""
        print(f"  {d['id']}  {d['fingerprint']}  {d['worker']}  {state}  last seen "
              f"{d['last_seen'] or '-'}  changes {d['changes']}  seq {d['seq']}")
    for key in ("changes", "files", "files_pending", "conflicts", "quarantined", "last_seq"):
        print(f"{key.replace('_', ' ')}: {doc[key]}")
    return 0
