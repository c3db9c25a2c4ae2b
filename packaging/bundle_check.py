"""Checks of a finished Linux bundle: what a broken build would silently lose.

A missing hidden import, a data file left out or a Qt plugin dropped (no Korean typing)
would only show in the field; each of those is a named problem here instead.
"""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

import bundle_contents as contents

FORM_IDS = ("intake", "consent", "incident", "support_plan", "companion_session", "evidence",
            "referral", "outreach_contact", "prevention_class", "case_closure")
# Modules the self-test and the GUI need; PyInstaller would only warn if they were missing.
REQUIRED_MODULES = (
    "donghaeng.launcher", "desktop.cli.main", "desktop.selftest", "desktop.version", "desktop.vault",
    "desktop.export", "desktop.verify", "forms", "crypto", "ui.app", "ui.selftest",
    "sqlcipher3.dbapi2", "argon2", "reportlab.pdfbase.ttfonts", "pyhanko.sign",
    "PySide6.QtWidgets",
)
FORBIDDEN_TOP = {"tkinter", "_tkinter", "pytest", "_pytest", "pytestqt", "hypothesis",
                 # issue 16: pdqhash is the tests' reference PDQ only; PyAV and vpdq carry or
                 # link a GPL FFmpeg, which may not ship (video hashing is an add-on)
                 "pdqhash", "av", "vpdq"}
# No video decoder inside the bundle (docs/architecture.md, "Video hashing"): FFmpeg's
# libraries, GPL encoders they may link, and the ffmpeg/ffprobe programs.
VIDEO_DECODERS = re.compile(r"^(lib(avcodec|avformat|avfilter|avdevice|swscale|swresample|"
                            r"postproc|x264|x265|vpdq)[.-]|ffmpeg$|ffprobe$)")
FORBIDDEN_LIBS = re.compile(r"^lib(gtk-3|gdk-3|cairo|pango|atk|Qt6(Quick|Qml|Pdf|Wayland|"
                            r"VirtualKeyboard|Designer|Test|Sql))")
QT_LIB = re.compile(r"^lib(Qt6|pyside6|shiboken6)")


def bundle_size(bundle: Path) -> int:
    return sum(p.lstat().st_size for p in bundle.rglob("*") if p.is_file() or p.is_symlink())


def _internal(bundle: Path) -> Path:
    return bundle / "_internal"


def check_data(bundle: Path, root: Path) -> list[str]:
    base = _internal(bundle)
    problems = []
    for name in (*contents.FONT_FILES, "NanumGothic-LICENSE.txt"):
        if not (base / "fonts" / name).is_file():
            problems.append(f"fonts/{name} missing (the PDF export needs it)")
    shipped = {p.name for p in (base / "forms" / "definitions").glob("*.yaml")}
    source = {p.name for p in (root / "forms" / "definitions").glob("*.yaml")}
    if source - shipped:
        problems.append(f"form definitions missing: {sorted(source - shipped)}")
    for form in FORM_IDS:
        if not any(n.startswith(f"{form}.v") for n in shipped):
            problems.append(f"no definition of form {form!r} in the bundle")
    qm = {p.stem for p in (base / "ui" / "translations").glob("*.qm")}
    ts = {p.stem for p in (root / "ui" / "translations").glob("*.ts")}
    if not ts:
        problems.append("ui/translations/*.ts not found: no translations to ship")
    if ts - qm:
        problems.append(f"compiled translations missing: {sorted(ts - qm)}")
    for icon in ("donghaeng.png", "donghaeng.svg"):
        if not (base / "icons" / icon).is_file():
            problems.append(f"icons/{icon} missing")
    metadata = list(base.glob("donghaeng-*.dist-info/METADATA"))
    if not metadata:
        problems.append("package metadata missing: --version would fall back")
    elif not any(line.startswith("Version: ") for line in
                 metadata[0].read_text(encoding="utf-8", errors="replace").splitlines()):
        problems.append("package metadata has no version: --version would say None")
    return problems


def check_qt(bundle: Path) -> list[str]:
    plugins = _internal(bundle) / "PySide6" / "Qt" / "plugins"
    problems = []
    for rel in ("platforms/libqxcb.so", "platforms/libqoffscreen.so",
                "platforminputcontexts/libibusplatforminputcontextplugin.so",
                "platforminputcontexts/libcomposeplatforminputcontextplugin.so",
                "imageformats/libqjpeg.so"):
        if not (plugins / rel).is_file():
            problems.append(f"Qt plugin {rel} missing")
    if (plugins / "platformthemes").exists():
        problems.append("Qt platform themes shipped (GTK3 drags cairo/pango)")
    for qm in (_internal(bundle) / "PySide6" / "Qt" / "translations").glob("*.qm"):
        if not re.search(r"_(ko|en)\.qm$", qm.name):
            problems.append(f"unused Qt translation shipped: {qm.name}")
    return problems


def _elf_files(bundle: Path) -> list[Path]:
    out = []
    for p in bundle.rglob("*"):
        if p.is_file() and not p.is_symlink():
            with p.open("rb") as fh:
                if fh.read(4) == b"\x7fELF":
                    out.append(p)
    return out


