"""The built program, not the source tree: dist/donghaeng/donghaeng.

Builds the bundle with packaging/build.py when it is missing or older than the sources,
then runs the frozen executable from a neutral folder with a clean environment (no venv on
PATH, no PYTHONPATH): `--version`, `--self-test` offscreen, a failing self-test that must
name its step, and the GUI under a real X server (Xvfb) with the xcb platform plugin
(screenshot taken with Pillow, saved in the test's tmp folder as xvfb-window.png).
"""
from __future__ import annotations

import os
import re
import select
import signal
import subprocess
import sys
import time
import tomllib
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BUNDLE = ROOT / "dist" / "donghaeng"
EXE = BUNDLE / "donghaeng"
HANGUL = re.compile(r"[\uac00-\ud7a3]")


@pytest.fixture(scope="module")
def exe() -> Path:
    """The bundle, rebuilt by packaging/build.py if any source is newer than it."""
    proc = subprocess.run([sys.executable, str(ROOT / "packaging" / "build.py"), "--if-stale"],
                          cwd=ROOT, capture_output=True, text=True, timeout=1500)
    assert proc.returncode == 0, f"build failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-5000:]}"
    assert EXE.is_file() and os.access(EXE, os.X_OK)
    return EXE


def _clean_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    """What a field laptop has: no venv, no source tree, a private HOME/XDG dirs."""
    venv_bin = str(ROOT / ".venv" / "bin")
    path = ":".join(p for p in os.environ.get("PATH", "/usr/bin:/bin").split(":")
                    if p and p != venv_bin)
    home = tmp_path / "user"
    home.mkdir(exist_ok=True)
    env = {"PATH": path, "HOME": str(home), "LANG": "C.UTF-8",
           "XDG_CONFIG_HOME": str(home / ".config"), "XDG_DATA_HOME": str(home / ".local/share"),
           "XDG_CACHE_HOME": str(home / ".cache"), "TMPDIR": str(tmp_path)}
    env.update(extra)
    return env


def _run(exe: Path, args: list[str], env: dict, cwd: Path, timeout: float = 300):
    return subprocess.run([str(exe), *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=timeout)


def test_version_is_the_package_version(exe, tmp_path):
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    proc = _run(exe, ["--version"], _clean_env(tmp_path), tmp_path, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == f"donghaeng {declared}"


def test_self_test_passes_offscreen(exe, tmp_path):
    home = tmp_path / "dh-home"
    home.mkdir(mode=0o700)
    env = _clean_env(tmp_path, DONGHAENG_HOME=str(home), QT_QPA_PLATFORM="offscreen")
    proc = _run(exe, ["--self-test"], env, tmp_path)
    out = proc.stdout
    assert proc.returncode == 0, f"self-test failed:\n{out}\n{proc.stderr[-3000:]}"
    steps = [line for line in out.splitlines() if line.startswith(("ok ", "FAIL "))]
    assert steps and all(line.startswith("ok ") for line in steps), out
    for name in ("vault", "forms", "intake", "consent", "attachment", "export", "verify",
                 "audit", "gui"):
        assert any(f" {name} (" in line for line in steps), f"step {name} did not run:\n{out}"
    assert "self-test passed" in out
    assert "Traceback" not in proc.stderr
    assert list(home.iterdir()) == [], "the self-test left files in the home"


def test_self_test_names_the_failed_step(exe, tmp_path):
    not_a_folder = tmp_path / "home-is-a-file"
    not_a_folder.write_text("x")
    env = _clean_env(tmp_path, DONGHAENG_HOME=str(not_a_folder), QT_QPA_PLATFORM="offscreen")
    proc = _run(exe, ["--self-test"], env, tmp_path, timeout=60)
    assert proc.returncode != 0
    assert "FAIL 1/" in proc.stdout and " home (" in proc.stdout, proc.stdout
    assert "self-test failed at step 'home'" in proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout


def _read_line(fd: int, timeout: float) -> str:
    data, deadline = b"", time.monotonic() + timeout
    while not data.endswith(b"\n") and time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], max(0.0, deadline - time.monotonic()))
        chunk = os.read(fd, 32) if ready else b""
        if not chunk:
            break
        data += chunk
    return data.decode().strip()


