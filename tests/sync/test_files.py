"""File uploads over tus 1.0 against a real server (SQLite and PostgreSQL): the laptop's
client (sync.client.tus) stores the exact bytes; a killed upload resumes with a standard
tus client (tuspy); a damaged chunk stores nothing; a file whose hash is not the stored
change's is never present; upload URLs are capabilities that expire and reveal nothing;
status and device status count files; the server's memory stays flat on a large upload."""
from __future__ import annotations

import fcntl
import hashlib
import json
import os
import stat
import warnings

import pytest

from sync.client import tus
from sync.protocol import DeviceStatus, FileRef, from_json
from sync.server.uploads import LIFETIME, MAX_SIZE
from tests.sync.conftest import BACKENDS, cli, served
from tests.sync.device import Device
from tests.sync.device import enrolled as enrolled_device
from tests.sync.servers import one_line_error, set_state, status, worker_name
from tests.sync.uploads import (
    TUS,
    create,
    expire,
    head,
    memory_kib,
    partial,
    patch,
    push_attach,
    random_file,
    sparse_file,
    stored,
    transport,
    upload_row,
)

MiB = 1024 * 1024


_open: list[Device] = []


def enrolled(srv, worker: str) -> Device:
    d = enrolled_device(srv, worker)
    _open.append(d)
    return d


@pytest.fixture(scope="module", params=BACKENDS)
def srv(request, tmp_path_factory):
    # a server of this module's own: the file counts of `server status` start at zero
    with served(request, tmp_path_factory, "files") as s:
        try:
            yield s
        finally:
            while _open:  # close the devices' connections before the server stops
                _open.pop().close()


class Killed(Exception):
    """The laptop stopped in the middle of an upload."""


def _device_status(device) -> DeviceStatus:
    r = device.request("GET", "/v1/device")
    assert r.status_code == 200, r.text
    return from_json(DeviceStatus, r.content)


def _new_upload(srv, tmp_path, size: int, name: str = "cipher"):
    d = enrolled(srv, worker_name())
    ref = random_file(tmp_path / name, size)
    push_attach(d, ref)
    r = create(d, ref)
    assert r.status_code == 201, r.text
    return d, ref, r.headers["Location"]


def test_the_laptop_client_uploads_the_exact_bytes_and_status_follows(srv, tmp_path):
    d = enrolled(srv, worker_name())
    ref = random_file(tmp_path / "cipher", 3 * MiB + 123)
    before = status(srv)
    push_attach(d, ref)
    assert _device_status(d).files_missing == [ref.attachment_id]
    assert status(srv)["files_pending"] == before["files_pending"] + 1
    seen: list[int] = []
    with transport(d) as t:
        tus.upload(t, ref, tmp_path / "cipher", on_progress=seen.append, chunk=MiB,
                   max_chunk=MiB)
        assert tus.create(t, ref) is None  # already complete: nothing to send again
    assert seen == [0, MiB, 2 * MiB, 3 * MiB, ref.cipher_size]
    path = stored(srv, ref)
    assert path.read_bytes() == (tmp_path / "cipher").read_bytes()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert _device_status(d).files_missing == []
    proc = cli("status", "--data", str(srv.data), "--json")
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert (doc["files"], doc["files_pending"]) == (before["files"] + 1,
                                                    before["files_pending"])


def test_chunks_grow_while_they_go_through_and_the_file_arrives_whole(srv, tmp_path):
    d = enrolled(srv, worker_name())
    ref = random_file(tmp_path / "cipher", 20 * MiB + 5)
    push_attach(d, ref)
    seen: list[int] = []
    with transport(d) as t:
        # quick_s large: every chunk counts as quick, so the sizes are known
        tus.upload(t, ref, tmp_path / "cipher", on_progress=seen.append, chunk=MiB,
                   max_chunk=4 * MiB, quick_s=3600)
    assert seen == [0, MiB, 3 * MiB, 7 * MiB, 11 * MiB, 15 * MiB, 19 * MiB, ref.cipher_size]
    assert stored(srv, ref).read_bytes() == (tmp_path / "cipher").read_bytes()


