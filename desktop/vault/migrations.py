"""The vault schema as numbered migrations; the version lives in `PRAGMA user_version`.

Each step runs in one transaction with its version bump, so a crash mid-upgrade leaves
the previous version intact. A fixture vault of every released version is kept under
tests/fixtures/ and upgraded by the tests. Never edit a released step: add a new one.
"""
from __future__ import annotations

import json
from collections.abc import Callable

from desktop.vault import names, search
from desktop.vault.errors import VaultError
from desktop.vault.ids import uuid7


def _fts_options(conn) -> str:
    # contentless_delete (SQLite 3.43+) keeps no copy of the indexed text, so the index
    # does not duplicate record content; older SQLite (the stdlib baseline of the
    # benchmark) stores it.
    version = tuple(int(x) for x in
                    conn.execute("SELECT sqlite_version()").fetchone()[0].split("."))
    return ", content='', contentless_delete=1" if version >= (3, 43) else ""


_V1 = [
    "CREATE TABLE info(key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value BLOB NOT NULL, updated TEXT NOT NULL)",
    """CREATE TABLE cases(
        id TEXT PRIMARY KEY,
        code TEXT NOT NULL UNIQUE,
        status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
        author TEXT NOT NULL, created TEXT NOT NULL, updated TEXT NOT NULL)""",
    """CREATE TABLE records(
        n INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        form TEXT NOT NULL, form_version INTEGER NOT NULL,
        case_id TEXT REFERENCES cases(id),
        author TEXT NOT NULL, created TEXT NOT NULL, updated TEXT NOT NULL,
        version INTEGER NOT NULL, deleted INTEGER NOT NULL DEFAULT 0)""",
    "CREATE INDEX records_case ON records(case_id)",
    """CREATE TABLE record_versions(
        record_id TEXT NOT NULL, version INTEGER NOT NULL, form_version INTEGER NOT NULL,
        op TEXT NOT NULL CHECK (op IN ('create', 'edit', 'delete')),
        author TEXT NOT NULL, at TEXT NOT NULL, vals TEXT, reason TEXT,
        PRIMARY KEY (record_id, version)) WITHOUT ROWID""",
    # The outbox. Rows are never deleted (a purge deletes the content they point to and
    # appends a marker), so seq, this device's sequence, only grows without AUTOINCREMENT.
    """CREATE TABLE changes(
        seq INTEGER PRIMARY KEY,
        change_id TEXT NOT NULL, device_id TEXT NOT NULL,
        op TEXT NOT NULL, record_id TEXT, case_id TEXT, attachment_id TEXT,
        version INTEGER, at TEXT NOT NULL)""",
    """CREATE TABLE drafts(
        key TEXT PRIMARY KEY, payload TEXT NOT NULL, case_id TEXT, record_id TEXT,
        updated TEXT NOT NULL)""",
    """CREATE TABLE attachments(
        id TEXT PRIMARY KEY, record_id TEXT NOT NULL, field TEXT, name TEXT NOT NULL,
        size INTEGER NOT NULL, sha256 TEXT NOT NULL, md5 TEXT NOT NULL,
        imported_at TEXT NOT NULL, file_key BLOB NOT NULL,
        removed INTEGER NOT NULL DEFAULT 0, removed_at TEXT)""",
    "CREATE INDEX attachments_record ON attachments(record_id)",
    """CREATE TABLE audit(
        seq INTEGER PRIMARY KEY, actor TEXT NOT NULL, at TEXT NOT NULL,
        action TEXT NOT NULL, subject TEXT, reason TEXT,
        prev_hash TEXT NOT NULL, hash TEXT NOT NULL)""",
    """CREATE TRIGGER audit_append_only_update BEFORE UPDATE ON audit
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END""",
    """CREATE TRIGGER audit_append_only_delete BEFORE DELETE ON audit
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END""",
]


def _v1(conn) -> None:
    # Statement by statement: executescript() would COMMIT the migration's transaction.
    for sql in _V1:
        conn.execute(sql)
    conn.execute(f"CREATE VIRTUAL TABLE search USING fts5(bi, uni, tokenize='ascii'"
                 f"{_fts_options(conn)})")


