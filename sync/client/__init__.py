"""The laptop's sync client: sealing, the signed transport, resumable uploads.

No Qt and no vault here: desktop/syncing drives it with the vault's short operations."""
