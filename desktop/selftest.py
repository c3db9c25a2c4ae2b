"""`donghaeng --self-test`: an end-to-end check of a build, above all of the frozen one.

It runs the real components in order — vault, forms, records, attachments, export, verify,
the main window — on throwaway data, prints one line per step and stops at the first
failure, naming it. A module missing from a broken build fails its step; nothing is
skipped or passes by default.

Needs no passphrase: the vault gets a generated one, and cheap Argon2 parameters
(crypto.kdf.CHEAP) so the check takes seconds. The self-test checks that the pieces work
together, not the real KDF cost (tests/unit cover calibration).

Where: inside `home` (the CLI passes --home) or $DONGHAENG_HOME, always in a fresh
`selftest-*` subfolder that is removed afterwards, so existing vaults are never touched;
with neither, in a temporary folder.
"""
from __future__ import annotations

import hashlib
import io
import os
import secrets
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported by the vault step, so that a broken build fails that step
    from desktop.vault import Vault

CASE_CODE = "SELFTEST-0001"
PROFILE = "court"
ATTACHMENT_TEXT = "donghaeng self-test attachment / 자체 점검 첨부 파일\n".encode()


class StepFailed(Exception):
    """A check inside a step did not hold; the message says which."""


@dataclass
class State:
    requested: Path | None
    home: Path | None = None
    cleanup: Path | None = None
    vault: Vault | None = None
    registry: object = None
    case: str = CASE_CODE
    consent_id: str | None = None
    intake_id: str | None = None
    pdf: Path | None = None
    attachments: int = 0
    # the GUI step, handed in by the launcher above desktop/ and ui/ (desktop never imports ui)
    gui_check: Callable[[object], None] | None = None

    # What earlier steps made; a step that needs something missing fails, naming it.

    def open_vault(self) -> Vault:
        if self.vault is None:
            raise StepFailed("no vault (the vault step did not run)")
        return self.vault

    def work_home(self) -> Path:
        if self.home is None:
            raise StepFailed("no working folder (the home step did not run)")
        return self.home

    def exported_pdf(self) -> Path:
        if self.pdf is None:
            raise StepFailed("no exported PDF (the export step did not run)")
        return self.pdf

    def intake(self) -> str:
        if self.intake_id is None:
            raise StepFailed("no intake record (the intake step did not run)")
        return self.intake_id


def _step_home(st: State) -> str:
    """A fresh folder: inside the requested home (existing vaults untouched), else temp."""
    base = st.requested or (Path(os.environ["DONGHAENG_HOME"])
                            if os.environ.get("DONGHAENG_HOME") else None)
    if base is None:
        st.home = st.cleanup = Path(tempfile.mkdtemp(prefix="donghaeng-selftest-"))
    else:
        created = not base.exists()
        base.mkdir(parents=True, exist_ok=True, mode=0o700)
        st.home = Path(tempfile.mkdtemp(prefix="selftest-", dir=base))
        st.cleanup = base if created else st.home
    os.chmod(st.home, 0o700)
    return f"working in {st.home} (removed afterwards)"


def _step_vault(st: State) -> str:
    from crypto.kdf import CHEAP
    from desktop.vault import Vault

    worker = "selftest"
    st.vault = Vault.create(st.work_home(), worker, secrets.token_urlsafe(24), kdf=CHEAP)
    st.vault.ensure_case(st.case)
    return f"created for worker '{worker}' (cheap KDF parameters: self-test only)"


def _step_forms(st: State) -> str:
    from forms import FORM_ORDER, load_registry

    st.registry = load_registry()
    ids = [f.id for f in st.registry.all_latest()]
    missing = [f for f in FORM_ORDER if f not in ids]
    if missing:
        raise StepFailed(f"form definitions missing: {', '.join(missing)}")
    return f"{len(ids)} form definitions loaded"


def _example(st: State, form_id: str) -> dict:
    from forms.examples import example

    values = example(form_id)
    if not isinstance(values, dict) or not values:
        raise StepFailed(f"no example values for form {form_id!r}")
    return values


def _step_intake(st: State) -> str:
    from desktop.errors import UserError
    from desktop.records_service import put_record

    values = _example(st, "intake")
    # the validator must refuse bad input, or "validated" would prove nothing
    try:
        put_record(st.vault, st.registry, "intake", {**values, "no_such_field": 1}, st.case)
    except UserError:
        pass
    else:
        raise StepFailed("an intake with an unknown field was accepted")
    ref = put_record(st.vault, st.registry, "intake", values, st.case)
    st.intake_id = ref.id
    stored = st.open_vault().get_record(ref.id)
    if stored.form != "intake" or stored.case_code != st.case:
        raise StepFailed("the stored intake does not read back as written")
    return f"validated and stored ({ref.id}); an invalid one was refused"


def _signature_png() -> bytes:
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (360, 120), "white")
    ImageDraw.Draw(img).line([(20, 90), (90, 30), (150, 85), (230, 35), (330, 80)],
                             fill=(20, 30, 90), width=4)
    buf = io.BytesIO()
    img.save(buf, "PNG")
    return buf.getvalue()


def _step_consent(st: State) -> str:
    from desktop.records_service import RecordsService, put_record
    from desktop.vault import NewFile
    from forms import consent_status

    vault = st.open_vault()
    values = _example(st, "consent")
    ref = put_record(vault, st.registry, "consent", values, st.case)
    st.consent_id = ref.id
    RecordsService(vault, st.registry).attach(
        ref.id, NewFile(io.BytesIO(_signature_png()), "signature.png", "signature"))
    st.attachments += 1
    status = consent_status(vault.get_record(ref.id).values, signed=True, today=date.today())
    if not status.in_effect:
        raise StepFailed("the signed example consent is not in effect")
    return "stored, signature image attached, in effect"


