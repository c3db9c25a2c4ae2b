"""The one error type the CLI and the UI show to people: a short message in Korean and
English, one line per problem. Anything else reaching the top level is a bug."""
from __future__ import annotations


class UserError(Exception):
    def __init__(self, ko: str, en: str | None = None, *, lines: list[tuple[str, str]] | None = None):
        self.lines = lines if lines is not None else [(ko, en or ko)]
        super().__init__(self.lines[0][1])

    def message(self, lang: str = "ko") -> str:
        i = 1 if lang == "en" else 0
        return "\n".join(pair[i] for pair in self.lines)


def describe(exc: BaseException, lang: str) -> str | None:
    """A person-readable message for any of our error types, else None.

    The vault, forms and export modules each carry their own exception classes; they agree
    on offering `message(lang)` or `ko`/`en` attributes, which is all we rely on here."""
    msg = getattr(exc, "message", None)
    if callable(msg):
        try:
            text = msg(lang)
        except TypeError:
            text = None
        if isinstance(text, str) and text:
            return text
    ko, en = getattr(exc, "ko", None), getattr(exc, "en", None)
    if isinstance(ko, str) or isinstance(en, str):
        return (en if lang == "en" else ko) or ko or en
    return None
