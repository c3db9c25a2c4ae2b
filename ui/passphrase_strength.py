"""The passphrase rules of desktop/passphrase_rules.py (shared with the CLI), in the UI's
current language: the first-run screen shows the same reasons `vault create` prints."""
from __future__ import annotations

from dataclasses import dataclass

from desktop import passphrase_rules
from ui import i18n


@dataclass
class Strength:
    score: int
    bits: float
    problems: list[str]          # why it is refused, in the UI's language

    @property
    def acceptable(self) -> bool:
        return not self.problems

    def label(self) -> str:
        return passphrase_rules.LABELS[self.score][1 if i18n.current() == "en" else 0]


def evaluate(passphrase: str, worker: str = "") -> Strength:
    s = passphrase_rules.evaluate(passphrase, worker)
    return Strength(s.score, s.bits, s.messages(i18n.current()))
