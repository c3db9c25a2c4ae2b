"""What goes into a Donghaeng build and what stays out, shared by the per-OS specs.

Kept here rather than in each .spec so the Linux, Windows and macOS builds agree, and so
build.py can check a finished bundle against the same lists.
"""
from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

# The central server ships separately; none of its stack may reach a field laptop. Its
# third-party stack is pyproject's `server` extra, which the build venv does not install
# (packaging/requirements-bundle.lock, build.py): what is not installed cannot be bundled,
# so no list here has to keep up with it. Our own server code is in the source tree the
# build reads, so it is left out by name (nothing on the desktop path imports it).
OUR_SERVER = ["sync.server"]
# Qt modules nothing in ui/ uses; each would drag tens of MB of libraries and plugins.
UNUSED_QT = ["PySide6." + m for m in (
    "QtQml", "QtQuick", "QtQuickWidgets", "QtQuickControls2", "QtQuickTest", "QtQmlFeatures",
    "QtDesigner", "QtHelp", "QtUiTools", "QtTest", "QtSql", "QtXml", "QtOpenGL",
    "QtOpenGLWidgets", "QtConcurrent", "QtLabsStyleKit", "QtPdf", "QtPdfWidgets")]
# QtNetwork is kept for QNetworkInformation alone (is the network metered? ui/network_watch
# .py): its library and the networkinformation plugins, not its TLS backends (sync talks
# through httpx, not Qt)
EXCLUDED_MODULES = OUR_SERVER + UNUSED_QT + [
    "tkinter", "_tkinter", "pytest", "_pytest", "pytestqt", "hypothesis", "IPython",
    "setuptools", "pkg_resources", "pip", "PyInstaller", "distutils",
    # optional extras of libraries we use that would otherwise ride along:
    "pygments", "rich", "httpx._main",          # httpx's command line, reportlab's xpre
    "lxml.objectify", "lxml.isoschematron",     # pyHanko needs lxml.etree only
    "PIL.AvifImagePlugin", "PIL._avif",         # 5 MB of libavif; Qt cannot show AVIF either
    "PIL.ImageTk", "PIL._imagingtk", "reportlab.graphics.testshapes",
    "pydoc_data", "readline",
    # nothing uses process pools; leaving them out also drops PyInstaller's multiprocessing
    # start-up hook (~40 ms on every start)
    "multiprocessing", "concurrent.futures.process",
]

# Library folders copied without stripping (filter_analysis says why).
UNSTRIPPED_DIRS = ("numpy.libs/",)
# Our modules that only make sense in a source checkout (build tools), not in the app.
NOT_SHIPPED = {"ui.translations_build", "ui.screenshots", "desktop.__main__",
               "donghaeng.__main__"}
# Third-party modules our code imports lazily (inside functions, sometimes by name): listed
# so a refactor that hides an import from PyInstaller's scan cannot silently drop them.
LAZY_THIRD_PARTY = [
    "sqlcipher3", "sqlcipher3.dbapi2", "argon2", "argon2.low_level", "_argon2_cffi_bindings",
    "cryptography.hazmat.primitives.ciphers.aead", "cryptography.x509",
    "reportlab.pdfgen.canvas", "reportlab.pdfbase.ttfonts", "reportlab.platypus",
    "reportlab.lib.styles", "reportlab.lib.utils",
    "pyhanko.sign", "pyhanko.sign.signers", "pyhanko.sign.fields", "pyhanko.sign.validation",
    "pyhanko.stamp", "pyhanko.pdf_utils.reader", "pyhanko.pdf_utils.incremental_writer",
    "pyhanko.pdf_utils.embed", "pyhanko_certvalidator",
    "PIL.Image", "PIL.ImageOps", "PIL.JpegImagePlugin", "PIL.PngImagePlugin",
    "yaml", "httpx", "openpyxl",
    "PySide6.QtCore", "PySide6.QtGui", "PySide6.QtWidgets", "PySide6.QtDBus",
    "PySide6.QtNetwork",
]