def _v2(conn) -> None:
    # FTS5's automerge does its merge work in bursts: every 64 leaf pages written, up to
    # 64 x (number of levels) pages at once, inside whichever put happens to flush — tens
    # to hundreds of milliseconds. The merges now run in small steps of their own when the
    # vault is idle (Vault.maintain); FTS5's crisismerge (a level reaching 16 segments)
    # still bounds the index if maintain never runs.
    conn.execute("INSERT INTO search(search, rank) VALUES ('automerge', 0)")


def _v3(conn) -> None:
    # The desktop list opens on the most recently changed cases: with this index its first
    # screen is 200 index steps instead of a sort of every case (1.5 s at 100k cases).
    conn.execute("CREATE INDEX cases_updated ON cases(updated DESC, code)")


def _v4(conn) -> None:
    # The search index holds characters instead of bigrams and characters (search.py says
    # why); rebuilt from the latest live version of every record. With secure_delete the
    # old index's pages are zeroed as they are freed. It builds with today's
    # search.document: a later change to what is indexed needs a rebuild step of its own.
    conn.execute("DROP TABLE search")
    conn.execute(f"CREATE VIRTUAL TABLE search USING fts5(chars, tokenize='ascii'"
                 f"{_fts_options(conn)})")
    conn.execute("INSERT INTO search(search, rank) VALUES ('automerge', 0)")
    live = conn.execute(
        "SELECT r.n, v.vals, c.code FROM records AS r"
        " JOIN record_versions AS v ON v.record_id = r.id AND v.version = r.version"
        " LEFT JOIN cases AS c ON c.id = r.case_id"
        " WHERE r.deleted = 0 AND v.vals IS NOT NULL ORDER BY r.n")
    conn.executemany("INSERT INTO search(rowid, chars) VALUES (?, ?)",
                     ((n, search.document(json.loads(vals), code)) for n, vals, code in live))


def _v5(conn) -> None:
    # Versions another laptop can meet: a global version id and parent ids per version
    # (the per-record number stays as this vault's local order), the heads of each record,
    # a gapless per-device sequence in the outbox, operation ids for retries, and case
    # codes that may repeat (two workers' cases meet after sync; the id is the identity).
    row = conn.execute("SELECT value FROM info WHERE key = 'device_id'").fetchone()
    device = row[0] if row else None  # None: a vault being created (no versions yet)
    for col in ("version_id TEXT", "parents TEXT", "device_id TEXT", "op_id TEXT"):
        conn.execute(f"ALTER TABLE record_versions ADD COLUMN {col}")
    conn.execute("ALTER TABLE records ADD COLUMN heads INTEGER NOT NULL DEFAULT 1")
    conn.execute("""CREATE TABLE record_heads(
        record_id TEXT NOT NULL, version_id TEXT NOT NULL,
        PRIMARY KEY (record_id, version_id)) WITHOUT ROWID""")
    previous: dict[str, str] = {}
    rows = conn.execute("SELECT record_id, version FROM record_versions"
                        " ORDER BY record_id, version").fetchall()
    for record_id, version in rows:
        vid = uuid7()
        parent = previous.get(record_id)
        conn.execute("UPDATE record_versions SET version_id = ?, parents = ?, device_id = ?"
                     " WHERE record_id = ? AND version = ?",
                     (vid, json.dumps([parent] if parent else []), device, record_id, version))
        previous[record_id] = vid
    conn.executemany("INSERT INTO record_heads(record_id, version_id) VALUES (?, ?)",
                     previous.items())
    conn.execute("CREATE UNIQUE INDEX record_versions_id ON record_versions(version_id)")
    conn.execute("ALTER TABLE changes ADD COLUMN version_id TEXT")
    conn.execute("ALTER TABLE changes ADD COLUMN device_seq INTEGER")
    conn.execute("UPDATE changes SET version_id = (SELECT v.version_id FROM record_versions v"
                 " WHERE v.record_id = changes.record_id AND v.version = changes.version)"
                 " WHERE record_id IS NOT NULL AND version IS NOT NULL")
    conn.execute("UPDATE changes SET device_seq = (SELECT count(*) FROM changes AS c"
                 " WHERE c.device_id = changes.device_id AND c.seq <= changes.seq)")
    conn.execute("CREATE UNIQUE INDEX changes_device_seq ON changes(device_id, device_seq)")
    conn.execute("""CREATE TABLE operations(
        op_id TEXT PRIMARY KEY, kind TEXT NOT NULL, result TEXT NOT NULL,
        at TEXT NOT NULL) WITHOUT ROWID""")
    # Case codes stop being unique: the table is rebuilt without the constraint (SQLite
    # cannot drop one); migrate() turned foreign keys off around the steps for this.
    conn.execute("""CREATE TABLE cases_v5(
        id TEXT PRIMARY KEY,
        code TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
        author TEXT NOT NULL, created TEXT NOT NULL, updated TEXT NOT NULL,
        shared INTEGER NOT NULL DEFAULT 0)""")
    # `shared`: another case has the same code (kept by cases.insert and purge), so lists
    # show CODE·worker without a per-row subquery over 100k cases.
    conn.execute("INSERT INTO cases_v5(id, code, status, author, created, updated)"
                 " SELECT id, code, status, author, created, updated FROM cases")
    conn.execute("DROP TABLE cases")
    conn.execute("ALTER TABLE cases_v5 RENAME TO cases")
    conn.execute("CREATE INDEX cases_code ON cases(code)")
    conn.execute("CREATE INDEX cases_updated ON cases(updated DESC, code)")
    if conn.execute("PRAGMA foreign_key_check").fetchall():
        raise VaultError("금고 업그레이드 중 참조 오류", "reference error while upgrading the vault")
    # The default case prefix was the worker's initials alone: two workers named 김동행 and
    # 김도훈 both made KDH-2026-0001. A prefix still at that old default gains two
    # characters derived from this device, so codes made offline do not collide.
    row = conn.execute("SELECT value FROM info WHERE key = 'case_prefix'").fetchone()
    worker = conn.execute("SELECT value FROM info WHERE key = 'worker'").fetchone()
    if device and row and worker and row[0] == names.initials_prefix(worker[0]):
        conn.execute("UPDATE info SET value = ? WHERE key = 'case_prefix'",
                     (names.default_prefix(worker[0], device),))


