"""`donghaeng export`, `cert export` and `verify`."""
from __future__ import annotations

import json
import stat
import sys
from pathlib import Path

from desktop.cli.session import opened_vault
from desktop.errors import UserError

MAX_CERT_FILE = 1 << 20    # a PEM chain is a few KiB
MAX_CRL_FILE = 16 << 20    # a CRL of a center's workers is a few KiB; generous


def run(args, lang: str) -> int:
    if args.command == "cert":
        from desktop.export import export_certificate_pem
        from desktop.export.atomic import write_atomic

        with opened_vault(args, lang) as vault:
            pem = export_certificate_pem(vault)
        write_atomic(Path(args.out), pem)
        print(args.out)
        # what the center publishes and the clerk compares (docs/export.md)
        from cryptography import x509

        from crypto.identity import fingerprint

        fp = fingerprint(x509.load_pem_x509_certificate(pem))
        print(f"certificate SHA-256: {fp}" if lang == "en" else f"인증서 SHA-256: {fp}",
              file=sys.stderr)
        return 0
    from desktop import form_registry
    from desktop.export import export_case

    with opened_vault(args, lang) as vault:
        result = export_case(vault, form_registry.for_vault(vault), args.case, args.profile,
                             Path(args.out) if args.out else None,
                             recipient=args.recipient, purpose=args.purpose,
                             override_reason=args.override_consent, lang=lang,
                             include_contacts=args.include_contacts,
                             show_intimate=args.show_intimate)
    print(str(result.path))
    # the PDF's own words for the signing time; stderr, so scripts reading stdout still get
    # the path alone
    from desktop.export.strings import t

    if result.time_mode == "pending":
        from desktop.export.trusted_time import LTV_SUFFIX

        note = t("time_pending", lang, suffix=LTV_SUFFIX)
    else:
        note = t("time_laptop" if result.level == "B-B" else "time_stamped", lang)
    print(f"{t('stamp_time', lang)}: {note}", file=sys.stderr)
    return 0


def _regular_file(path: Path, ko_what: str, en_what: str) -> None:
    """A FIFO or a device is "not a regular file", not "no such file"; a FIFO would
    also block the read forever."""
    try:
        st = path.stat()
    except FileNotFoundError:
        raise UserError(f"{ko_what}이(가) 없습니다: {path}", f"no such {en_what}: {path}") from None
    except OSError as exc:
        raise UserError(f"{ko_what}을(를) 읽을 수 없습니다: {path} ({exc.strerror})",
                        f"cannot read the {en_what}: {path} ({exc.strerror})") from None
    if not stat.S_ISREG(st.st_mode):
        raise UserError(f"{ko_what}이(가) 일반 파일이 아닙니다: {path}",
                        f"the {en_what} is not a regular file: {path}")


def verify(args, lang: str) -> int:
    from desktop.verify import verify_pdf

    path = Path(args.file)
    _regular_file(path, "파일", "file")
    trust = None
    if args.trust:
        tp = Path(args.trust)
        _regular_file(tp, "인증서 파일", "certificate file")
        if tp.stat().st_size > MAX_CERT_FILE:
            raise UserError(f"인증서 파일이 너무 큽니다 (최대 1 MiB): {tp}",
                            f"the certificate file is too large (at most 1 MiB): {tp}")
        trust = tp.read_bytes()
    crls = []
    for name in getattr(args, "crl", None) or []:
        cp = Path(name)
        _regular_file(cp, "CRL 파일", "CRL file")
        if cp.stat().st_size > MAX_CRL_FILE:
            raise UserError(f"CRL 파일이 너무 큽니다 (최대 16 MiB): {cp}",
                            f"the CRL file is too large (at most 16 MiB): {cp}")
        crls.append(cp.read_bytes())
    report = verify_pdf(path, trust_pem=trust, crls=crls)
    if args.json:
        print(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
    else:
        print(report.render(lang))
    return 0 if report.ok else 1


def renew(args, lang: str) -> int:
    """`export-renew FILE.pdf [--out NEW.pdf]`: prints the new file's path (stdout) and its
    level and timestamp (stderr)."""
    from desktop.export.bundle import human_kst
    from desktop.export.renew import renew_file

    path = Path(args.file)
    _regular_file(path, "파일", "file")
    with opened_vault(args, lang) as vault:
        result = renew_file(vault, path, Path(args.out) if args.out else None)
    print(str(result.path))
    when = human_kst(result.timestamped_at, lang) if result.timestamped_at else "?"
    print(f"{result.level}, {'타임스탬프' if lang != 'en' else 'timestamped at'}: {when}",
          file=sys.stderr)
    return 0
