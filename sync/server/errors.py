"""The server CLI's one error type: a short line in Korean and English, as desktop's."""
from __future__ import annotations


class ServerError(Exception):
    def __init__(self, ko: str, en: str):
        self.ko, self.en = ko, en
        super().__init__(en)

    def message(self, lang: str = "ko") -> str:
        return self.en if lang == "en" else self.ko
