"""A worker's enrollment code enrolls only that worker's vault (the names records carry are
the names the server routes shares and notes by), refused before the code is spent; a
desk code enrolls whatever the desk account is called."""
from __future__ import annotations

import pytest

from tests.sync.conftest import BACKENDS, served
from tests.sync.laptops import new_laptop
from tests.sync.test_desk import _code, _one_line


@pytest.fixture(scope="module", params=BACKENDS)
def srv(request, tmp_path_factory):
    with served(request, tmp_path_factory, "names") as s:
        yield s


def test_a_code_for_another_worker_is_refused_and_not_spent(srv, tmp_path):
    code = _code(srv, "김하늘")
    other = new_laptop(tmp_path, "o", "박바다")
    r = other.run("--lang", "en", "sync", "enroll", "--server", srv.url, "--code", code,
                  "--fingerprint", srv.fingerprint)
    line = _one_line(r)
    assert "another worker" in line and "박바다" in line
    assert other.json("sync", "status")["enrolled"] is False
    right = new_laptop(tmp_path, "r", "김하늘")
    assert right.run("sync", "enroll", "--server", srv.url, "--code", code,
                     "--fingerprint", srv.fingerprint).code == 0   # the code still works


def test_a_desk_code_enrolls_any_desk_account(srv, tmp_path):
    desk = new_laptop(tmp_path, "d", "센터 PC 1")
    assert desk.run("sync", "enroll", "--server", srv.url, "--code",
                    _code(srv, "상황실", role="desk"), "--fingerprint",
                    srv.fingerprint).code == 0