def test_a_killed_upload_resumes_with_a_standard_tus_client(srv, tmp_path):
    from tusclient.uploader import Uploader

    class Sha256Uploader(Uploader):
        CHECKSUM_ALGORITHM_PAIR = ("sha256", hashlib.sha256)

    d = enrolled(srv, worker_name())
    ref = random_file(tmp_path / "cipher", 5 * MiB + 7)
    push_attach(d, ref)
    confirmed: list[int] = []

    def progress(offset: int) -> None:
        confirmed.append(offset)
        if offset >= 2 * MiB:
            raise Killed

    with transport(d) as t, pytest.raises(Killed):
        tus.upload(t, ref, tmp_path / "cipher", on_progress=progress, chunk=MiB,
                   max_chunk=MiB)
    assert confirmed[-1] == 2 * MiB
    with transport(d) as t:
        url = tus.create(t, ref)  # the same live upload, at the offset the server holds
    assert url is not None and head(d, url).headers["Upload-Offset"] == str(2 * MiB)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the self-signed certificate (pinning is ours)
        up = Sha256Uploader(file_path=str(tmp_path / "cipher"), url=srv.url + url,
                            chunk_size=MiB, verify_tls_cert=False, upload_checksum=True)
        assert up.offset == 2 * MiB
        up.upload()
    assert up.offset == ref.cipher_size
    assert stored(srv, ref).read_bytes() == (tmp_path / "cipher").read_bytes()
    assert _device_status(d).files_missing == []
    assert not partial(srv, url).exists()


def test_a_standard_tus_client_creates_an_upload_with_signed_headers(srv, tmp_path):
    from tusclient.client import TusClient

    from sync.protocol.signing import sign_request
    from sync.server.models import utcnow

    d = enrolled(srv, worker_name())
    ref = random_file(tmp_path / "cipher", 2 * MiB + 1)
    push_attach(d, ref)
    signed = sign_request(d.signing, d.device_id, "POST", "/v1/files", b"", utcnow())
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        up = TusClient(srv.url + "/v1/files", headers=signed).uploader(
            file_path=str(tmp_path / "cipher"), chunk_size=MiB, verify_tls_cert=False,
            metadata={"attachment_id": ref.attachment_id, "sha256": ref.cipher_sha256})
        up.upload()
    assert up.url.startswith(srv.url + "/v1/files/")
    assert stored(srv, ref).read_bytes() == (tmp_path / "cipher").read_bytes()
    assert _device_status(d).files_missing == []


def test_two_server_processes_continue_the_same_upload(srv, tmp_path):
    # the offset lives in the database and the bytes in the shared data folder
    second = srv.urls[1] if len(srv.urls) > 1 else srv.start()
    d, ref, url = _new_upload(srv, tmp_path, 3 * MiB)
    data = (tmp_path / "cipher").read_bytes()
    assert patch(d, url, 0, data[:MiB]).status_code == 204
    other = Device(srv, d.worker, url=second, device_id=d.device_id, signing=d.signing,
                   sealing=d.sealing)
    _open.append(other)
    assert head(other, url).headers["Upload-Offset"] == str(MiB)
    one_line_error(patch(other, url, 0, data[:MiB]), 409)  # the first process's offset
    assert patch(other, url, MiB, data[MiB:2 * MiB]).status_code == 204
    assert patch(d, url, 2 * MiB, data[2 * MiB:]).status_code == 204
    assert stored(srv, ref).read_bytes() == data


def test_a_damaged_chunk_answers_460_and_stores_nothing(srv, tmp_path):
    d, ref, url = _new_upload(srv, tmp_path, 2 * MiB)
    data = (tmp_path / "cipher").read_bytes()
    import base64

    def sha(b: bytes) -> str:
        return "sha256 " + base64.b64encode(hashlib.sha256(b).digest()).decode()

    assert patch(d, url, 0, data[:MiB], checksum=sha(data[:MiB])).status_code == 204
    r = patch(d, url, MiB, data[MiB:MiB + 1000], checksum=sha(b"other bytes"))
    assert one_line_error(r, 460).error == "checksum_mismatch"
    assert r.headers["Tus-Resumable"] == "1.0.0" and r.headers["Upload-Offset"] == str(MiB)
    assert head(d, url).headers["Upload-Offset"] == str(MiB)
    assert partial(srv, url).stat().st_size == MiB  # the refused bytes were cut
    # another algorithm is refused outright
    r = patch(d, url, MiB, data[MiB:], checksum="sha1 " + base64.b64encode(
        hashlib.sha1(data[MiB:]).digest()).decode())
    one_line_error(r, 400)
    # while another request holds the upload's lock, a PATCH cannot advance it
    with partial(srv, url).open("rb") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        r = patch(d, url, MiB, data[MiB:], checksum=sha(data[MiB:]))
        assert one_line_error(r, 409).error == "conflict"
    assert head(d, url).headers["Upload-Offset"] == str(MiB)
    assert patch(d, url, MiB, data[MiB:], checksum=sha(data[MiB:])).status_code == 204
    assert stored(srv, ref).read_bytes() == data


