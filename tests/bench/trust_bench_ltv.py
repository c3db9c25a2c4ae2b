"""Long-term-validation rows of bench_trust.py (issue 15): the ~50-page court case of the
export benchmark (export_bench_case.py), a real `server run` on loopback (SQLite) for the
TSA, the chain and the CRLs, reached over the pinned connection as the laptop does.

- trust.sign_b_lt_overhead_s: signing the case's export B-LT as an online export does (the
  issuing CA's CRL fetched; the chain, root CRL and a sample token as the last sync stored
  them — trusted_time.fresh_material; the signature timestamp from the server's TSA, the
  validation data embedded) minus signing the same bytes B-B with the same key; median of
  paired differences. Whole exports differ by the same work, but a 50-page export's own
  time varies by more than the difference on a loaded machine (the detail has 3 pairs).
- trust.upgrade_b_lt_s: `crypto.ltv.upgrade` of the B-B export with the fetches the sync
  round makes first (chain, CRLs, sample token; DSS + document timestamp from the server's
  TSA); median.
- trust.verify_b_lt_s: `verify_pdf(..., trust_pem=root)` of the B-LT export, in-process,
  offline (hard-fail from the embedded data only); median.

The worker's certificate comes from a CA made here (tests/ltv_kit.py) whose chain and CRLs
are added to the server's: the server issues certificates only through enrollment, and
the cost measured (TSA round trips, validation, DSS) does not depend on which CA it is.
"""
from __future__ import annotations

import gc
import sys
import tempfile
import time
from pathlib import Path

from bench_common import ROOT, median, metric

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

RUNS = 11


class BenchFailure(RuntimeError):
    pass


def _timed(fn):
    gc.collect()
    t0 = time.perf_counter()
    value = fn()
    return time.perf_counter() - t0, value


class OnlineSigner:
    """What an online export does right after a sync (desktop/export/trusted_time.py): the
    chain, CRLs and a sample token as the sync stored them, the signature timestamp from
    the server's TSA (one round trip)."""

    def __init__(self, identity, transport, material, sample):
        self.identity, self.transport = identity, transport
        self.material, self.sample = material, sample
        self.certificate = identity.certificate
        self.will_timestamp = True
        self.last_level = ""

    def sign(self, pdf, **kwargs):
        from crypto.ltv import LtvSigner
        from sync.client.timestamps import PinnedTimeStamper

        signer = LtvSigner(self.identity,
                           timestamper=PinnedTimeStamper(self.transport, self.sample),
                           material=self.material, certify=True)
        out = signer.sign(pdf, **kwargs)
        self.last_level = signer.last_level
        return out


