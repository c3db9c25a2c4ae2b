"""Signed PDF export of a case (reportlab + pyHanko), imported lazily: start-up pays for
none of it. Public API:

    export_case(vault, registry, case_code, profile, out_path, *, recipient=None,
                purpose=None, override_reason=None, lang="ko", now=None) -> ExportResult
    export_certificate_pem(vault) -> bytes
    ExportError, ExportRefused, ExportResult, PROFILES
"""
from __future__ import annotations

from desktop.export.errors import ExportError, ExportRefused

_LAZY = {
    "export_case": ("desktop.export.export", "export_case"),
    "ExportResult": ("desktop.export.export", "ExportResult"),
    "default_name": ("desktop.export.export", "default_name"),
    "export_certificate_pem": ("desktop.export.signing", "export_certificate_pem"),
    "PROFILES": ("desktop.export.profiles", "PROFILES"),
}

__all__ = ["ExportError", "ExportRefused", *_LAZY]


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        module, attr = _LAZY[name]
        return getattr(importlib.import_module(module), attr)
    raise AttributeError(name)