def test_a_file_whose_hash_is_not_the_changes_is_never_present(srv, tmp_path):
    d = enrolled(srv, worker_name())
    real = random_file(tmp_path / "cipher", MiB + 5)
    claimed = FileRef(attachment_id=real.attachment_id, cipher_size=real.cipher_size,
                      cipher_sha256=hashlib.sha256(b"something else").hexdigest())
    push_attach(d, claimed)
    before = status(srv)
    with transport(d) as t, pytest.raises(tus.LocalFileChanged):
        tus.upload(t, claimed, tmp_path / "cipher", on_progress=lambda _: None,
                   chunk=MiB // 2, max_chunk=MiB // 2)
    assert status(srv)["files_pending"] == before["files_pending"]
    assert status(srv)["files"] == before["files"]
    assert _device_status(d).files_missing == [real.attachment_id]
    assert not stored(srv, claimed).exists() and not stored(srv, real).exists()
    with transport(d) as t:
        url = tus.create(t, claimed)
    assert url is not None and head(d, url).headers["Upload-Offset"] == "0"  # reset
    assert partial(srv, url).stat().st_size == 0


def test_creation_is_signed_repeatable_and_bound_to_the_workers_change(srv, tmp_path):
    d = enrolled(srv, worker_name())
    ref = random_file(tmp_path / "cipher", 1000)
    one_line_error(create(d, ref), 404)  # no stored change references it yet
    push_attach(d, ref)
    first, again = create(d, ref), create(d, ref)
    assert first.status_code == again.status_code == 201, first.text
    assert first.headers["Location"] == again.headers["Location"]
    url = first.headers["Location"]
    assert url.startswith("/v1/files/") and len(url) == len("/v1/files/") + 43
    assert first.headers["Tus-Resumable"] == "1.0.0"
    expires = first.headers["Upload-Expires"]
    from email.utils import parsedate_to_datetime

    from sync.server.models import utcnow

    assert parsedate_to_datetime(expires) - utcnow() > LIFETIME - LIFETIME / 60
    # the headers must be the stored change's size and hash
    one_line_error(create(d, ref, sha256="0" * 64), 409)
    # another worker's device may not upload it; an unsigned creation is refused
    other = enrolled(srv, worker_name())
    one_line_error(create(other, ref), 404)
    r = d.http.post("/v1/files", headers={**TUS, "Upload-Length": "1000"})
    one_line_error(r, 401)
    assert r.headers["Tus-Resumable"] == "1.0.0"
    # a second device of the same worker gets its own upload of the same attachment
    second = enrolled(srv, d.worker)
    r = create(second, ref)
    assert r.status_code == 201 and r.headers["Location"] != url
    row = upload_row(srv, url)
    assert row is not None and row.device_id == d.device_id and row.upload_offset == 0


def test_expired_unknown_and_malformed_upload_urls_are_404(srv, tmp_path):
    d, ref, url = _new_upload(srv, tmp_path, 1000)
    assert head(d, url).status_code == 200
    expire(srv, url)
    assert head(d, url).status_code == 404
    one_line_error(patch(d, url, 0, b"x" * 10), 404)
    r = create(d, ref)  # a new upload replaces the expired one
    assert r.status_code == 201 and r.headers["Location"] != url
    assert upload_row(srv, url) is None
    for bad in ("/v1/files/" + "A" * 43, "/v1/files/short", "/v1/files/..%2F..%2Fserver.json",
                "/v1/files/%2e%2e", "/v1/files/" + "a" * 42 + "%00",
                "/v1/files/..%2Fserver.sqlite3" + "A" * 30):
        assert head(d, bad).status_code == 404, bad
        one_line_error(patch(d, bad, 0, b"x"), 404)
    # the URL stops working when its device may no longer sync
    live = r.headers["Location"]
    set_state(srv, d.device_id, "revoked_lost")
    assert head(d, live).status_code == 403
    one_line_error(patch(d, live, 0, b"x" * 10), 403)


def test_bad_offsets_and_bodies_are_refused_and_store_nothing(srv, tmp_path):
    d, ref, url = _new_upload(srv, tmp_path, 1000)
    data = (tmp_path / "cipher").read_bytes()
    for offset in ("-1", "+0", "1e3", "0x1", "99999999999999999999", "٣".encode(), ""):
        one_line_error(patch(d, url, offset, data[:10]), 400)
    one_line_error(patch(d, url, 2**62, data[:10]), 409)
    one_line_error(patch(d, url, 10, data[:10]), 409)
    one_line_error(patch(d, url, 0, data + b"x"), 413)  # Content-Length past the length

    def longer():  # chunked, no Content-Length: found out while reading
        yield data
        yield b"more than declared"

    one_line_error(patch(d, url, 0, longer()), 413)  # type: ignore[arg-type]
    one_line_error(patch(d, url, 0, data[:10], headers={"Content-Type": "text/plain"}),
                   415)
    r = d.http.request("PATCH", url, content=data[:10], headers={
        "Content-Type": "application/offset+octet-stream", "Upload-Offset": "0"})
    assert one_line_error(r, 412) and r.headers["Tus-Version"] == "1.0.0"
    assert head(d, url).headers["Upload-Offset"] == "0"
    assert partial(srv, url).stat().st_size == 0
    assert patch(d, url, 0, data).status_code == 204  # no checksum: still the whole-file one
    assert stored(srv, ref).read_bytes() == data
    one_line_error(patch(d, url, 1000, b""), 409)  # complete: nothing more to send


def test_options_and_head_answer_the_tus_headers(srv, tmp_path):
    d, ref, url = _new_upload(srv, tmp_path, 4096)
    for path in ("/v1/files", url):
        r = d.http.options(path)
        assert r.status_code == 204
        assert r.headers["Tus-Version"] == "1.0.0"
        assert r.headers["Tus-Resumable"] == "1.0.0"
        assert r.headers["Tus-Extension"] == "creation,checksum,expiration"
        assert r.headers["Tus-Checksum-Algorithm"] == "sha256"
        assert r.headers["Tus-Max-Size"] == str(MAX_SIZE)
    r = head(d, url)
    assert r.status_code == 200
    assert (r.headers["Upload-Offset"], r.headers["Upload-Length"]) == ("0", "4096")
    assert r.headers["Cache-Control"] == "no-store" and r.headers["Tus-Resumable"] == "1.0.0"
    assert "Upload-Expires" in r.headers


def test_the_servers_memory_stays_flat_on_a_large_upload(srv, tmp_path):
    size = 300 * MiB
    d = enrolled(srv, worker_name())
    ref = sparse_file(tmp_path / "big", size)
    push_attach(d, ref)
    r = create(d, ref)
    assert r.status_code == 201, r.text
    url = r.headers["Location"]
    pid = srv.procs[0].pid
    before = memory_kib(pid)

    def body():
        with (tmp_path / "big").open("rb") as f:
            while block := f.read(MiB):
                yield block

    # one PATCH of the whole file, streamed by the client: the server must stream it too
    r = d.http.request("PATCH", url, content=body(), timeout=300, headers={
        **TUS, "Content-Type": "application/offset+octet-stream", "Upload-Offset": "0",
        "Content-Length": str(size)})
    assert r.status_code == 204, r.text
    after = memory_kib(pid)
    print("server memory KiB before/after a 300 MB upload:", before, after)
    assert after["VmHWM"] - before["VmHWM"] < 50 * 1024, (before, after)
    assert stored(srv, ref).stat().st_size == size
    assert _device_status(d).files_missing == []
    os.unlink(tmp_path / "big")


def test_the_laptop_client_asks_again_when_the_offset_moved(srv, tmp_path):
    d, ref, url = _new_upload(srv, tmp_path, 3 * MiB)
    data = (tmp_path / "cipher").read_bytes()
    seen: list[int] = []

    def progress(offset: int) -> None:
        seen.append(offset)
        if offset == MiB:  # another writer sends the next chunk meanwhile
            assert patch(d, url, MiB, data[MiB:2 * MiB]).status_code == 204

    with transport(d) as t:
        tus.upload(t, ref, tmp_path / "cipher", on_progress=progress, chunk=MiB,
                   max_chunk=MiB)
    assert seen == [0, MiB, 2 * MiB, 3 * MiB]  # the 409 was followed by a HEAD
    assert stored(srv, ref).read_bytes() == data
