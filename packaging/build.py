"""`make package`: the Linux one-folder build, checked and packed.

    .venv/bin/python packaging/build.py [--skip-archive] [--if-stale]

1. compiles the UI translations (`python -m ui.translations_build`);
2. makes (or reuses) the build venv build/bundle-venv from packaging/requirements-bundle.lock:
   the app's dependencies and PyInstaller, without pyproject's `server` and `dev` extras, so
   the server stack is not there to be bundled;
3. runs PyInstaller in it on packaging/linux/donghaeng.spec (stripped, one folder, in
   build/pyinstaller) -> dist/donghaeng/donghaeng;
4. adds the desktop entry, icons and install script beside the executable;
5. checks the bundle (packaging/bundle_check.py): data files, Qt plugins, no server stack
   (neither in the build venv nor in the bundle), every Qt library a kept binary needs;
6. writes dist/donghaeng.files (sorted paths + sizes) and
   dist/donghaeng-<version>-linux-x86_64.tar.gz (sorted, fixed mtimes/owners).

Exit 0 on success; otherwise a one-line reason per problem on stderr.
Env: SOURCE_DATE_EPOCH (archive timestamps; default: the last commit's time),
DONGHAENG_FONT_DIR (font source, see docs/operations.md), DONGHAENG_BUILD_ALLOW_MISSING=1
(development only: build even if inputs or modules are missing, warning instead).
"""
from __future__ import annotations

import argparse
import fcntl
import hashlib
import os
import platform
import shutil
import subprocess
import sys
import time
import tomllib
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import archive  # noqa: E402
import bundle_check  # noqa: E402

DIST = ROOT / "dist"
BUNDLE = DIST / "donghaeng"
WORK = ROOT / "build" / "pyinstaller"
SPEC = HERE / "linux" / "donghaeng.spec"
BUILD_VENV = ROOT / "build" / "bundle-venv"
BUNDLE_LOCK = ROOT / "packaging" / "requirements-bundle.lock"
FILE_LIST = DIST / "donghaeng.files"  # written last, after the checks: "build complete"
SOURCE_DIRS = ("donghaeng", "desktop", "ui", "forms", "crypto", "sync", "packaging")
SOURCE_SUFFIXES = {".py", ".yaml", ".ts", ".png", ".svg", ".spec", ".desktop", ".sh"}


def newest_source() -> float:
    """mtime of the newest input of the bundle (the server is not one)."""
    newest = max(p.stat().st_mtime for p in (ROOT / "pyproject.toml", BUNDLE_LOCK))
    for d in SOURCE_DIRS:
        for path in (ROOT / d).rglob("*"):
            rel = path.relative_to(ROOT).parts
            if path.suffix in SOURCE_SUFFIXES and "__pycache__" not in rel \
                    and rel[:2] != ("sync", "server"):
                newest = max(newest, path.stat().st_mtime)
    return newest


def is_stale() -> bool:
    exe = BUNDLE / "donghaeng"
    return (not exe.is_file() or not FILE_LIST.is_file()
            or FILE_LIST.stat().st_mtime < newest_source())


def project_version() -> str:
    """The version lives in pyproject.toml; the frozen app reads it from the metadata we
    bundle, so the installed metadata must not be stale."""
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    from importlib.metadata import version

    installed = version("donghaeng")
    if installed != declared:
        raise SystemExit(f"installed metadata says {installed}, pyproject.toml says {declared}: "
                         "run `make setup` (pip install -e .) first")
    return declared


def source_epoch() -> int:
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return int(os.environ["SOURCE_DATE_EPOCH"])
    out = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=ROOT,
                         capture_output=True, text=True)
    return int(out.stdout.strip()) if out.returncode == 0 and out.stdout.strip() else 0


def step(name: str):
    print(f"[build] {name}", flush=True)
    return time.monotonic()


def compile_translations() -> None:
    if not (ROOT / "ui" / "translations_build.py").is_file():
        print("[build] warning: ui/translations_build.py not there yet; no .qm compiled",
              file=sys.stderr)
        return
    subprocess.run([sys.executable, "-m", "ui.translations_build"], cwd=ROOT, check=True)


