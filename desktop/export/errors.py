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


class TimestampUnavailableError(ExportError):
    """The configured timestamp service did not answer; nothing was written. The app asks
    whether to export without a timestamp (`export_case(..., without_timestamp=True)`);
    the CLI fails."""

    def __init__(self, url: str, detail: str):
        self.url = url
        super().__init__(
            f"타임스탬프 서비스({url})가 응답하지 않아 내보내지 않았습니다: {detail}. "
            f"연결되면 다시 시도하십시오",
            f"the timestamp service ({url}) did not answer, so nothing was exported: "
            f"{detail}. Try again when it is reachable")
