"""A real `server run` over HTTPS on 127.0.0.1, on SQLite and on PostgreSQL (the `server`
fixture is parametrized over both): what init writes and prints, what run serves, the
pin, migrations on a running server, two processes on one database."""
from __future__ import annotations

import base64
import json
import re
import stat

import httpx
import pytest

from sync.pinning import is_pin_mismatch, spki_sha256
from sync.protocol import PROTOCOL_VERSION, ServerInfo, from_json
from sync.server import migrate, orgkeys
from tests.sync.conftest import BACKENDS, PASSPHRASE, cli, served
from tests.sync.servers import database_bytes


def _forms(secret: bytes) -> list[bytes]:
    """The spellings a leaked key could take in a file: raw, hex, base64 (both)."""
    return [secret, secret.hex().encode(), secret.hex().upper().encode(),
            base64.b64encode(secret), base64.urlsafe_b64encode(secret).rstrip(b"=")]


def test_init_prints_the_pin_and_keeps_private_keys_out_of_the_data_folder(server):
    lines = server.init_stdout.splitlines()
    assert f"tls-sha256: {server.fingerprint}" in lines
    assert server.fingerprint == spki_sha256((server.data / "tls" / "cert.pem").read_bytes())
    assert stat.S_IMODE(server.keydir.stat().st_mode) == 0o700
    assert sorted(p.name for p in server.keydir.iterdir()) == [
        "recovery.key", "root-ca.key", "sealing.key", "signing.key"]
    assert re.search(r"^recovery-key: .*recovery\.key \(id [0-9a-f]{32}\)$", server.init_stdout,
                     re.M)
    secrets = []
    for purpose in ("sealing", "signing", "recovery"):
        path = server.keydir / f"{purpose}.key"
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        with orgkeys.load(path, PASSPHRASE, purpose).private_raw() as raw:
            secrets.append(bytes(raw))
    from sync.server import rootkey

    root_key, _ = rootkey.load(server.keydir / "root-ca.key", PASSPHRASE)  # offline only
    secrets.append(root_key.private_numbers().private_value.to_bytes(32, "big"))
    haystacks = [(p, p.read_bytes()) for p in server.data.rglob("*") if p.is_file()]
    haystacks.append(("the database", database_bytes(server)))
    for secret in secrets:
        for needle in _forms(secret):
            for where, data in haystacks:
                assert needle not in data, f"a private organisation key is in {where}"


def test_run_serves_info_and_openapi_over_https_with_the_pin(server):
    with server.client() as c:
        schema = c.get("/openapi.json")
        info_r = c.get("/v1/info")
        health = c.get("/v1/health")
    assert schema.status_code == 200 and "/v1/info" in schema.json()["paths"]
    assert info_r.status_code == 200 and health.json()["status"] == "ok"
    info = from_json(ServerInfo, info_r.content)
    assert info.protocol_version == PROTOCOL_VERSION and info.supports()
    assert info.organisation == "동행 테스트 센터"
    assert f"server-epoch: {info.server_epoch}" in server.init_stdout
    for key in (info.sealing_key, info.signing_key):
        doc = json.loads((server.keydir / f"{key.purpose}.key").read_text("utf-8"))
        assert (doc["public_key"], doc["key_id"]) == (key.key, key.key_id)


def test_a_wrong_pin_or_the_web_pki_is_refused_by_the_client(server):
    other = ("ab:" * 32)[:-1]  # colons and case are ignored: still a valid, wrong pin
    with server.client(fingerprint=other) as c, pytest.raises(httpx.ConnectError) as e:
        c.get("/v1/info")
    assert is_pin_mismatch(e.value)
    with httpx.Client(timeout=10) as plain, pytest.raises(httpx.ConnectError) as e:
        plain.get(server.url + "/v1/info")  # self-signed: the web PKI refuses it
    assert not is_pin_mismatch(e.value)
    with server.client(fingerprint=server.fingerprint.upper()) as c:
        assert c.get("/v1/info").status_code == 200


def test_a_version_the_server_does_not_speak_gets_426(server):
    with server.client() as c:
        r = c.get("/v1/info", headers={"Donghaeng-Protocol": "999"})
        missing = c.get("/v1/nothing-here")
    assert r.status_code == 426 and r.json()["error"] == "protocol_version"
    assert missing.status_code == 404 and set(missing.json()) == {"error", "message"}


def test_migrate_is_idempotent_and_a_second_process_starts_on_the_migrated_db(server):
    for _ in range(2):
        proc = cli("migrate", "--data", str(server.data))
        assert proc.returncode == 0, proc.stderr
        assert proc.stdout.strip() == f"schema: {migrate.head()} (already current)"
    second = server.start()  # migrates again on start, then serves the same database
    epochs = set()
    for url in (server.url, second):
        with server.client(url=url) as c:
            epochs.add(from_json(ServerInfo, c.get("/v1/info").content).server_epoch)
    assert len(epochs) == 1 and f"server-epoch: {epochs.pop()}" in server.init_stdout


@pytest.fixture(params=BACKENDS)
def fresh(request, tmp_path_factory):
    """A server of this test's own: the session's `server` is shared with modules that
    enroll laptops in it, and which of them ran first depends on the test order."""
    with served(request, tmp_path_factory, "fresh") as srv:
        yield srv


def test_status_json_while_the_server_runs(fresh):
    server = fresh
    proc = cli("status", "--data", str(server.data), "--json")
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["devices"] == []
    for key in ("changes", "files", "files_pending", "conflicts", "quarantined", "last_seq"):
        assert doc[key] == 0
    assert f"server-epoch: {doc['server_epoch']}" in server.init_stdout


def test_the_async_path_pins_too(server):
    # anyio wraps a memory BIO (SSLObject), not a socket: the other half of the hook
    import asyncio

    from sync.pinning import pinned_context

    async def get(fingerprint: str) -> int:
        async with httpx.AsyncClient(verify=pinned_context(fingerprint), timeout=10) as c:
            return (await c.get(server.url + "/v1/health")).status_code

    assert asyncio.run(get(server.fingerprint)) == 200
    with pytest.raises(httpx.ConnectError) as e:
        asyncio.run(get("12" * 32))
    assert is_pin_mismatch(e.value)