def rows(srv=None) -> list[dict]:
    """The three rows, on `srv` (a started RunningServer), else on one started here."""
    from bench_export import UnsignedSigner
    from cryptography.hazmat.primitives.serialization import Encoding
    from export_bench_case import CASE, PROFILE, build_case

    from crypto.ltv import Material, upgrade
    from crypto.pades import PadesSigner
    from desktop.export import export_case
    from desktop.verify import verify_pdf
    from forms import load_registry
    from sync.client.timestamps import (
        PinnedTimeStamper,
        fetch_crl,
        fetch_material,
        fetch_token,
    )
    from sync.client.transport import SyncTransport
    from tests.ltv_kit import make_pki
    from tests.sync.conftest import init_server

    registry = load_registry()
    pki = make_pki("강동행")
    extra = Material(pki.chain(), tuple(pki.crls()))
    with tempfile.TemporaryDirectory(prefix="dh-bench-trust-") as tmp:
        folder = Path(tmp)
        own = srv is None
        if own:
            (folder / "srv").mkdir()
            srv = init_server(folder / "srv", None)
        try:
            if own:
                srv.start()
            vault = build_case(folder / "home")
            with SyncTransport(srv.url, srv.fingerprint, timeout=30) as tr:
                chain, _crls = fetch_material(tr)
                # both roots: the worker's CA's and the server's (the TSA's)
                roots = pki.root_pem() + b"".join(
                    c.public_bytes(Encoding.PEM) for c in Material.load(chain).roots)
                server = Material.load(*fetch_material(tr))
                material = Material((*server.certs, *extra.certs),
                                    (*server.crls, *extra.crls))
                online = OnlineSigner(pki.worker, tr, material, fetch_token(tr, bytes(32)))
                offline = PadesSigner(pki.worker, certify=True)
                lt_out, bb_out = folder / "lt.pdf", folder / "bb.pdf"

                def signed_lt():
                    return export_case(vault, registry, CASE, PROFILE, lt_out, signer=online)

                def signed_bb():
                    return export_case(vault, registry, CASE, PROFILE, bb_out,
                                       signer=offline)

                unsigned_out = folder / "unsigned.pdf"
                export_case(vault, registry, CASE, PROFILE, unsigned_out,
                            signer=UnsignedSigner(pki.worker.certificate))
                unsigned = unsigned_out.read_bytes()
                res = signed_lt()
                signed_bb()   # warm-up, and the files verified and upgraded below
                if res.level != "B-LT":
                    raise BenchFailure(f"online export is {res.level}")

                def sign_lt():   # what differs in an online export: the CRL, the TSA, DSS
                    fetch_crl(tr)
                    return online.sign(unsigned)

                def sign_bb():
                    return offline.sign(unsigned)

                overheads, exports = [], []
                for i in range(RUNS):
                    if i % 2:
                        tb, _ = _timed(sign_bb)
                        tl, _ = _timed(sign_lt)
                    else:
                        tl, _ = _timed(sign_lt)
                        tb, _ = _timed(sign_bb)
                    overheads.append(tl - tb)
                for _ in range(3):   # whole exports, for the detail (noisier: 50 pages)
                    tl, _ = _timed(signed_lt)
                    tb, _ = _timed(signed_bb)
                    exports.append(tl - tb)
                bb = bb_out.read_bytes()

                def do_upgrade():   # as the sync round does: fresh material, then upgrade
                    c, crls = fetch_material(tr)
                    sample = fetch_token(tr, bytes(32))
                    server = Material.load(c, crls)
                    fresh = Material((*server.certs, *extra.certs),
                                     (*server.crls, *extra.crls))
                    return upgrade(bb, PinnedTimeStamper(tr, sample), fresh)

                do_upgrade()
                up_times = []
                for _ in range(RUNS):
                    tu, up = _timed(do_upgrade)
                    up_times.append(tu)
                (folder / "up.pdf").write_bytes(up)
            up_report = verify_pdf(folder / "up.pdf", trust_pem=roots)
            if not up_report.ok or up_report.level != "B-LT":
                raise BenchFailure(f"upgraded export: {up_report.problems}")
        finally:
            if own:
                srv.stop()
        verify_times = []
        for _ in range(RUNS):    # in-process, nothing but the file is used (no network)
            tv, report = _timed(lambda: verify_pdf(lt_out, trust_pem=roots))
            if not (report.ok and report.trust == "trusted" and report.level == "B-LT"):
                raise BenchFailure(f"B-LT export does not verify: {report.problems}")
            verify_times.append(tv)
        pages = res.pages
    return [
        metric("trust.sign_b_lt_overhead_s", median(overheads), "s", "<=", 0.15,
               f"signing the {pages}-page court export B-LT as an online export does (the "
               f"issuing CA's CRL fetched, chain + root CRL + TSA sample as the last sync "
               f"stored them, signature timestamp from the loopback server's TSA, DSS) "
               f"minus signing the same bytes B-B: median of {RUNS} paired differences "
               f"(the rest of the export is the same work either way)",
               f"whole export_case B-LT minus B-B, 3 pairs: "
               f"{[round(x, 3) for x in exports]} s"),
        metric("trust.upgrade_b_lt_s", median(up_times), "s", "<=", 1.0,
               f"chain, CRLs and a sample token fetched, then crypto.ltv.upgrade of the "
               f"{pages}-page B-B export (DSS + document timestamp from the loopback "
               f"server's TSA): median of {RUNS}"),
        metric("trust.verify_b_lt_s", median(verify_times), "s", "<=", 0.5,
               f"verify_pdf --trust ROOT of the {pages}-page B-LT export, in-process, "
               f"offline (embedded data only): median of {RUNS}"),
    ]


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    for row in rows():
        print(row)
