"""The sync protocol: the version and the message types both sides share.

Plain, typed Python (no pydantic): the desktop client imports this package and its bundle
does not carry the server stack. The server imports it too, so the two cannot drift.
"""
from sync.protocol.certificates import CertificateRequest, CertificateResponse
from sync.protocol.codec import (
    ProtocolError,
    b64decode,
    b64encode,
    decode,
    from_json,
    to_dict,
    to_json,
)
from sync.protocol.exchange import (
    MAX_CHANGES,
    PULL_LIMIT,
    DeviceOverview,
    DeviceReport,
    DeviceStatus,
    EnrollRequest,
    EnrollResponse,
    Envelope,
    FileRef,
    PulledChange,
    PullPage,
    PushRequest,
    PushResponse,
    Receipt,
    RecipientKey,
    RecipientsRequest,
    RecipientsResponse,
    Refusal,
    ReportStored,
    SealedChange,
    StoredReceipt,
    WorkersOverview,
)
from sync.protocol.messages import (
    HPKE_SUITE,
    KEY_ALGORITHMS,
    MIN_PROTOCOL_VERSION,
    PROTOCOL_HEADER,
    PROTOCOL_VERSION,
    ErrorBody,
    Health,
    PublicKey,
    ServerInfo,
    key_id,
    utc_text,
)
from sync.protocol.orders import (
    WIPE_MODES,
    WipeOrder,
    WipeReceipt,
    wipe_order_text,
    wipe_receipt_text,
)
from sync.protocol.releases import (
    FORMS_PAGE_LIMIT,
    FormRelease,
    FormReleasePage,
    ReleasedForm,
    release_text,
    yaml_sha256,
)

__all__ = [
    "MAX_CHANGES", "PULL_LIMIT", "DeviceStatus", "EnrollRequest", "EnrollResponse",
    "Envelope", "FileRef", "PullPage", "PulledChange", "PushRequest", "PushResponse",
    "Receipt", "RecipientKey", "RecipientsRequest", "RecipientsResponse", "Refusal",
    "SealedChange", "StoredReceipt", "DeviceOverview", "DeviceReport", "ReportStored", "WorkersOverview",
    "HPKE_SUITE", "KEY_ALGORITHMS", "MIN_PROTOCOL_VERSION", "PROTOCOL_HEADER",
    "PROTOCOL_VERSION", "ErrorBody", "Health", "ProtocolError", "PublicKey", "ServerInfo",
    "b64decode", "b64encode", "decode", "from_json", "key_id", "to_dict", "to_json",
    "utc_text",
    "WIPE_MODES", "WipeOrder", "WipeReceipt", "wipe_order_text", "wipe_receipt_text",
    "FORMS_PAGE_LIMIT", "FormRelease", "FormReleasePage", "ReleasedForm", "release_text",
    "yaml_sha256",
    "CertificateRequest", "CertificateResponse",
]
