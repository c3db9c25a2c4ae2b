"""Errors the vault raises, each with a short message in Korean and English.

`message(lang)` (and the `ko` / `en` attributes) is what the CLI and the UI show; none of
these should ever reach a person as a traceback.
"""
from __future__ import annotations


class VaultError(Exception):
    ko = "금고 오류"
    en = "vault error"

    def __init__(self, ko: str | None = None, en: str | None = None):
        if ko is not None:
            self.ko = ko
        if en is not None:
            self.en = en
        elif ko is not None:
            self.en = ko
        super().__init__(self.en)

    def message(self, lang: str = "ko") -> str:
        return self.en if lang == "en" else self.ko


class InvalidWorkerName(VaultError):
    pass


class UnknownWorker(VaultError):
    def __init__(self, worker: str):
        super().__init__(f"등록되지 않은 작업자입니다: {worker}", f"unknown worker: {worker}")


class VaultExists(VaultError):
    def __init__(self, worker: str):
        super().__init__(f"이 작업자의 금고가 이미 있습니다: {worker}",
                         f"a vault for this worker already exists: {worker}")


class WrongPassphrase(VaultError):
    def __init__(self):
        super().__init__("암호가 맞지 않습니다", "wrong passphrase")


class Throttled(VaultError):
    """Too many failed unlocks in a row: wait `seconds` before the next attempt."""

    def __init__(self, seconds: float):
        self.seconds = max(1, int(seconds + 0.999))
        super().__init__(
            f"잠금 해제 실패가 많아 {self.seconds}초 뒤에 다시 시도할 수 있습니다",
            f"too many failed unlocks: try again in {self.seconds} s")


class VaultCorrupt(VaultError):
    def __init__(self, detail_ko: str, detail_en: str):
        super().__init__(f"금고 파일이 손상되었습니다: {detail_ko}",
                         f"the vault files are damaged: {detail_en}")


class VaultLocked(VaultError):
    def __init__(self):
        super().__init__("금고가 잠겨 있습니다", "the vault is locked")


class DiskFull(VaultError):
    def __init__(self):
        super().__init__("디스크 공간이 부족하여 저장하지 못했습니다 (아무것도 바뀌지 않았습니다)",
                         "the disk is full: nothing was saved")


class NotFound(VaultError):
    pass


class RecordNotFound(NotFound):
    def __init__(self, record_id: str):
        super().__init__(f"기록이 없습니다: {record_id}", f"no such record: {record_id}")


class CaseNotFound(NotFound):
    def __init__(self, code: str):
        super().__init__(f"사례가 없습니다: {code}", f"no such case: {code}")


class AttachmentNotFound(NotFound):
    def __init__(self, att_id: str):
        super().__init__(f"첨부가 없습니다: {att_id}", f"no such attachment: {att_id}")


class InvalidInput(VaultError):
    pass


class AttachmentCorrupt(VaultError):
    def __init__(self, att_id: str, why_ko: str, why_en: str):
        super().__init__(f"첨부 파일 {att_id}이(가) 원본과 다릅니다: {why_ko}",
                         f"attachment {att_id} does not match its original: {why_en}")


class Issue(str):
    """One problem found by `check()` / `verify_audit()`: an English line (the str value)
    that also carries its Korean wording."""

    ko: str
    en: str

    def __new__(cls, ko: str, en: str):
        obj = super().__new__(cls, en)
        obj.ko, obj.en = ko, en
        return obj

    def message(self, lang: str = "ko") -> str:
        return self.en if lang == "en" else self.ko
