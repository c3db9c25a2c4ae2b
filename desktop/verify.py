"""`donghaeng verify`: is this exported PDF exactly what the worker signed?

ok = a signature that is intact and valid, covering the whole file (no byte and no
revision after it), and every embedded file matching the signed manifest's SHA-256 and
size. With --trust, a signer that does not chain to the given certificate fails: a PDF
signed by anyone else with the same worker name is a forgery, however intact. Without
--trust the first line says the signer is unverified and gives the certificate's SHA-256
fingerprint, to compare with the one the center publishes; that alone keeps exit 0.

With --trust the chain is validated in hard-fail mode from the revocation data embedded in
the file (plus --crl), as of the timestamp's time (crypto/pades_check.py): a file with no
revocation data fails with "not yet timestamped: no revocation data; verify the upgraded
file or give --crl". Both times are reported: the laptop's (signed at) and the center's
timestamp authority's (timestamped at); without a timestamp the time is only the laptop's
word, and the report says so. The signer's certificate is named organisation-issued or
self-signed (device-local) either way.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from datetime import timedelta, timezone
from pathlib import Path

from desktop.errors import UserError
from desktop.export.strings import t  # plain texts: the PDF's words for the signing time

MANIFEST_NAME = "donghaeng-manifest.json"   # as desktop.export.manifest (no reportlab here)
KST = timezone(timedelta(hours=9))


@dataclass
class FileCheck:
    name: str
    embedded_as: str
    expected_sha256: str
    actual_sha256: str | None
    ok: bool


@dataclass
class VerifyReport:
    path: str
    ok: bool = False
    signed: bool = False
    intact: bool = False
    valid: bool = False
    covers_whole_file: bool = False
    coverage: str = ""
    trust: str = "not checked"          # not checked | trusted | not trusted
    signer: str = ""
    fingerprint: str = ""
    signing_time: str = ""
    timestamp: str = "none"
    timestamped: bool = False
    timestamped_at: str = ""            # the TSA's time (signature or first document one)
    time_note: str = ""
    level: str = ""
    certificate: str = ""               # organisation | device-local
    certified: bool = False             # DocMDP: no changes but timestamps after signing
    revocation: str = "none"            # embedded | given | none (data for --trust)
    validated_at: str = ""              # the time the chain was judged at (--trust)
    case: str = ""
    manifest: bool = False
    files: list[FileCheck] = field(default_factory=list)
    problems: list[tuple[str, str]] = field(default_factory=list)

    def to_json(self) -> dict:
        out = asdict(self)
        out["problems"] = [{"ko": ko, "en": en} for ko, en in self.problems]
        return out

    def render(self, lang: str = "ko") -> str:
        en = lang == "en"
        i = 1 if en else 0
        lines = [self.headline(lang)]
        lines += [f"  - {p[i]}" for p in self.problems]
        if self.signed:
            sig = ("유효" if self.intact and self.valid else "무효") if not en else (
                "valid" if self.intact and self.valid else "INVALID")
            cover = ("문서 전체" if self.covers_whole_file else "문서 일부만") if not en else (
                "whole file" if self.covers_whole_file else "NOT the whole file")
            if self.covers_whole_file and self.coverage != "ENTIRE_FILE":
                cover += (" (only timestamps and validation data added after signing)" if en
                          else " (서명 뒤에는 타임스탬프와 검증 정보만 추가됨)")
            lines.append(f"{'서명' if not en else 'Signature'}: {sig} ({self.level}), "
                         f"{'범위' if not en else 'covers'}: {cover}")
            if self.fingerprint:   # absent when the signature could not be validated
                lines.append(f"{'서명자' if not en else 'Signer'}: {self.signer}")
                lines.append(f"{'인증서 SHA-256' if not en else 'Certificate SHA-256'}: "
                             f"{self.fingerprint}")
            if self.certificate:
                lines.append(f"{'인증서' if not en else 'Certificate'}: "
                             f"{CERT_TEXT[self.certificate][i]}")
            from desktop.export.bundle import human_kst  # as the PDF writes moments

            if self.signing_time:
                lines.append(f"{'서명 시각' if not en else 'Signed at'}: "
                             f"{human_kst(self.signing_time, lang)} ({LAPTOP[i]})")
            if self.timestamped_at:
                lines.append(f"{'타임스탬프' if not en else 'Timestamped at'}: "
                             f"{human_kst(self.timestamped_at, lang)} ({TSA[i]})")
            else:
                lines.append(f"{'타임스탬프' if not en else 'Timestamped at'}: "
                             f"{t('time_laptop', lang)}")
            trust = "no revocation data" if self.problems and self.problems[0] == NOT_YET \
                else self.trust
            lines.append(f"{'신뢰' if not en else 'Trust'}: {TRUST_TEXT[trust][i]}")
        if self.manifest:
            good = sum(1 for f in self.files if f.ok)
            lines.append(f"첨부 파일: {good}/{len(self.files)}개가 목록의 해시값과 일치" if not en
                         else f"Attached files: {good} of {len(self.files)} match the manifest")
        return "\n".join(lines)

    def headline(self, lang: str = "ko") -> str:
        """The first line, which must carry the verdict on its own: a failure gives its
        first reason; an unverified signer is named with its certificate fingerprint."""
        en = lang == "en"
        if not self.ok:
            reason = self.problems[0][1 if en else 0] if self.problems else ""
            return (f"Result: FAILED — {reason}" if en else f"결과: 실패 — {reason}").rstrip(
                " —")
        if self.trust == "trusted":
            return ("Result: OK — unchanged since signing; signer chains to --trust" if en
                    else "결과: 정상 — 서명 후 바뀐 내용이 없고, 서명자가 기준 인증서로 확인됨")
        return (f"Result: OK — unchanged since signing; signer NOT verified, certificate "
                f"SHA-256 {self.fingerprint}" if en else
                f"결과: 정상 — 서명 후 바뀐 내용 없음; 서명자 미확인, 인증서 SHA-256 "
                f"{self.fingerprint}")


TIMESTAMPED = ("타임스탬프 있음", "timestamped")
LAPTOP = ("노트북 시계", "laptop clock")
TSA = ("타임스탬프 서버가 확인", "timestamp authority")
CERT_TEXT = {
    "organisation": ("기관(센터)이 발급한 인증서 — --trust 루트.pem 으로 확인",
                     "organisation-issued — check it with --trust ROOT.pem"),
    "device-local": ("노트북에서 만든 자체 서명 인증서 (기관 미확인)",
                     "self-signed on the worker's laptop (device-local, not verified by the "
                     "organisation)"),
}
NOT_YET = ("아직 타임스탬프 없음: 폐지 확인 정보가 없습니다; 업그레이드된 파일을 검증하거나 "
           "--crl을 주십시오",
           "not yet timestamped: no revocation data; verify the upgraded file or give --crl")
TRUST_TEXT = {
    "not checked": ("확인 안 함 (기준 인증서 없음): 지문을 센터가 공개한 값과 비교하십시오",
                    "not checked (no --trust): compare the fingerprint with the one the "
                    "center publishes"),
    "trusted": ("신뢰함 (기준 인증서와 일치)", "trusted (chains to --trust)"),
    "not trusted": ("신뢰 안 됨 (기준 인증서와 무관)",
                    "NOT trusted (does not chain to --trust)"),
    "no revocation data": ("확인 못 함 (폐지 확인 정보 없음)",
                           "NOT verified (no revocation data to check the chain with)"),
}


def _problem(report: VerifyReport, ko: str, en: str) -> None:
    report.problems.append((ko, en))


def _embedded_files(data: bytes) -> dict[str, bytes]:
    """name-tree key -> decoded bytes, for every file embedded in the latest revision."""
    import io

    from pyhanko.pdf_utils.reader import PdfFileReader

    reader = PdfFileReader(io.BytesIO(data), strict=False)
    out: dict[str, bytes] = {}
    try:
        tree = reader.root["/Names"]["/EmbeddedFiles"]
    except KeyError:
        return out

    def walk(node, depth=0):
        node = node.get_object()
        if "/Names" in node:
            arr = node["/Names"]
            for k in range(0, len(arr) - 1, 2):
                spec = arr[k + 1].get_object()
                out[str(arr[k])] = spec["/EF"]["/F"].get_object().data
        for kid in node.get("/Kids", []) if depth < 16 else []:
            walk(kid, depth + 1)

    walk(tree)
    return out


def _check_files(report: VerifyReport, data: bytes) -> None:
    try:
        embedded = _embedded_files(data)
    except Exception as exc:
        _problem(report, f"첨부 파일을 읽을 수 없습니다: {exc}",
                 f"embedded files cannot be read: {exc}")
        return
    raw = embedded.pop(MANIFEST_NAME, None)
    if raw is None:
        if embedded:
            _problem(report, "첨부 파일은 있으나 증거 목록(manifest)이 없습니다",
                     "files are embedded but the evidence manifest is missing")
        return
    try:
        manifest = json.loads(raw.decode("utf-8"))
        entries = manifest["files"]
    except (ValueError, KeyError, TypeError):
        _problem(report, "증거 목록(manifest)을 읽을 수 없습니다",
                 "the evidence manifest is unreadable")
        return
    report.manifest, report.case = True, str(manifest.get("case", ""))
    by_name = dict(embedded)
    listed = set()
    for entry in entries:
        if entry.get("hash_only") is True:
            continue  # hash-only evidence (issue 16): listed with its hashes, never embedded
        name = entry.get("embedded_as", "")
        key = _key_for(entry, by_name)
        blob = by_name.get(key) if key else None
        listed.add(key)
        actual = hashlib.sha256(blob).hexdigest() if blob is not None else None
        ok = actual == entry.get("sha256") and blob is not None and len(blob) == entry.get(
            "size")
        report.files.append(FileCheck(entry.get("name", ""), name, entry.get("sha256", ""),
                                      actual, ok))
        if blob is None:
            _problem(report, f"목록의 파일 {entry.get('no')}이(가) PDF에 없습니다",
                     f"file {entry.get('no')} of the manifest is not in the PDF")
        elif not ok:
            _problem(report, f"첨부 파일 {entry.get('no')}의 SHA-256이 목록과 다릅니다",
                     f"embedded file {entry.get('no')}: SHA-256 differs from the manifest")
    for key in sorted(set(by_name) - listed):
        _problem(report, f"목록에 없는 파일이 첨부되어 있습니다: {key}",
                 f"a file not in the manifest is embedded: {key}")


def _key_for(entry: dict, by_name: dict) -> str | None:
    """Manifest entries name the file by its number; the name-tree key starts with it."""
    no = str(entry.get("no", ""))
    for key in by_name:
        if no and (key == no or key.startswith(no + ".")):
            return key
    return None


def _trust_problem(report: VerifyReport, check) -> None:
    fp = check.signer_fingerprint
    if check.no_revocation_data:
        _problem(report, *NOT_YET)
    elif check.chains_to_trust is False or not check.signer_certificate_pem:
        _problem(report, f"서명자가 기준 인증서로 확인되지 않습니다 (서명 인증서 SHA-256 {fp})",
                 f"the signer does not chain to the --trust certificate (signer certificate "
                 f"SHA-256 {fp})")
    elif "REVOKED" in check.trust_detail:
        _problem(report, "서명자의 인증서가 서명(타임스탬프) 시각 전에 폐지되었습니다",
                 "the signer's certificate was revoked before the time of signing "
                 "(timestamp)")
    else:
        detail = check.trust_detail.split(".")[-1] or "?"
        _problem(report, f"서명자의 인증서를 기준 인증서로 검증하지 못했습니다 ({detail}); "
                         "--crl 로 더 새로운 CRL을 줄 수 있습니다",
                 f"the signer's certificate could not be validated against --trust "
                 f"({detail}); a newer CRL can be given with --crl")


def verify_pdf(path, trust_pem: bytes | None = None,
               crls: list[bytes] | tuple[bytes, ...] = ()) -> VerifyReport:
    from crypto.identity import is_device_local
    from crypto.pades_check import check_signature

    path = Path(path)
    report = VerifyReport(path=str(path))
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UserError(f"파일을 읽을 수 없습니다: {path} ({exc.strerror})",
                        f"cannot read the file: {path} ({exc.strerror})") from None
    try:
        check = check_signature(data, trust_pem, crls=crls)
    except ValueError as exc:  # an unreadable --trust certificate or --crl
        raise UserError(f"인증서 또는 CRL을 읽을 수 없습니다: {exc}",
                        f"cannot read the certificate or CRL: {exc}") from None
    report.signed, report.intact, report.valid = check.signed, check.intact, check.valid
    report.covers_whole_file, report.coverage = check.covers_whole_file, check.coverage
    report.signer, report.fingerprint = check.signer_subject, check.signer_fingerprint
    if check.signing_time:
        report.signing_time = check.signing_time.astimezone(KST).isoformat()
    report.timestamp = check.timestamp
    stamped = check.timestamp_time if check.timestamp == "valid" else None
    if stamped is None and check.doc_timestamps and check.doc_timestamps_ok:
        stamped = check.doc_timestamp_time
    report.timestamped = stamped is not None
    report.timestamped_at = stamped.astimezone(KST).isoformat() if stamped else ""
    report.time_note = TIMESTAMPED[1] if report.timestamped else t("time_laptop", "en")
    report.level = check.level if check.signed else ""
    report.certified = check.certified
    if check.signer_certificate_pem:
        from cryptography import x509

        cert = x509.load_pem_x509_certificate(check.signer_certificate_pem)
        report.certificate = "device-local" if is_device_local(cert) else "organisation"
    report.revocation = "given" if crls else ("embedded" if check.revocation_data else "none")
    if check.validated_at:
        report.validated_at = check.validated_at.astimezone(KST).isoformat()
    if check.trusted is not None:
        report.trust = "trusted" if check.trusted else "not trusted"
    if check.signed and check.trusted is False:
        # First: with --trust this is the answer the clerk asked for.
        _trust_problem(report, check)
    if check.error_kind == "certificate_altered":
        _problem(report, "서명에 들어 있는 서명자 인증서가 바뀌었습니다 (서명이 가리키는 인증서와 "
                         "다름)",
                 "the signer certificate inside the signature was altered or replaced (it is "
                 "not the certificate the signature names)")
    elif check.error:
        _problem(report, f"PDF 또는 서명을 읽을 수 없습니다: {check.error}",
                 f"the PDF or its signature cannot be read: {check.error}")
    elif not check.signed:
        _problem(report, "서명이 없습니다", "the document is not signed")
    else:
        if not check.intact:
            _problem(report, "서명된 내용이 바뀌었습니다 (해시 불일치)",
                     "the signed content was changed (digest mismatch)")
        elif not check.valid:
            _problem(report, "서명값이 유효하지 않습니다", "the signature value is not valid")
        if not check.covers_whole_file:
            _problem(report, "서명 뒤에 내용이 추가되었습니다 (서명이 파일 전체를 덮지 않음)",
                     "content was added after the signature (it does not cover the whole "
                     "file)")
        if check.timestamp == "invalid":
            _problem(report, "시점 확인(타임스탬프)이 유효하지 않습니다",
                     "the timestamp is not valid")
        if not check.doc_timestamps_ok:
            _problem(report, "문서 타임스탬프가 유효하지 않습니다",
                     "a document timestamp is not valid")
    _check_files(report, data[:check.parsed_length] if check.parsed_length else data)
    report.ok = (check.signed and check.intact and check.valid and check.covers_whole_file
                 and check.trusted is not False and not report.problems)
    return report
