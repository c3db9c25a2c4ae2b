"""Passphrase strength for the first-run screen: a rough entropy estimate plus the mistakes
people actually make (too short, one repeated character, keyboard runs, well-known words,
the worker's own name). Weak passphrases are refused with the reason.

The estimate is deliberately conservative and simple; the real protection is Argon2id at
>= 0.5 s / 64 MiB per guess (see docs/security.md).
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

from PySide6.QtCore import QCoreApplication

_tr = QCoreApplication.translate  # _tr("Context", "text"): found by lupdate

MIN_LENGTH = 10
MIN_SCORE = 2  # "fair" and above are accepted

_COMMON = (
    "password", "passw0rd", "qwerty", "asdf", "letmein", "iloveyou", "welcome", "admin",
    "donghaeng", "123456", "12345678", "1234567890", "111111", "000000", "abc123",
    "비밀번호", "사랑해", "동행", "안녕하세요", "qwer1234", "1q2w3e4r",
)
_RUNS = ("abcdefghijklmnopqrstuvwxyz", "0123456789", "qwertyuiop", "asdfghjkl", "zxcvbnm",
         "ㅂㅈㄷㄱㅅㅛㅕㅑㅐㅔ", "가나다라마바사아자차카타파하")


@dataclass
class Strength:
    score: int                       # 0 very weak .. 4 strong
    bits: float
    problems: list[str] = field(default_factory=list)  # why it is refused (translated)

    @property
    def acceptable(self) -> bool:
        return not self.problems

    def label(self) -> str:
        return (_tr("PassphraseStrength", "Very weak"), _tr("PassphraseStrength", "Weak"), _tr("PassphraseStrength", "Fair"), _tr("PassphraseStrength", "Good"),
                _tr("PassphraseStrength", "Strong"))[self.score]


def _pool(text: str) -> int:
    pool = 0
    if any("a" <= c <= "z" for c in text):
        pool += 26
    if any("A" <= c <= "Z" for c in text):
        pool += 26
    if any(c.isdigit() for c in text):
        pool += 10
    if any("\uac00" <= c <= "\ud7a3" for c in text):
        pool += 2350  # the commonly used Hangul syllables
    if any(not c.isalnum() and c.isascii() for c in text):
        pool += 33
    if any(not c.isascii() and not ("\uac00" <= c <= "\ud7a3") for c in text):
        pool += 100
    return max(pool, 1)


def _effective_length(text: str) -> float:
    # Characters repeated more than twice add little; runs of 3+ along a keyboard row or the
    # alphabet count as one character.
    seen: dict[str, int] = {}
    length = 0.0
    for c in text.lower():
        seen[c] = seen.get(c, 0) + 1
        length += 1.0 if seen[c] <= 2 else 0.25
    low = text.lower()
    for run in _RUNS:
        for i in range(len(run) - 2):
            if run[i:i + 3] in low or run[i:i + 3][::-1] in low:
                length -= 1.0
    return max(length, 0.0)


def evaluate(passphrase: str, worker: str = "") -> Strength:
    text = passphrase
    bits = _effective_length(text) * math.log2(_pool(text))
    low = text.lower().replace(" ", "")
    problems: list[str] = []
    if len(text) < MIN_LENGTH:
        problems.append(_tr("PassphraseStrength", "Use at least %1 characters.").replace("%1", str(MIN_LENGTH)))
    if text and len(set(text)) <= 2:
        problems.append(_tr("PassphraseStrength", "It repeats the same character."))
    if any(w in low for w in _COMMON) and bits < 80:
        problems.append(_tr("PassphraseStrength", "It contains a well-known password or word."))
    if worker and len(worker) >= 2 and worker.lower().replace(" ", "") in low:
        problems.append(_tr("PassphraseStrength", "It contains your own name."))
    if bits < 50:
        if not problems:
            problems.append(_tr("PassphraseStrength", "It is too predictable: add words or characters."))
    score = 0 if bits < 40 else 1 if bits < 50 else 2 if bits < 65 else 3 if bits < 80 else 4
    if problems:
        score = min(score, MIN_SCORE - 1)
    return Strength(score=score, bits=round(bits, 1), problems=problems)
