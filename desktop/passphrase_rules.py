"""The passphrase rules, with their Korean and English texts, for the app and the CLI alike
(the first-run screen, `vault create`, `vault passwd`): one place, so the command line can
no longer accept "a" while the app refuses it.

A rough entropy estimate plus the mistakes people actually make (too short, one repeated
character, keyboard runs, well-known words, the worker's own name). Deliberately simple and
conservative; the real protection is Argon2id at >= 0.5 s / 64 MiB per guess
(docs/security.md). Qt-free: ui/passphrase_strength.py only picks the UI's language.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

MIN_LENGTH = 10
MIN_SCORE = 2  # "fair" and above are accepted

_COMMON = (
    "password", "passw0rd", "qwerty", "asdf", "letmein", "iloveyou", "welcome", "admin",
    "donghaeng", "123456", "12345678", "1234567890", "111111", "000000", "abc123",
    "비밀번호", "사랑해", "동행", "안녕하세요", "qwer1234", "1q2w3e4r",
)
_RUNS = ("abcdefghijklmnopqrstuvwxyz", "0123456789", "qwertyuiop", "asdfghjkl", "zxcvbnm",
         "ㅂㅈㄷㄱㅅㅛㅕㅑㅐㅔ", "가나다라마바사아자차카타파하")

LABELS: tuple[tuple[str, str], ...] = (
    ("매우 약함", "Very weak"), ("약함", "Weak"), ("보통", "Fair"), ("좋음", "Good"),
    ("강함", "Strong"))
TOO_SHORT = ("{n}자 이상으로 정하세요.", "Use at least {n} characters.")
REPEATS = ("같은 글자만 반복합니다.", "It repeats the same character.")
COMMON = ("널리 알려진 암호나 단어가 들어 있습니다.", "It contains a well-known password or word.")
OWN_NAME = ("본인 이름이 들어 있습니다.", "It contains your own name.")
PREDICTABLE = ("너무 추측하기 쉽습니다: 단어나 글자를 더 넣으세요.",
               "It is too predictable: add words or characters.")


@dataclass
class Strength:
    score: int                       # 0 very weak .. 4 strong
    bits: float
    problems: list[tuple[str, str]] = field(default_factory=list)  # (ko, en): why refused

    @property
    def acceptable(self) -> bool:
        return not self.problems

    def label(self, lang: str) -> str:
        return LABELS[self.score][1 if lang == "en" else 0]

    def messages(self, lang: str) -> list[str]:
        i = 1 if lang == "en" else 0
        return [p[i] for p in self.problems]


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
    problems: list[tuple[str, str]] = []
    if len(text) < MIN_LENGTH:
        problems.append((TOO_SHORT[0].format(n=MIN_LENGTH), TOO_SHORT[1].format(n=MIN_LENGTH)))
    if text and len(set(text)) <= 2:
        problems.append(REPEATS)
    if any(w in low for w in _COMMON) and bits < 80:
        problems.append(COMMON)
    if worker and len(worker) >= 2 and worker.lower().replace(" ", "") in low:
        problems.append(OWN_NAME)
    if bits < 50 and not problems:
        problems.append(PREDICTABLE)
    score = 0 if bits < 40 else 1 if bits < 50 else 2 if bits < 65 else 3 if bits < 80 else 4
    if problems:
        score = min(score, MIN_SCORE - 1)
    return Strength(score=score, bits=round(bits, 1), problems=problems)