def _step_attachment(st: State) -> str:
    from desktop.records_service import RecordsService
    from desktop.vault import NewFile

    vault = st.open_vault()
    saved = RecordsService(vault, st.registry).attach(
        st.intake(), NewFile(io.BytesIO(ATTACHMENT_TEXT), "note.txt"))
    if len(saved.attachments) != 1:
        raise StepFailed(f"one file attached, {len(saved.attachments)} stored")
    att = vault.get_attachment(saved.attachments[0])
    st.attachments += 1
    expected = hashlib.sha256(ATTACHMENT_TEXT).hexdigest()
    if att.sha256 != expected:
        raise StepFailed("the stored SHA-256 differs from the file's")
    if b"".join(vault.read_attachment(att.id)) != ATTACHMENT_TEXT:
        raise StepFailed("the attachment does not read back byte for byte")
    return f"encrypted, read back, SHA-256 {expected[:16]}…"


def _step_export(st: State) -> str:
    from desktop.export import export_case

    out = st.work_home() / f"{st.case}.pdf"
    result = export_case(st.vault, st.registry, st.case, PROFILE, out, lang="ko")
    st.pdf = Path(result.path)
    if not st.pdf.is_file() or st.pdf.stat().st_size == 0:
        raise StepFailed("no PDF written")
    digest = hashlib.sha256(st.pdf.read_bytes()).hexdigest()
    if digest != result.sha256:
        raise StepFailed("the PDF on disk differs from the one reported")
    return f"signed PDF, profile {PROFILE}, {result.pages} pages"


def _step_verify(st: State) -> str:
    from desktop.verify import verify_pdf

    pdf = st.exported_pdf()
    report = verify_pdf(pdf)
    if not report.ok:
        raise StepFailed("the exported PDF does not verify: " + report.render("en"))
    # and a changed copy must not: a verifier that accepts everything proves nothing
    tampered = pdf.with_name("tampered.pdf")
    data = bytearray(pdf.read_bytes())
    data[len(data) // 3] ^= 0x01
    tampered.write_bytes(bytes(data))
    try:
        if verify_pdf(tampered).ok:
            raise StepFailed("a PDF with one changed byte still verifies")
    except StepFailed:
        raise
    except Exception:  # an unreadable file is a refusal too
        pass
    finally:
        tampered.unlink(missing_ok=True)
    return "signature intact, whole file covered, attachments match; a changed copy fails"


def _step_audit(st: State) -> str:
    vault = st.open_vault()
    problems = list(vault.verify_audit()) + list(vault.check())
    if problems:
        raise StepFailed("; ".join(str(p) for p in problems[:3]))
    return "audit chain and vault integrity checks clean"


def _step_gui(st: State) -> str:
    if st.gui_check is None:  # not skipped: a self-test without its GUI step proves less
        raise StepFailed("no GUI in this entry point (`python -m desktop` is the command line "
                         "only): run `donghaeng --self-test`")
    st.gui_check(st.vault)
    return "main window opened and closed"


STEPS: list[tuple[str, str, Callable[[State], str]]] = [
    ("home", "작업 폴더", _step_home),
    ("vault", "금고 만들기", _step_vault),
    ("forms", "양식 불러오기", _step_forms),
    ("intake", "초기상담 기록", _step_intake),
    ("consent", "서명된 동의서", _step_consent),
    ("attachment", "첨부 파일", _step_attachment),
    ("export", "서명 PDF 내보내기", _step_export),
    ("verify", "PDF 검증", _step_verify),
    ("audit", "감사 기록 확인", _step_audit),
    ("gui", "주 화면 열기", _step_gui),
]


def _reason(exc: BaseException) -> str:
    """A short reason without a traceback; our errors carry their own text."""
    from desktop.errors import describe

    if isinstance(exc, StepFailed):
        return str(exc)
    if isinstance(exc, ImportError):
        return f"cannot import {exc.name or '?'} (missing from this build?): {exc}"
    text = describe(exc, "en")
    if text:
        return text.replace("\n", "; ")
    return f"{type(exc).__name__}: {str(exc)[:200]}"


def run(home: Path | None = None, *, gui_check: Callable[[object], None] | None = None) -> int:
    """Run every step; 0 if all passed, else 1 after naming the failed step."""
    st = State(requested=Path(home) if home else None, gui_check=gui_check)
    started = time.monotonic()
    failed: str | None = None
    try:
        for i, (name, name_ko, func) in enumerate(STEPS, 1):
            t0 = time.monotonic()
            try:
                detail = func(st)
            except BaseException as exc:  # noqa: BLE001 — a failed step is reported, not raised
                if isinstance(exc, KeyboardInterrupt):
                    raise
                if os.environ.get("DONGHAENG_SELFTEST_TRACEBACK"):
                    import traceback

                    traceback.print_exc()
                print(f"FAIL {i}/{len(STEPS)} {name} ({name_ko}): {_reason(exc)}", flush=True)
                failed = name
                break
            print(f"ok   {i}/{len(STEPS)} {name} ({name_ko}): {detail} "
                  f"[{time.monotonic() - t0:.2f} s]", flush=True)
    finally:
        if st.vault is not None:
            try:
                st.vault.lock()
            except Exception:  # noqa: BLE001 — the result is already decided
                pass
        if st.cleanup is not None:
            shutil.rmtree(st.cleanup, ignore_errors=True)
    if failed:
        print(f"self-test failed at step '{failed}' / 자체 점검 실패: '{failed}' 단계",
              file=sys.stderr, flush=True)
        return 1
    print(f"self-test passed / 자체 점검 통과 ({time.monotonic() - started:.1f} s)", flush=True)
    return 0