# Qt plugins a desktop intake tool loads; every other plugin (and the Qt libraries only those
# needed) is dropped. `None` keeps the whole folder.
KEEP_QT_PLUGINS: dict[str, dict[str, set[str] | None]] = {
    "linux": {
        "platforms": {"libqxcb.so", "libqoffscreen.so"},
        # ibus (also what fcitx5 speaks through its ibus frontend) and compose: Korean typing
        "platforminputcontexts": {"libibusplatforminputcontextplugin.so",
                                  "libcomposeplatforminputcontextplugin.so"},
        "xcbglintegrations": None,
        "imageformats": {"libqjpeg.so", "libqgif.so", "libqico.so", "libqsvg.so",
                         "libqtiff.so", "libqwebp.so"},
        "iconengines": {"libqsvgicon.so"},
        # metered or not (NetworkManager; GLib's monitor where it is not there)
        "networkinformation": {"libqnetworkmanager.so", "libqglib.so"},
        # not kept: platformthemes (GTK3 drags cairo/pango/gtk), wayland (xcb via XWayland),
        # eglfs/linuxfb/vnc, tls, printsupport, sqldrivers, qml, ...
    },
    "windows": {
        "platforms": {"qwindows.dll", "qoffscreen.dll"},
        "styles": {"qmodernwindowsstyle.dll"},
        "imageformats": {"qjpeg.dll", "qgif.dll", "qico.dll", "qsvg.dll", "qtiff.dll",
                         "qwebp.dll"},
        "iconengines": {"qsvgicon.dll"},
        "networkinformation": {"qnetworklistmanager.dll"},
    },
    "macos": {
        "platforms": {"libqcocoa.dylib", "libqoffscreen.dylib"},
        "styles": {"libqmacstyle.dylib"},
        "imageformats": {"libqjpeg.dylib", "libqgif.dylib", "libqico.dylib", "libqsvg.dylib",
                         "libqtiff.dylib", "libqwebp.dylib"},
        "iconengines": {"libqsvgicon.dylib"},
        "networkinformation": {"libqscnetworkreachability.dylib"},
    },
}
QT_LANGS = ("ko", "en")
# Regular + Bold for text; Coding (monospaced) for the hash columns of the evidence
# manifest — without it the export falls back to the regular face and frozen PDFs would
# differ from those made from source.
FONT_FILES = ("NanumGothic.ttf", "NanumGothicBold.ttf", "NanumGothicCoding.ttf")
# Debian fonts-nanum 20200506-1; other OSes should ship the very same files (README.md of
# packaging/windows and packaging/macos say where to get them). A mismatch is reported.
FONT_SHA256 = {
    "NanumGothic.ttf": "48a28e97b34fc8e5b157657633670cd1b7de126cfc414da65ce9c3d5bc8be733",
    "NanumGothicBold.ttf": "454eb3f503f377782a99eb84fc4bb7dde22a0f075d41b47427737f2985053bc9",
    "NanumGothicCoding.ttf": "787effd7efed2abca88ade231faa8191f4e9fcf85b1805a13ee1dc3724b72089",
}
FONT_DIR = Path("/usr/share/fonts/truetype/nanum")
FONT_LICENCE = Path("/usr/share/doc/fonts-nanum/copyright")
SHIPPED_PACKAGES = ("donghaeng", "desktop", "ui", "forms", "crypto", "sync/client",
                    "sync/protocol")
BUNDLE_LOCK = "packaging/requirements-bundle.lock"


def server_extra(root: Path) -> list[str]:
    """Import names of the `server` extra's distributions ("SQLAlchemy" -> "sqlalchemy",
    "psycopg[binary]" -> "psycopg"): what the checks look for in the build venv and the
    bundle. Read from pyproject.toml, the one place that lists them."""
    import tomllib

    extra = tomllib.loads((root / "pyproject.toml").read_text())["project"][
        "optional-dependencies"]["server"]
    return [re.split(r"[\[=<>!~; ]", req, maxsplit=1)[0].lower().replace("-", "_")
            for req in extra]


def project_version(root: Path) -> str:
    """The one declared version (pyproject.toml); the frozen app reads the same value from
    the package metadata bundled with it."""
    import tomllib

    return tomllib.loads((root / "pyproject.toml").read_text())["project"]["version"]


def version_tuple(version: str) -> tuple[int, int, int, int]:
    """"0.1.0" -> (0, 1, 0, 0) for Windows version resources (numbers only)."""
    nums = [int(re.match(r"\d*", part).group() or 0) for part in version.split(".")[:4]]
    return tuple(nums + [0] * (4 - len(nums)))  # type: ignore[return-value]


