"""Declarative forms: definitions (YAML, ko + en), the model, validation, consent rules,
versions and migrations. Qt-free; imports nothing else of ours."""
from .consent import ConsentStatus, consent_covers, consent_status
from .evaluation import compute_values, prune_hidden, statistic_values, visible_paths
from .loader import FORM_ORDER, Registry, load_registry
from .model import (
    Check,
    Choice,
    FieldDef,
    FormDef,
    FormDefinitionError,
    FormsError,
    MigrationError,
    Problem,
    Section,
)
from .validate import RefRecord, ValidationContext, is_valid, validate

__all__ = [
    "FORM_ORDER", "Check", "Choice", "ConsentStatus", "FieldDef", "FormDef",
    "FormDefinitionError", "FormsError", "MigrationError", "Problem", "RefRecord", "Registry",
    "Section", "ValidationContext", "compute_values", "consent_covers", "consent_status",
    "is_valid", "load_registry", "prune_hidden", "statistic_values", "validate",
    "visible_paths",
]