def check_libraries(bundle: Path) -> list[str]:
    """Every Qt/PySide library a shipped binary links to is shipped too (the spec prunes
    libraries; this proves the pruning left a closed set), and the heavy ones we meant to
    leave out are out."""
    present = {p.name for p in bundle.rglob("*") if p.exists()}  # exists(): no dangling links
    problems = [f"{p.relative_to(bundle)} is a dangling link" for p in bundle.rglob("*")
                if p.is_symlink() and not p.exists()]
    for path in _elf_files(bundle):
        if FORBIDDEN_LIBS.match(path.name):
            problems.append(f"{path.relative_to(bundle)} shipped but should be left out")
        out = subprocess.run(["readelf", "-d", "-W", str(path)], capture_output=True,
                             text=True).stdout
        for needed in re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", out):
            if QT_LIB.match(needed) and needed not in present:
                problems.append(f"{path.relative_to(bundle)} needs {needed}, not shipped")
    return problems


def check_no_video_decoder(bundle: Path) -> list[str]:
    return [f"video decoder {p.relative_to(bundle)} shipped: video hashing is an add-on "
            "outside the bundle" for p in bundle.rglob("*") if VIDEO_DECODERS.match(p.name)]


def shipped_modules(workpath: Path) -> set[str]:
    """Module names in the app's PYZ, read from PyInstaller's own table of contents."""
    import ast

    toc = next(iter(sorted(workpath.glob("donghaeng/PYZ-*.toc"))), None)
    if toc is None:
        return set()
    data = ast.literal_eval(toc.read_text())
    entries = data[-1] if isinstance(data, tuple) else data
    return {e[0] for e in entries}


def check_build_venv(python: Path, root: Path) -> list[str]:
    """The venv PyInstaller ran in holds none of the `server` extra: the bundle cannot
    contain what the build could not see."""
    names = contents.server_extra(root)
    probe = ("import importlib.metadata as m, sys\n"
             "have = {d.metadata['Name'].lower().replace('-', '_') for d in m.distributions()}\n"
             "print('\\n'.join(sorted(have & set(sys.argv[1:]))))")
    out = subprocess.run([str(python), "-c", probe, *names], capture_output=True, text=True)
    if out.returncode != 0:
        return [f"cannot list the build venv's packages: {out.stderr.strip()[-200:]}"]
    return [f"server package {n} is installed in the build venv {python.parent.parent}"
            for n in out.stdout.split()]


def check_modules(bundle: Path, workpath: Path, root: Path) -> tuple[list[str], list[str]]:
    modules = shipped_modules(workpath)
    # compiled modules (PySide6.QtWidgets, ...) are files beside the archive, not in it
    for ext in _internal(bundle).rglob("*.so"):
        rel = ext.relative_to(_internal(bundle)).with_suffix("")
        modules.add(".".join(rel.parts).split(".abi3")[0].split(".cpython-")[0])
    problems = [f"module {m} not in the bundle" for m in REQUIRED_MODULES if m not in modules]
    server = set(contents.server_extra(root))
    leaked = sorted({m.split(".")[0] for m in modules} & FORBIDDEN_TOP)
    problems += [f"left-out package {m} is in the bundle" for m in leaked]
    problems += [f"server package {m} is in the bundle"
                 for m in sorted({m.split(".")[0] for m in modules} & server)]
    problems += [f"sync.server is in the bundle: {m}" for m in sorted(modules)
                 if m.startswith("sync.server")]
    return problems, _server_imports(workpath, root)


def _server_imports(workpath: Path, root: Path) -> list[str]:
    """Our shipped modules importing the server stack. A top-level import is a bug (the app
    would fail to start that module); a delayed one (e.g. inside the `server` command of
    the CLI) is reported so the command can print a clean "not in this build" message."""
    warn = next(iter(workpath.glob("donghaeng/warn-donghaeng.txt")), None)
    if warn is None:
        return []
    notes = []
    server = tuple(contents.server_extra(root) + contents.OUR_SERVER)
    for line in warn.read_text().splitlines():
        m = re.match(r"(?:excluded|missing) module named '?([\w.]+)'? - imported by (.*)",
                     line)
        if not m or not m.group(1).startswith(server):
            continue
        for user in m.group(2).split(", "):
            if user.startswith(("desktop", "ui", "forms", "crypto", "sync.client",
                                "sync.protocol")):
                notes.append(f"{user} imports {m.group(1)}")
    return notes


def check(bundle: Path, workpath: Path, root: Path,
          build_python: Path) -> tuple[list[str], list[str]]:
    """(problems, warnings) for the bundle at `bundle` built in `workpath` by PyInstaller
    running on `build_python`."""
    if not (bundle / "donghaeng").is_file():
        return [f"{bundle}/donghaeng was not built"], []
    problems = (check_build_venv(build_python, root) + check_data(bundle, root)
                + check_qt(bundle) + check_libraries(bundle) + check_no_video_decoder(bundle))
    module_problems, imports = check_modules(bundle, workpath, root)
    problems += module_problems
    warnings = []
    for note in imports:
        (warnings if "(delayed" in note or "(conditional" in note else problems).append(
            f"server stack imported from the desktop path: {note}")
    return problems, warnings
