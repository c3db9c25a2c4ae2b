"""Export under stress: killed at random instants (50 times), and a 100 MB photo."""
from __future__ import annotations

import io
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from crypto.kdf import CHEAP
from tests.e2e.test_export_vault import CASE, PASS, build_case

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def registry():
    from forms import load_registry

    return load_registry()


def _small_case(home: Path) -> None:
    """A case small enough to export in a fraction of a second: intake, signed consent,
    one evidence record with a text file."""
    from desktop.vault import Vault
    from forms import load_registry
    from forms.examples import example

    registry = load_registry()
    v = Vault.create(home, "김활동", PASS, kdf=CHEAP)
    try:
        v.ensure_case(CASE)
        for form_id in ("intake", "consent", "evidence"):
            form = registry.latest(form_id)
            ref = v.put_record(form.id, form.version, example(form_id), case_code=CASE)
            field = {"consent": "signature", "evidence": "attachment"}.get(form_id)
            if field:
                v.import_attachment(ref.id, io.BytesIO(b"evidence bytes " * 50), "f.txt",
                                    field=field)
    finally:
        v.lock()


def test_kill_during_export_never_leaves_a_partial_file(tmp_path, registry):
    """A child exports the case again and again into the same file and is SIGKILLed at a
    random instant; afterwards the file is absent or a complete, valid signed export.
    Children are forked from this already-warm process so each round costs little."""
    from desktop.export import export_case
    from desktop.vault import Vault
    from desktop.verify import verify_pdf

    home = tmp_path / "home"
    _small_case(home)
    out = tmp_path / "out"
    out.mkdir()
    target = out / "export.pdf"
    warm = Vault.open(home, "김활동", PASS)   # exports here: children start warm
    try:
        export_case(warm, registry, CASE, "court", tmp_path / "warm.pdf")
    finally:
        warm.lock()

    def fork_exporter(path: Path, times: int | None) -> int:
        """A child that unlocks and exports to `path` `times` times (None: until killed),
        then exits 0."""
        pid = os.fork()
        if pid == 0:
            code = 1
            try:
                vault = Vault.open(home, "김활동", PASS)
                done = 0
                while times is None or done < times:
                    export_case(vault, registry, CASE, "court", path)
                    done += 1
                vault.lock()
                code = 0
            finally:
                os._exit(code)
        return pid

    # How long a child takes from fork to its first complete export (unlock included, and
    # whatever a fresh process pays that this warm one does not): the kills are spread
    # over 1.6 times that, so some land before and some after a complete write.
    started = time.monotonic()
    assert os.waitpid(fork_exporter(tmp_path / "calibrate.pdf", 1), 0)[1] == 0
    one_export = time.monotonic() - started
    rng = random.Random(5)
    seen_complete = seen_absent = 0
    for round_no in range(50):
        if round_no % 2 == 0:
            # Even rounds start without a target (absent or complete afterwards); odd rounds
            # keep the previous round's file (old or complete afterwards).
            target.unlink(missing_ok=True)
        pid = fork_exporter(target, None)
        time.sleep(rng.uniform(0.0, 1.6 * one_export))  # before, during, after a write
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        if target.exists():
            report = verify_pdf(target)
            assert report.ok, report.render("en")
            seen_complete += 1
        else:
            seen_absent += 1
        for p in out.iterdir():      # nothing else: no partial or left-over copy
            assert p == target or p.name.endswith(".part"), p
    # Kills landed both before the first write of a round and after one.
    assert seen_complete > 0 and seen_absent > 0, (seen_complete, seen_absent)
    vault = Vault.open(home, "김활동", PASS)
    try:
        assert vault.verify_audit() == []   # killed writers never broke the audit chain
        export_case(vault, registry, CASE, "court", target)
    finally:
        vault.lock()
    assert [p.name for p in out.iterdir()] == ["export.pdf"]


def _huge_jpeg() -> bytes:
    """~100 MB: 25 MP of noise at quality 100 (noise does not compress)."""
    from PIL import Image

    w, h = 5800, 4400
    img = Image.frombytes("RGB", (w, h), os.urandom(w * h * 3))
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=100, subsampling=0)
    return buf.getvalue()


def test_100mb_photo_exports_downscaled_within_memory(tmp_path, registry):
    from desktop.vault import Vault
    from desktop.verify import verify_pdf

    home = tmp_path / "home"
    v = Vault.create(home, "김활동", PASS, kdf=CHEAP)
    try:
        ev = build_case(v, registry)
        photo = _huge_jpeg()
        assert len(photo) > 90_000_000
        v.import_attachment(ev.id, io.BytesIO(photo), "huge-photo.jpg", field="attachment")
        del photo
    finally:
        v.lock()
    target = tmp_path / "big.pdf"
    script = (
        "import sys\n"
        "from desktop.vault import Vault\n"
        "from desktop.export import export_case\n"
        "from forms import load_registry\n"
        f"v = Vault.open({str(home)!r}, '김활동', {PASS!r})\n"
        f"r = export_case(v, load_registry(), {CASE!r}, 'court', {str(target)!r})\n"
        # VmHWM, not ru_maxrss: the latter can carry the parent's peak across fork+exec
        "hwm = [ln for ln in open('/proc/self/status') if ln.startswith('VmHWM')][0]\n"
        "print(int(hwm.split()[1]) // 1024)\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith("DONGHAENG_")}
    proc = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    peak_mb = int(proc.stdout.strip().splitlines()[-1])
    assert peak_mb < 400, f"peak RSS {peak_mb} MB"
    report = verify_pdf(target)
    assert report.ok
    assert any(f.name == "huge-photo.jpg" and f.ok for f in report.files)
    listing = subprocess.run(["pdfimages", "-list", str(target)], capture_output=True,
                             text=True).stdout.splitlines()[2:]
    widths = [int(line.split()[3]) for line in listing]
    assert widths and max(widths) <= 2400      # shown downscaled; the original is embedded