def _v6(conn) -> None:
    # Sync (docs/sync.md): the change log stays the outbox; these tables hold what the
    # laptop knows of the server and what travelled. `origin` tells this vault's own
    # changes (the outbox) from those applied from a pull, which keep their author
    # device's change id and sequence.
    conn.execute("ALTER TABLE changes ADD COLUMN origin TEXT NOT NULL DEFAULT 'local'")
    # One row: the server this vault is enrolled with, and the device's private keys
    # (inside the encrypted database, like every other secret of the vault).
    conn.execute("""CREATE TABLE sync_enrollment(
        id INTEGER PRIMARY KEY CHECK (id = 1),
        server_url TEXT NOT NULL, tls_sha256 TEXT NOT NULL, server_epoch TEXT NOT NULL,
        device_id TEXT NOT NULL, worker TEXT NOT NULL, team TEXT, role TEXT NOT NULL,
        fingerprint TEXT NOT NULL, signing_key BLOB NOT NULL, sealing_key BLOB NOT NULL,
        routing_key BLOB NOT NULL, receipt_key BLOB NOT NULL, org_keys TEXT NOT NULL,
        enrolled_at TEXT NOT NULL)""")
    # A change frozen and sealed once (`body`: the exact bytes sent on every retry), and
    # the server's signed receipt once stored. Never deleted.
    conn.execute("""CREATE TABLE sync_outbox(
        change_id TEXT PRIMARY KEY, device_id TEXT NOT NULL, device_seq INTEGER NOT NULL,
        body BLOB NOT NULL, sha256 TEXT NOT NULL, frozen_at TEXT NOT NULL,
        server_seq INTEGER, server_epoch TEXT, receipt TEXT, delivered_at TEXT,
        refused TEXT, UNIQUE (device_id, device_seq))""")
    conn.execute("CREATE INDEX sync_outbox_pending ON sync_outbox(device_id, device_seq)"
                 " WHERE receipt IS NULL")
    # Pulled changes not applied yet: waiting for a parent, or not sealed to this device
    # (a later grant may open them). Kept, never dropped.
    conn.execute("""CREATE TABLE sync_inbox(
        change_id TEXT PRIMARY KEY, server_seq INTEGER NOT NULL, body BLOB NOT NULL,
        author TEXT NOT NULL, state TEXT NOT NULL CHECK (state IN ('waiting', 'unreadable')),
        note TEXT, received_at TEXT NOT NULL)""")
    # Files to upload (their ciphertext as stored) and the offset the server confirmed.
    conn.execute("""CREATE TABLE sync_files(
        attachment_id TEXT PRIMARY KEY, cipher_size INTEGER NOT NULL,
        cipher_sha256 TEXT NOT NULL, confirmed INTEGER NOT NULL DEFAULT 0,
        done_at TEXT)""")
    conn.execute("CREATE TABLE sync_state(key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    conn.execute("""CREATE TABLE sync_rounds(
        n INTEGER PRIMARY KEY, started TEXT NOT NULL, ended TEXT, pushed INTEGER,
        pulled INTEGER, files INTEGER, error TEXT)""")


def _v7(conn) -> None:
    # Every content key this laptop can read (its own sealed changes, pulled ones, keys
    # granted to it), so it can grant them on (a share, the worker's next laptop) and open
    # what was sealed before it could be a recipient. Inside the encrypted database like
    # every other secret.
    conn.execute("""CREATE TABLE sync_keys(
        change_id TEXT PRIMARY KEY, case_id TEXT, content_key BLOB NOT NULL,
        source TEXT NOT NULL CHECK (source IN ('own', 'pulled', 'granted')))""")
    conn.execute("CREATE INDEX sync_keys_by_case ON sync_keys(case_id)")
    # a share (an outbox change, op 'share'): who it grants to and the keys, frozen with it
    conn.execute("""CREATE TABLE sync_shares(
        change_id TEXT PRIMARY KEY, worker TEXT NOT NULL, granted_by TEXT NOT NULL,
        keys TEXT NOT NULL)""")


def _v8(conn) -> None:
    # Form releases accepted from the server (docs/sync.md, "Form releases"): each
    # verified against the organisation signing key pinned at enrollment; `forms` holds
    # every form version's YAML as published, with its SHA-256.
    conn.execute("""CREATE TABLE sync_form_releases(
        release_id TEXT PRIMARY KEY, seq INTEGER NOT NULL, published_at TEXT NOT NULL,
        forms TEXT NOT NULL, accepted_at TEXT NOT NULL)""")


def _v9(conn) -> None:
    # Pulled attachments whose ciphertext is fetched from the server (docs/sync.md,
    # "Downloads"): the size and SHA-256 the sealed attach change names (what the bytes
    # must be before they are accepted), `done_at` once verified and in place. The
    # attachment's row (and its file key) is written when the change is applied, so the
    # record shows the file at once; until `done_at` its bytes are "not yet downloaded",
    # which `check` and backups treat as pending, not as damage.
    conn.execute("""CREATE TABLE sync_downloads(
        attachment_id TEXT PRIMARY KEY, change_id TEXT NOT NULL,
        cipher_size INTEGER, cipher_sha256 TEXT, added_at TEXT NOT NULL, done_at TEXT,
        tries INTEGER NOT NULL DEFAULT 0, last_error TEXT)""")


def _v10(conn) -> None:
    # Notes from the center's desk to a worker about a case (docs/sync.md, "Notes from the
    # center"): written on the desk (its outbox change `note`, sealed to that worker's
    # laptops only), received on the worker's; `read_at` once the worker has seen it.
    conn.execute("""CREATE TABLE center_notes(
        id TEXT PRIMARY KEY, change_id TEXT UNIQUE, case_id TEXT, case_code TEXT,
        to_worker TEXT NOT NULL, by_worker TEXT NOT NULL, text TEXT NOT NULL,
        at TEXT NOT NULL, read_at TEXT)""")
    conn.execute("CREATE INDEX center_notes_case ON center_notes(case_id)")


def _v11(conn) -> None:
    # The exports this vault made (issue 14, "Exports"; desktop/vault/exports_store.py):
    # what was sent to whom, and the encrypted copy of the signed PDF under exports/<id>.dhae
    # (its own file key here, like an attachment's). `timestamped_at` stays NULL until the
    # organisation's trusted timestamps exist. And the change log looked up by version (a
    # record's delivery state: desktop/vault/delivery.py), which had no index.
    conn.execute("""CREATE TABLE exports(
        id TEXT PRIMARY KEY, case_id TEXT, case_code TEXT NOT NULL, profile TEXT NOT NULL,
        recipient TEXT, purpose TEXT, file_name TEXT NOT NULL, size INTEGER NOT NULL,
        sha256 TEXT NOT NULL, pages INTEGER, level TEXT, made_at TEXT NOT NULL,
        made_by TEXT NOT NULL, timestamped_at TEXT, file_key BLOB NOT NULL)""")
    conn.execute("CREATE INDEX exports_case ON exports(case_id)")
    conn.execute("CREATE INDEX changes_version ON changes(version_id)"
                 " WHERE version_id IS NOT NULL")


def _v12(conn) -> None:
    # The change log looked up by change id: every pulled change asks whether it is here
    # already (desktop/vault/incoming.py), which scanned the whole log — a desk pulling
    # 10,000 records spent a quarter of its time there.
    # not UNIQUE: a vault from before must open whatever its log holds
    conn.execute("CREATE INDEX changes_change_id ON changes(change_id)")


# (version, description, step). Append only.
def _v13(conn) -> None:
    # Long-term validation (issue 15): where the worker saved each export (the upgraded,
    # timestamped file is written beside it at the next sync, if the file is still there
    # unchanged) and the SHA-256 of the PDF as first signed (`sha256` follows the copy kept,
    # which the upgrade replaces).
    conn.execute("ALTER TABLE exports ADD COLUMN saved_path TEXT")
    conn.execute("ALTER TABLE exports ADD COLUMN signed_sha256 TEXT")


def _v14(conn) -> None:
    # Evidence anchoring (issue 15, desktop/vault/anchors.py): each anchor's token, root
    # and the audit head it covers; each attachment's leaf and inclusion proof; the random
    # salt of the leaves (never leaves the vault). A purge removes the purged files' leaves
    # with their attachment rows (the trigger), as it removes everything else of the case.
    import os

    conn.execute("""CREATE TABLE anchors(
        n INTEGER PRIMARY KEY, made_at TEXT NOT NULL, tsa_time TEXT NOT NULL,
        root BLOB NOT NULL, tree_size INTEGER NOT NULL, token BLOB NOT NULL,
        audit_count INTEGER NOT NULL, audit_hash TEXT NOT NULL,
        audit_index INTEGER NOT NULL, audit_proof BLOB NOT NULL)""")
    conn.execute("""CREATE TABLE anchor_leaves(
        attachment_id TEXT PRIMARY KEY, anchor INTEGER NOT NULL REFERENCES anchors(n),
        leaf_index INTEGER NOT NULL, proof BLOB NOT NULL) WITHOUT ROWID""")
    conn.execute("""CREATE TRIGGER anchor_leaves_purged AFTER DELETE ON attachments
        BEGIN DELETE FROM anchor_leaves WHERE attachment_id = OLD.id; END""")
    conn.execute("CREATE TABLE anchor_salt(one INTEGER PRIMARY KEY CHECK (one = 1),"
                 " salt BLOB NOT NULL)")
    conn.execute("INSERT INTO anchor_salt(one, salt) VALUES (1, ?)", (os.urandom(32),))


def _v15(conn) -> None:
    # Perceptual hashes and hash-only evidence (issue 16, docs/deletion.md): what the
    # import decoded (media type; PDQ hex + quality of an image; a video's vPDQ frame list
    # as JSON [[seconds, pdq, quality], ...]), the source file's own times (mtime, EXIF
    # DateTimeOriginal), a worker's note, and `hash_only`: the bytes were hashed in memory
    # and never written (no file, file_key empty; check, backup and sync look for none).
    for col in ("media_type TEXT", "pdq TEXT", "pdq_quality INTEGER", "vpdq TEXT",
                "hash_only INTEGER NOT NULL DEFAULT 0", "note TEXT", "file_mtime TEXT",
                "taken_at TEXT"):
        conn.execute(f"ALTER TABLE attachments ADD COLUMN {col}")


def _v16(conn) -> None:
    # The same checks without `IN (…)`: SQLCipher builds an ephemeral table for an IN list
    # each time a CHECK runs, which made inserting 11,000 content keys at freezing cost
    # 1 s (0.1 s with the comparisons spelled out; measured on this stack). Rebuilt the
    # way SQLite documents for a changed constraint: new table, copy, drop, rename.
    conn.execute("""CREATE TABLE sync_keys_v16(
        change_id TEXT PRIMARY KEY, case_id TEXT, content_key BLOB NOT NULL,
        source TEXT NOT NULL CHECK (source = 'own' OR source = 'pulled'
                                    OR source = 'granted'))""")
    conn.execute("INSERT INTO sync_keys_v16(change_id, case_id, content_key, source)"
                 " SELECT change_id, case_id, content_key, source FROM sync_keys")
    conn.execute("DROP TABLE sync_keys")
    conn.execute("ALTER TABLE sync_keys_v16 RENAME TO sync_keys")
    conn.execute("CREATE INDEX sync_keys_by_case ON sync_keys(case_id)")
    conn.execute("""CREATE TABLE sync_inbox_v16(
        change_id TEXT PRIMARY KEY, server_seq INTEGER NOT NULL, body BLOB NOT NULL,
        author TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state = 'waiting' OR state = 'unreadable'),
        note TEXT, received_at TEXT NOT NULL)""")
    conn.execute("INSERT INTO sync_inbox_v16(change_id, server_seq, body, author, state,"
                 " note, received_at) SELECT change_id, server_seq, body, author, state,"
                 " note, received_at FROM sync_inbox")
    conn.execute("DROP TABLE sync_inbox")
    conn.execute("ALTER TABLE sync_inbox_v16 RENAME TO sync_inbox")


MIGRATIONS: list[tuple[int, str, Callable]] = [
    (1, "records, cases, change log, drafts, attachments, audit, search", _v1),
    (2, "search index merged in idle steps instead of inside puts", _v2),
    (3, "index of cases by last change", _v3),
    (4, "search index of characters, rebuilt", _v4),
    (5, "version ids and parents, heads, device sequence, operation ids, case ids", _v5),
    (6, "sync: enrollment, sealed outbox and receipts, inbox, file progress", _v6),
    (7, "sync: content keys held, shares", _v7),
    (8, "sync: accepted form releases", _v8),
    (9, "sync: attachments to download", _v9),
    (10, "sync: notes from the center", _v10),
    (11, "exports kept encrypted; change log by version", _v11),
    (12, "change log by change id", _v12),
    (13, "exports: where saved, SHA-256 as first signed", _v13),
    (14, "evidence anchoring: anchors, leaves and proofs, leaf salt", _v14),
    (15, "attachments: media type, PDQ/vPDQ hashes, hash-only, note, source times", _v15),
    (16, "sync keys and inbox: checks without IN lists (fast inserts)", _v16),
]
CURRENT = MIGRATIONS[-1][0]


def schema_version(conn) -> int:
    return conn.execute("PRAGMA user_version").fetchone()[0]


def migrate(conn, steps: list[tuple[int, str, Callable]] | None = None) -> list[int]:
    """Bring the database to the newest version; returns the versions applied."""
    steps = MIGRATIONS if steps is None else steps
    newest = steps[-1][0]
    current = schema_version(conn)
    if current > newest:
        raise VaultError("이 금고는 더 새 버전의 동행에서 만들어졌습니다. 프로그램을 업데이트하세요",
                         f"this vault has schema {current}, newer than this app knows "
                         f"({newest}): update Donghaeng")
    applied: list[int] = []
    if current < newest:
        # A step may rebuild a table others reference (v5: cases); foreign keys can only
        # be switched outside a transaction, and each step checks them before committing.
        conn.execute("PRAGMA foreign_keys = OFF")
    try:
        _apply(conn, steps, current, applied)
    finally:
        conn.execute("PRAGMA foreign_keys = ON")
    return applied


def _apply(conn, steps, current: int, applied: list[int]) -> None:
    for version, _desc, step in steps:
        if version <= current:
            continue
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Another process may have upgraded while we waited for the write lock.
            if schema_version(conn) >= version:
                conn.execute("COMMIT")
                continue
            step(conn)
            conn.execute(f"PRAGMA user_version = {int(version)}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        applied.append(version)