def build_venv() -> Path:
    """The Python PyInstaller runs on: a venv holding packaging/requirements-bundle.lock
    (the app's dependencies and PyInstaller, hash-pinned) and this project, and nothing of
    the `server` or `dev` extras that .venv has for the tests. Made again only when the
    lock or pyproject.toml change (their hash is kept in the venv)."""
    python = BUILD_VENV / "bin" / "python"
    stamp = BUILD_VENV / ".installed"
    key = hashlib.sha256(BUNDLE_LOCK.read_bytes()
                         + (ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if python.is_file() and stamp.is_file() and stamp.read_text() == key:
        return python
    shutil.rmtree(BUILD_VENV, ignore_errors=True)
    env = _clean_python_env()
    # sys._base_executable: the interpreter .venv was made from, not .venv's own python
    base = getattr(sys, "_base_executable", sys.executable)
    for cmd in ([base, "-m", "venv", str(BUILD_VENV)],
                [str(python), "-m", "pip", "install", "-q", "--require-hashes", "--no-deps",
                 "-r", str(BUNDLE_LOCK)],
                [str(python), "-m", "pip", "install", "-q", "--no-deps",
                 "--no-build-isolation", "-e", str(ROOT)]):
        proc = subprocess.run(cmd, cwd=ROOT, env=env)
        if proc.returncode != 0:
            raise SystemExit(f"making the build venv failed (exit {proc.returncode}): "
                             f"{' '.join(cmd[:4])} ...")
    stamp.write_text(key)
    return python


def _clean_python_env() -> dict[str, str]:
    """The environment without anything that would put .venv's packages (the server stack
    among them) on the build venv's path."""
    env = dict(os.environ, PYTHONNOUSERSITE="1")
    for name in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "PYTHONSTARTUP"):
        env.pop(name, None)
    return env


def run_pyinstaller(python: Path, epoch: int) -> None:
    env = dict(_clean_python_env(), PYTHONHASHSEED="0", SOURCE_DATE_EPOCH=str(epoch),
               # keep PyInstaller's binary cache inside build/ (make clean removes it)
               PYINSTALLER_CONFIG_DIR=str(ROOT / "build" / "pyinstaller-cache"),
               DONGHAENG_PRUNED_LOG=str(WORK / "pruned.txt"))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    (WORK / "pruned.txt").unlink(missing_ok=True)
    cmd = [str(python), "-m", "PyInstaller", str(SPEC), "--workpath", str(WORK),
           "--distpath", str(DIST), "--noconfirm", "--log-level", "WARN"]
    proc = subprocess.run(cmd, cwd=ROOT, env=env)
    if proc.returncode != 0:
        raise SystemExit(f"PyInstaller failed (exit {proc.returncode})")


def add_desktop_files() -> None:
    """The freedesktop bits live beside the executable so install.sh can place them."""
    share = BUNDLE / "share"
    apps = share / "applications"
    apps.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(HERE / "linux" / "donghaeng.desktop", apps / "donghaeng.desktop")
    icons = share / "icons" / "hicolor"
    for size in (48, 128, 256, 512):
        name = "donghaeng.png" if size == 512 else f"donghaeng-{size}.png"
        dest = icons / f"{size}x{size}" / "apps"
        dest.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(HERE / "icons" / name, dest / "donghaeng.png")
    scalable = icons / "scalable" / "apps"
    scalable.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(HERE / "icons" / "donghaeng.svg", scalable / "donghaeng.svg")
    for script in ("install.sh", "uninstall.sh"):
        shutil.copyfile(HERE / "linux" / script, BUNDLE / script)
        (BUNDLE / script).chmod(0o755)


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--skip-archive", action="store_true",
                    help="leave out the .tar.gz (the file list is always written)")
    ap.add_argument("--if-stale", action="store_true",
                    help="do nothing if dist/ is newer than every source (tests, benchmarks)")
    args = ap.parse_args(argv)
    # one build at a time (the smoke test and a benchmark may both ask for one)
    (ROOT / "build").mkdir(exist_ok=True)
    lock = (ROOT / "build" / ".build.lock").open("w")
    fcntl.flock(lock, fcntl.LOCK_EX)
    if args.if_stale and not is_stale():
        print("[build] dist/donghaeng is up to date")
        return 0
    if platform.system() != "Linux" or platform.machine() != "x86_64":
        raise SystemExit("this script builds the Linux x86_64 bundle; see packaging/windows "
                         "and packaging/macos for the other specs")
    started = time.monotonic()
    previous = FILE_LIST.read_text() if FILE_LIST.is_file() else None
    FILE_LIST.unlink(missing_ok=True)  # until the new bundle passes its checks
    ver = project_version()
    epoch = source_epoch()
    step("translations")
    compile_translations()
    step(f"build venv {BUILD_VENV.relative_to(ROOT)} from {BUNDLE_LOCK.relative_to(ROOT)}")
    python = build_venv()
    step(f"PyInstaller {SPEC.relative_to(ROOT)} (version {ver})")
    run_pyinstaller(python, epoch)
    add_desktop_files()
    step("checking the bundle")
    problems, warnings = bundle_check.check(BUNDLE, WORK, ROOT, python)
    for line in warnings:
        print(f"[build] warning: {line}", file=sys.stderr)
    if problems:
        allow = os.environ.get("DONGHAENG_BUILD_ALLOW_MISSING")
        for line in problems:
            print(f"[build] {'warning' if allow else 'problem'}: {line}", file=sys.stderr)
        if not allow:
            return 1
    step("file list and archive")
    archive.write_file_list(BUNDLE, FILE_LIST)
    if previous is not None:
        changed = set(previous.splitlines()) ^ set(FILE_LIST.read_text().splitlines())
        same = "same as the previous build"
        print(f"[build] file list: {same if not changed else f'{len(changed)} lines differ'}")
    if not args.skip_archive:
        tarball = DIST / f"donghaeng-{ver}-linux-x86_64.tar.gz"
        archive.write_tarball(BUNDLE, tarball, "donghaeng", epoch)
        print(f"[build] {tarball.relative_to(ROOT)}")
    size_mb = bundle_check.bundle_size(BUNDLE) / 1e6
    print(f"[build] dist/donghaeng: {size_mb:.1f} MB unpacked, "
          f"{time.monotonic() - started:.0f} s", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