def our_modules(root: Path) -> list[str]:
    """Every module of ours the app may import, found on disk (nothing imported to find
    them): the UI and the export are imported lazily, so PyInstaller's scan from the
    launcher would miss part of them."""
    names: set[str] = set()
    for pkg in SHIPPED_PACKAGES:
        base = root / pkg
        paths = sorted(base.rglob("*.py")) if base.is_dir() else []
        single = base.with_suffix(".py")
        if single.is_file():
            paths.append(single)
        for path in paths:
            parts = list(path.relative_to(root).with_suffix("").parts)
            if "__pycache__" in parts:
                continue
            if parts[-1] == "__init__":
                parts.pop()
            names.add(".".join(parts))
    if (root / "sync" / "__init__.py").is_file():
        names.add("sync")
    return sorted(n for n in names if n not in NOT_SHIPPED)


def hidden_imports(root: Path) -> list[str]:
    return our_modules(root) + LAZY_THIRD_PARTY


def font_dir() -> Path:
    """NanumGothic comes from Debian's fonts-nanum on Linux; other build machines point
    DONGHAENG_FONT_DIR at a folder holding the same TTFs and the licence (see the docs)."""
    return Path(os.environ.get("DONGHAENG_FONT_DIR", FONT_DIR))


def data_files(root: Path, platform: str) -> list[tuple[str, str]]:
    """(source, destination folder) pairs for Analysis(datas=...). Missing required inputs
    stop the build with a message naming them; build.py checks the result again."""
    missing: list[str] = []
    datas: list[tuple[str, str]] = []

    def add(pattern: str, dest: str, required: bool = True) -> None:
        found = sorted(root.glob(pattern))
        if required and not found:
            missing.append(pattern)
        datas.extend((str(p), dest) for p in found)

    add("forms/definitions/*.yaml", "forms/definitions")
    add("ui/translations/*.qm", "ui/translations")
    add("ui/icons/*", "ui/icons", required=False)
    add("packaging/icons/donghaeng.png", "icons")
    add("packaging/icons/donghaeng.svg", "icons")

    fonts = font_dir()
    for name in FONT_FILES:
        if (fonts / name).is_file():
            datas.append((str(fonts / name), "fonts"))
            digest = hashlib.sha256((fonts / name).read_bytes()).hexdigest()
            if digest != FONT_SHA256[name]:
                print(f"bundle: warning: {name} is not the fonts-nanum 20200506 file "
                      f"(sha256 {digest}); PDFs will differ from other builds", file=sys.stderr)
        else:
            missing.append(str(fonts / name))
    licence = fonts / "OFL.txt" if "DONGHAENG_FONT_DIR" in os.environ else FONT_LICENCE
    if licence.is_file():
        # staged under a telling name: "copyright" alone says nothing inside the bundle
        staged = root / "build" / "staging" / "fonts" / "NanumGothic-LICENSE.txt"
        staged.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(licence, staged)
        datas.append((str(staged), "fonts"))
    else:
        missing.append(str(licence))

    datas.append(_staged_metadata(root))

    if missing and not os.environ.get("DONGHAENG_BUILD_ALLOW_MISSING"):
        raise SystemExit("build inputs missing (run `make setup` first):\n  "
                         + "\n  ".join(missing))
    return datas


def _staged_metadata(root: Path) -> tuple[str, str]:
    """Only METADATA of our dist-info: enough for importlib.metadata.version("donghaeng")
    in the frozen app, without RECORD/direct_url.json (they name the build machine's
    paths and would make the file list differ between checkouts)."""
    from importlib.metadata import distributions

    # The installed dist-info, not a `donghaeng.egg-info` a setuptools run may leave in the
    # source tree: PyInstaller runs with the tree first on sys.path, and an egg-info has no
    # METADATA (the bundle then said "donghaeng None").
    found = [(d.version, d.read_text("METADATA")) for d in distributions(name="donghaeng")]
    found = [(v, text) for v, text in found if text]
    if not found:
        raise SystemExit("no installed donghaeng metadata (run `make setup` first)")
    version, text = found[0]
    folder = f"donghaeng-{version}.dist-info"
    staged = root / "build" / "staging" / folder / "METADATA"
    staged.parent.mkdir(parents=True, exist_ok=True)
    staged.write_text(text, encoding="utf-8")
    return str(staged), folder


