"""The entry point: donghaeng.launcher hands desktop.cli the GUI; desktop alone is the CLI."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from desktop.cli.frontends import Frontends
from desktop.cli.main import main as cli_main

ROOT = Path(__file__).resolve().parents[3]


def test_no_subcommand_starts_the_gui_handed_in(tmp_path):
    calls = []

    def gui(home, *, lang, worker):
        calls.append((home, lang, worker))
        return 7

    code = cli_main(["--home", str(tmp_path), "--lang", "en", "--worker", "김동행"],
                    frontends=Frontends(gui=gui))
    assert code == 7 and calls == [(tmp_path, "en", "김동행")]


def test_the_launcher_hands_in_the_gui_and_its_check():
    from donghaeng import launcher

    assert launcher.frontends().gui is launcher.start_gui
    assert launcher.frontends().gui_check is launcher.check_gui


def _run(*args: str) -> subprocess.CompletedProcess:
    # PySide6 blocked: a command that reached for Qt would fail
    code = ("import runpy, sys; sys.modules['PySide6'] = None; sys.argv[0] = 'donghaeng'; "
            f"sys.argv[1:] = {list(args)!r}; runpy.run_module(sys.argv.pop(1), "
            "run_name='__main__')")
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                          text=True, timeout=120, env={"PATH": "/usr/bin:/bin",
                                                       "LANG": "C.UTF-8"})


def test_cli_commands_through_the_launcher_never_load_qt():
    proc = _run("donghaeng", "forms", "list", "--json")
    assert proc.returncode == 0, proc.stderr
    assert '"intake"' in proc.stdout


def test_python_m_desktop_is_the_cli_only():
    proc = _run("desktop", "--lang", "en")
    assert proc.returncode == 2
    assert proc.stderr.strip() == "command-line error: no command (the app starts with `donghaeng`)"


def test_server_after_the_lang_option_goes_to_the_server(tmp_path):
    # LANG=C.UTF-8 alone would answer in Korean: English proves --lang reached the server
    for lang in (["--lang", "en"], ["--lang=en"]):
        proc = _run("donghaeng", *lang, "server", "status", "--data", str(tmp_path))
        assert proc.returncode == 1, proc.stderr
        assert proc.stderr.strip() == (f"{tmp_path}: not a server data folder "
                                       "(run `donghaeng server init` first)")


def test_only_lang_may_come_before_server():
    from donghaeng.launcher import _server_argv

    assert _server_argv(["server", "run"]) == ["run"]
    assert _server_argv(["--lang", "ko", "server", "run"]) == ["--lang", "ko", "run"]
    assert _server_argv(["--home", "h", "server"]) is None  # the desktop's option: its CLI
    assert _server_argv(["--lang"]) is None and _server_argv(["forms", "server"]) is None
