"""pyHanko's TimeStamper over the pinned transport (the center's TSA, POST /v1/tsa).

Apart from sync/client/timestamps.py so that a sync round, which fetches tokens and
validation material with plain functions, does not import pyHanko (half a second): only
signing and upgrading exports need this class.
"""
from __future__ import annotations

import asyncio
from typing import Any

from sync.client.timestamps import TSA_PATH, _check_reply, _post_query
from sync.client.transport import SyncError, SyncTransport


def _timestamper_base() -> type:
    from pyhanko.sign.timestamps.api import TimeStamper

    return TimeStamper


class PinnedTimeStamper(_timestamper_base()):  # type: ignore[misc]
    """pyHanko's TimeStamper asking the center's TSA over the pinned transport. Any
    failure is pyHanko's TimestampRequestError (the signer reports it as "the timestamp
    service did not answer"), with the transport's typed error as its cause."""

    def __init__(self, transport: SyncTransport, sample: bytes | None = None):
        """`sample`: a TimeStampResp this TSA gave earlier (fetch_token). pyHanko otherwise
        asks for a throwaway timestamp before each signature (to size the signature and
        learn the TSA's certificates): one round trip saved per export."""
        super().__init__()
        self.transport = transport
        self.url = transport.url + TSA_PATH
        if sample:
            from asn1crypto import tsp

            token = tsp.TimeStampResp.load(sample)["time_stamp_token"]
            self._register_dummy("sha256", token)   # pyHanko's own cache of that answer

    async def async_request_tsa_response(self, req: Any) -> Any:
        from pyhanko.sign.timestamps.common_utils import TimestampRequestError

        digest = req["message_imprint"]["hashed_message"].native
        nonce = req["nonce"].native
        try:
            reply = await asyncio.to_thread(_post_query, self.transport, req.dump())
            return _check_reply(reply, digest, nonce)
        except SyncError as exc:
            raise TimestampRequestError(exc.en) from exc
