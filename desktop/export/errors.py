"""Export's user-facing errors: a short Korean and English message, one line a problem."""
from __future__ import annotations

from desktop.errors import UserError


class ExportError(UserError):
    """The export cannot be made; nothing was written at the target."""

    @property
    def ko(self) -> str:
        return "\n".join(k for k, _ in self.lines)

    @property
    def en(self) -> str:
        return "\n".join(e for _, e in self.lines)


class ExportRefused(ExportError):
    """No consent in effect covers this recipient (and no override reason was given)."""