def _plugin_kept(dest: str, platform: str) -> bool | None:
    """True/False for a Qt plugin path, None if `dest` is not a Qt plugin."""
    parts = Path(dest).parts
    if "plugins" not in parts or "PySide6" not in parts:
        return None
    i = parts.index("plugins")
    if len(parts) < i + 3:
        return None
    folder, name = parts[i + 1], parts[-1]
    keep = KEEP_QT_PLUGINS[platform]
    if folder not in keep:
        return False
    return keep[folder] is None or name in keep[folder]


def _translation_kept(dest: str) -> bool | None:
    parts = Path(dest).parts
    if "translations" not in parts or "PySide6" not in parts:
        return None
    m = re.match(r"(qt|qtbase)_([a-zA-Z_]+)\.qm$", parts[-1])
    return bool(m and m.group(2) in QT_LANGS)


def _needed(path: str) -> list[str]:
    out = subprocess.run(["readelf", "-d", "-W", path], capture_output=True, text=True)
    return re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", out.stdout)


def _prune_unneeded_libs(toc: list, log: list[str]) -> list:
    """Drop bundled shared libraries nothing kept links to (e.g. libQt6Quick pulled in only
    by the virtual-keyboard plugin, GTK's stack only by the GTK3 theme). Roots: Python
    extensions, Qt plugins, libpython. ELF only: the Windows/macOS specs skip this."""
    if shutil.which("readelf") is None:
        raise SystemExit("readelf (binutils) is needed to trim the bundle")
    libs = {Path(d).name: (d, s, t) for d, s, t in toc if t == "BINARY"}
    roots = [s for d, s, t in toc
             if t == "EXTENSION" or "/plugins/" in d or Path(d).name.startswith("libpython")]
    seen: set[str] = set()
    todo = list(roots)
    while todo:
        for name in _needed(todo.pop()):
            if name in libs and name not in seen:
                seen.add(name)
                todo.append(libs[name][1])
    kept = []
    for entry in toc:
        d, _s, t = entry
        name = Path(d).name
        if t == "BINARY" and "/plugins/" not in d and name in libs and name not in seen \
                and not name.startswith("libpython"):
            log.append(d)
            continue
        kept.append(entry)
    return kept


def filter_analysis(binaries, datas, platform: str):
    """Apply the plugin, translation and library choices to an Analysis' binaries and
    datas TOCs; returns the new (binaries, datas)."""
    log: list[str] = []

    def chosen(toc):
        kept = []
        for entry in toc:
            verdict = _plugin_kept(entry[0], platform)
            if verdict is None:
                verdict = _translation_kept(entry[0])
            if verdict is False:
                log.append(entry[0])
            else:
                kept.append(entry)
        return kept

    binaries, datas = chosen(binaries), chosen(datas)
    if platform == "linux":
        binaries = _prune_unneeded_libs(binaries, log)
    # numpy's vendored OpenBLAS/gfortran (auditwheel-patched ELF files) stop loading once
    # stripped ("ImportError" at `import numpy` in the frozen app, seen with numpy 2.4):
    # carried as data, they are copied as they are (+~2 MB)
    unstripped = [(d, s, "DATA") for d, s, t in binaries
                  if t == "BINARY" and d.startswith(UNSTRIPPED_DIRS)]
    binaries = [e for e in binaries if not (e[2] == "BINARY" and e[0].startswith(UNSTRIPPED_DIRS))]
    datas = datas + unstripped
    # PyInstaller links libraries kept in subfolders into the top folder too (these links
    # sit in the datas TOC); a link to a library left out would dangle
    targets = {d for d, _s, t in binaries + datas if t != "SYMLINK"}

    def linked(toc):
        dangling = [e for e in toc if e[2] == "SYMLINK" and e[1] not in targets]
        log.extend(e[0] for e in dangling)
        return [e for e in toc if e not in dangling]

    binaries, datas = linked(binaries), linked(datas)
    report = Path(os.environ.get("DONGHAENG_PRUNED_LOG", "build/pruned.txt"))
    report.parent.mkdir(parents=True, exist_ok=True)
    report.write_text("".join(line + "\n" for line in sorted(log)))
    print(f"bundle: left out {len(log)} Qt plugins, translations, libraries and links "
          f"(listed in {report})", file=sys.stderr)
    return binaries, datas