@contextmanager
def xvfb():
    """A private X server; Xvfb picks a free display number and reports it on a pipe."""
    read_fd, write_fd = os.pipe()
    proc = subprocess.Popen(["Xvfb", "-displayfd", str(write_fd), "-screen", "0",
                             "1280x800x24", "-nolisten", "tcp"], pass_fds=[write_fd],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write_fd)
    try:
        # Xvfb writes the number, then a newline; it dies if the pipe is closed between
        number = _read_line(read_fd, 20)
        assert number.isdigit(), f"Xvfb reported {number!r}"
        yield f":{number}"
    finally:
        os.close(read_fd)
        proc.terminate()
        proc.wait(timeout=10)


def _app_windows(display: str) -> list[tuple[str, int, int]]:
    """(title, width, height) of the top-level windows, read with xwininfo."""
    env = {"DISPLAY": display, "PATH": os.environ.get("PATH", ""), "LANG": "C.UTF-8"}
    out = subprocess.run(["xwininfo", "-root", "-tree"], env=env, capture_output=True,
                         text=True).stdout
    found = []
    for m in re.finditer(r'0x[0-9a-f]+ "([^"]*)": \([^)]*\)\s+(\d+)x(\d+)', out):
        title, w, h = m.group(1), int(m.group(2)), int(m.group(3))
        if w > 100 and h > 100 and "Qt Selection Owner" not in title:
            found.append((title, w, h))
    return found


def test_gui_shows_a_korean_window_under_xvfb(exe, tmp_path):
    """The bundle's xcb plugin and its libraries work on a real X server, the window shows
    Korean, the bundled ibus input-context plugin is loaded, and SIGTERM quits cleanly."""
    from PIL import ImageGrab

    home = tmp_path / "dh-home"
    home.mkdir(mode=0o700)
    with xvfb() as display:
        env = _clean_env(tmp_path, DISPLAY=display, QT_QPA_PLATFORM="xcb", QT_IM_MODULE="ibus")
        log_path = tmp_path / "app-stderr.txt"
        log = log_path.open("w")
        proc = subprocess.Popen([str(exe), "--home", str(home), "--lang", "ko"], cwd=tmp_path,
                                env=env, stdout=subprocess.DEVNULL, stderr=log)
        try:
            deadline = time.monotonic() + 60
            windows = []
            while time.monotonic() < deadline and proc.poll() is None and not windows:
                time.sleep(0.2)
                windows = _app_windows(display)
            assert proc.poll() is None, f"the app exited early: {log_path.read_text()[-3000:]}"
            assert windows, "no application window appeared on the X server"
            title, width, height = windows[0]
            assert HANGUL.search(title), f"window title without Korean: {title!r}"
            time.sleep(1.0)  # let it paint
            shot = ImageGrab.grab(xdisplay=display).crop((0, 0, width, height))
            shot.save(tmp_path / "xvfb-window.png")
            colours = shot.getcolors(maxcolors=1 << 16)
            assert colours is None or len(colours) > 20, "the window looks blank"
            assert proc.poll() is None, "the app did not stay up"
            # Korean typing: the ibus input-context plugin is mapped from the bundle
            maps = Path(f"/proc/{proc.pid}/maps").read_text()
            plugin = BUNDLE.resolve() / "_internal/PySide6/Qt/plugins/platforminputcontexts"
            assert f"{plugin}/libibusplatforminputcontextplugin.so" in maps, \
                "the bundled ibus input-context plugin is not loaded"
            proc.send_signal(signal.SIGTERM)
            proc.wait(timeout=20)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
            log.close()
    err = log_path.read_text(errors="replace")
    assert proc.returncode == 0, f"SIGTERM did not quit cleanly (exit {proc.returncode})"
    assert "Traceback" not in err
