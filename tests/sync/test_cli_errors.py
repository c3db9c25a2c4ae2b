"""`donghaeng server …` on bad input: one short line on stderr, no traceback, a non-zero
exit, and nothing left behind. And the `server` group never loads desktop or Qt."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from sync.server import cli as server_cli
from tests.sync.conftest import PASSPHRASE, ROOT, cli, server_env


@pytest.fixture
def inproc(monkeypatch, capsys):
    """`server …` in this process (no interpreter start per case); the subprocess tests
    below prove the same path through the launcher."""
    monkeypatch.setenv("LANG", "C.UTF-8")

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        mask = os.umask(0o022)
        os.umask(mask)
        try:
            code = server_cli.main(list(args))
        finally:
            os.umask(mask)  # main() tightens it for the server's own process
        out = capsys.readouterr()
        return subprocess.CompletedProcess(args, code, out.out, out.err)

    return run


def _one_line_failure(proc: subprocess.CompletedProcess[str], *, code: int = 1) -> str:
    assert proc.returncode == code, (proc.returncode, proc.stdout, proc.stderr)
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    return lines[0]


def _init(tmp_path, *extra: str, data=None, keys=None, pw=True, run=None):
    args = ["init", "--data", str(data or tmp_path / "data"), "--org", "센터",
            "--keys-out", str(keys or tmp_path / "keys"), "--lang", "en", *extra]
    if pw:
        f = tmp_path / "pw"
        f.write_text(PASSPHRASE, encoding="utf-8")
        args += ["--passphrase-file", str(f)]
    return (run or cli)(*args)


def test_data_pointing_at_a_file(tmp_path, inproc):
    f = tmp_path / "afile"
    f.write_text("x")
    line = _one_line_failure(_init(tmp_path, data=f))
    assert line == f"--data {f}: a file, not a folder"
    for action in ("run", "migrate", "status"):
        line = _one_line_failure(inproc(action, "--data", str(f), "--lang", "en"))
        assert line == f"--data {f}: a file, not a folder"
    assert not (tmp_path / "keys").exists()


def test_missing_passphrase_writes_nothing(tmp_path, inproc):
    line = _one_line_failure(_init(tmp_path, pw=False, run=inproc))
    assert line == "no passphrase: give --passphrase-file or DONGHAENG_PASSPHRASE"
    assert not (tmp_path / "keys").exists() and not (tmp_path / "data").exists()
    short = tmp_path / "short"
    short.write_text("too short\n")
    line = _one_line_failure(_init(tmp_path, "--passphrase-file", str(short), pw=False,
                                   run=inproc))
    assert "at least 12 characters" in line
    assert not (tmp_path / "keys").exists() and not (tmp_path / "data").exists()


def test_a_keydir_that_exists_or_sits_in_the_data_folder(tmp_path, inproc):
    keys = tmp_path / "keys"
    keys.mkdir()
    line = _one_line_failure(_init(tmp_path, keys=keys, run=inproc))
    assert line == f"--keys-out {keys}: already exists (name a new folder)"
    assert list(keys.iterdir()) == [] and not (tmp_path / "data").exists()
    inside = tmp_path / "data" / "keys"
    line = _one_line_failure(_init(tmp_path, keys=inside, run=inproc))
    assert line == "--keys-out must be outside the server's data folder"


def test_commands_on_a_folder_that_is_not_a_server(tmp_path, inproc):
    for action in ("run", "migrate", "status"):
        line = _one_line_failure(inproc(action, "--data", str(tmp_path), "--lang", "en"))
        assert line.endswith("not a server data folder (run `donghaeng server init` first)")


def test_bad_database_url_and_bind_and_usage(tmp_path, inproc):
    line = _one_line_failure(_init(tmp_path, "--database", "mysql://x/y", run=inproc))
    assert line == "the database URL must be postgresql://… or sqlite:///FILE"
    line = _one_line_failure(inproc("run", "--data", str(tmp_path), "--bind", "nowhere",
                                    "--lang", "en"))
    assert line == "--bind nowhere: expected HOST:PORT"
    line = _one_line_failure(inproc("init", "--data", str(tmp_path), "--lang", "en"), code=2)
    assert line.startswith("command-line error: the following arguments are required")
    assert "--org" in line


def test_unreachable_postgresql_is_one_line_and_leaves_nothing(tmp_path, inproc):
    from tests.sync.postgres import free_port

    url = f"postgresql://app@127.0.0.1:{free_port()}/none?connect_timeout=3"
    line = _one_line_failure(_init(tmp_path, "--database", url, run=inproc))
    assert line.startswith("database error: ")
    assert not (tmp_path / "keys").exists() and not (tmp_path / "data").exists()


def test_the_server_group_loads_neither_desktop_nor_qt(tmp_path):
    code = ("import sys; sys.modules['PySide6'] = None\n"
            "from donghaeng.launcher import main\n"
            f"rc = main(['server', 'status', '--data', {str(tmp_path)!r}])\n"
            "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('desktop', 'ui'))\n"
            "print(rc, bad)")
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                          text=True, timeout=60, env=server_env())
    assert proc.stdout.strip() == "1 []", proc.stdout + proc.stderr


def test_an_endless_passphrase_file_is_refused_not_read(tmp_path, inproc):
    # /dev/zero's size is 0 to stat(); reading it whole would never end
    line = _one_line_failure(_init(tmp_path, "--passphrase-file", "/dev/zero", pw=False,
                                   run=inproc))
    assert line == "the passphrase file is too large (at most 4 KiB): /dev/zero"
    assert not (tmp_path / "keys").exists() and not (tmp_path / "data").exists()
