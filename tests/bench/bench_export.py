"""Export benchmarks (issue 5): a ~50-page court case with 20 photos of ~2 MB and 5 other
files, exported and signed through the same API the CLI uses (`export_case` with the
vault's own signer), then verified with `verify_pdf`.

- export.case50_s: median wall time of a signed export (warm process: the desktop app
  exports from a running process; the first, cold export is a warm-up, not counted).
- export.sign_overhead_s: median of paired differences signed minus unsigned, the
  unsigned run being the same `export_case` with a signer that returns the document
  unsigned (so it skips exactly the signer's work).
- export.verify_s: median `verify_pdf` of the signed file.
- export.peak_rss_mb: VmHWM of a fresh interpreter doing one signed export.

The bench fails loudly (an exception, so run.py reports it) if an export does not give
what it should: the page count, the embedded files, a valid signature over the whole file.
"""
from __future__ import annotations

import gc
import io
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_common import median, metric

RUNS = 7
HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent


class BenchFailure(RuntimeError):
    pass


def _check(cond: bool, what: str) -> None:
    if not cond:
        raise BenchFailure(what)


class UnsignedSigner:
    """A `Signer` that leaves the document unsigned: the export does everything else
    (cover with the same certificate fingerprint, stamp, audit, atomic write)."""

    def __init__(self, certificate):
        self.certificate = certificate
        self.last_level = "none"

    def sign(self, pdf, *, appearance=None, signing_time=None) -> bytes:
        return pdf.getvalue() if isinstance(pdf, io.BytesIO) else bytes(pdf)


def _pdf_pages(path: Path) -> int:
    """Page count read back from the file by pyHanko (not reportlab's own count)."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    with open(path, "rb") as f:
        return int(PdfFileReader(f, strict=False).root["/Pages"]["/Count"])


def _check_output(result, n_files: int, evidence_bytes: int) -> None:
    from export_bench_case import PAGES_RANGE

    lo, hi = PAGES_RANGE
    _check(result.path.is_file(), f"no output file at {result.path}")
    _check(lo <= result.pages <= hi, f"{result.pages} pages, not about 50 ({lo}..{hi})")
    pages = _pdf_pages(result.path)
    _check(pages == result.pages, f"the file has {pages} pages, the export said "
                                  f"{result.pages}")
    size = result.path.stat().st_size
    # Every original is embedded (and the photos are also drawn): the file must be larger.
    _check(size > evidence_bytes, f"output of {size} bytes cannot hold {evidence_bytes} "
                                  f"bytes of embedded evidence ({n_files} files)")


def _check_verified(report, n_files: int) -> None:
    _check(report.ok, f"verification failed: {report.problems}")
    _check(report.signed and report.covers_whole_file and report.level == "B-B",
           f"signature not over the whole file: {report.coverage} {report.level}")
    _check(len(report.files) == n_files and all(f.ok for f in report.files),
           f"embedded files: {sum(f.ok for f in report.files)} of {len(report.files)} "
           f"match, {n_files} expected")


def _timed(fn):
    gc.collect()    # each run starts from a clean heap, not with the last run's garbage
    t0 = time.perf_counter()
    value = fn()
    return time.perf_counter() - t0, value


def _peak_rss(home: Path, out: Path, pages: int) -> float:
    from export_bench_case import RSS_ARGS, RSS_SCRIPT

    proc = subprocess.run([sys.executable, "-c", RSS_SCRIPT, str(home), str(out), *RSS_ARGS],
                          cwd=ROOT, capture_output=True, text=True, timeout=600)
    _check(proc.returncode == 0, f"export subprocess failed: {proc.stderr[-2000:]}")
    got_pages, mb = (int(x) for x in proc.stdout.split()[-2:])
    _check(got_pages == pages and out.is_file(), f"subprocess export: {got_pages} pages")
    return float(mb)


def run() -> list[dict]:
    from export_bench_case import CASE, PROFILE, build_case

    from desktop.export import export_case
    from desktop.export.signing import load_identity
    from desktop.verify import verify_pdf
    from forms import load_registry

    registry = load_registry()
    with tempfile.TemporaryDirectory(prefix="dh-bench-export-") as tmp:
        folder = Path(tmp)
        home = folder / "home"
        vault = build_case(home)
        files = vault.list_attachments(case_code=CASE)
        n_files, evidence_bytes = len(files), sum(a.size for a in files)
        signed_out, unsigned_out = folder / "signed.pdf", folder / "unsigned.pdf"

        def signed():
            return export_case(vault, registry, CASE, PROFILE, signed_out)

        unsigned_signer = UnsignedSigner(load_identity(vault).certificate)

        def unsigned():
            return export_case(vault, registry, CASE, PROFILE, unsigned_out,
                               signer=unsigned_signer)

        _check_output(signed(), n_files, evidence_bytes)     # warm-up (imports, fonts)
        signed_times, overheads = [], []
        for i in range(RUNS):
            if i % 2:   # alternate which goes first: neither profits from the other's cache
                tu, plain = _timed(unsigned)
                ts, result = _timed(signed)
            else:
                ts, result = _timed(signed)
                tu, plain = _timed(unsigned)
            _check_output(result, n_files, evidence_bytes)
            _check_output(plain, n_files, evidence_bytes)
            _check(plain.pages == result.pages, "signed and unsigned page counts differ")
            signed_times.append(ts)
            overheads.append(ts - tu)
        _check(not verify_pdf(unsigned_out).signed, "the unsigned export is signed")

        verify_times = []
        for _ in range(RUNS):
            tv, report = _timed(lambda: verify_pdf(signed_out))
            _check_verified(report, n_files)
            verify_times.append(tv)
        pages = result.pages
        vault.lock()
        peak = _peak_rss(home, folder / "rss.pdf", pages)
    return [
        metric("export.case50_s", median(signed_times), "s", "<=", 3.0,
               f"export_case of the ~50-page court case, signed, warm process: wall, median "
               f"of {RUNS}"),
        metric("export.sign_overhead_s", median(overheads), "s", "<=", 0.3,
               f"signed export minus the same export with a signer that does not sign: "
               f"median of {RUNS} paired differences"),
        metric("export.verify_s", median(verify_times), "s", "<=", 0.5,
               f"verify_pdf of the signed export: wall, median of {RUNS}"),
        metric("export.peak_rss_mb", peak, "MB", "<=", 400,
               "VmHWM of a fresh interpreter unlocking the vault and doing one signed "
               "export"),
    ]


if __name__ == "__main__":
    sys.path.insert(0, str(HERE))
    sys.path.insert(0, str(ROOT))
    for row in run():
        print(row)
