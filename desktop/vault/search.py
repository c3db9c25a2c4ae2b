"""Korean-aware full-text search over the latest live version of each record.

Korean particles stick to words (피해자는 = 피해자 + 는) and most given names are two
syllables, so word tokens do not work. The index holds each word as its characters in order
(피해자는 -> "피 해 자 는"), words apart by a separator token, and a query word is a phrase of
its characters: 피해자 -> "피 해 자", found inside 피해자는; one syllable (김) is a phrase of
one. The FTS5 `ascii` tokenizer then only splits on spaces, and the table keeps no copy of
the text (contentless). Matching is substring matching within a word, for every script;
Latin is case-insensitive.

Why characters and not bigrams (schema v4): every distinct token of a record costs FTS5 one
allocation, and with SQLCipher's memory security every allocation an mlock and an munlock.
A record's distinct characters are about half as many as its distinct bigrams plus
characters (the v1 index), so a put costs ~1.5 ms less at 100k records. The price is on
the search side: FTS5 resolves a phrase of characters from their position lists, so a
query that matches nothing is no longer answered by one missing bigram (0.4 ms) but takes
7-25 ms at 100k records; queries with hits cost about the same (docs/architecture.md).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from desktop.vault.cases import LABEL_SQL

_WORD = re.compile(r"[^\W_]+")
# Between two words, so a phrase never runs from one word into the next. Two characters:
# never equal to a query's tokens, which are single characters.
WORD_BREAK = "zz"
# One merge step: a few milliseconds, so a put that waits behind it hardly notices.
MERGE_PAGES = 64


@dataclass(frozen=True)
class SearchHit:
    record_id: str
    case_code: str | None
    form: str


def words(text: str) -> list[str]:
    return _WORD.findall(unicodedata.normalize("NFC", text).lower())


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def document(values: dict, case_code: str | None) -> str:
    """The indexed text of a record. Matching only asks whether a record has a match, so
    each distinct word goes in once."""
    seen: dict[str, None] = {}
    texts = list(_strings(values))
    if case_code:
        texts.append(case_code)
    for text in texts:
        seen.update(dict.fromkeys(words(text)))
    return f" {WORD_BREAK} ".join(" ".join(w) for w in seen)


def match_expression(query: str) -> str | None:
    """FTS5 query for `query`: every word must occur (AND). None if nothing to search."""
    parts = ['"' + " ".join(w) + '"' for w in words(query)]
    return " AND ".join(parts) if parts else None


def index(conn, n: int, values: dict, case_code: str | None, replace: bool = True) -> None:
    if replace:
        conn.execute("DELETE FROM search WHERE rowid = ?", (n,))
    conn.execute("INSERT INTO search(rowid, chars) VALUES (?, ?)",
                 (n, document(values, case_code)))


def unindex(conn, n: int) -> None:
    conn.execute("DELETE FROM search WHERE rowid = ?", (n,))


def search(conn, query: str, limit: int = 200) -> list[SearchHit]:
    expr = match_expression(query)
    if expr is None:
        return []
    rows = conn.execute(
        f"SELECT r.id, {LABEL_SQL}, r.form FROM"
        " (SELECT rowid AS n FROM search WHERE search MATCH ? ORDER BY rowid DESC LIMIT ?)"
        " AS hits"
        " JOIN records AS r ON r.n = hits.n LEFT JOIN cases AS c ON c.id = r.case_id"
        " WHERE r.deleted = 0 ORDER BY r.n DESC", (expr, int(limit))).fetchall()
    return [SearchHit(*row) for row in rows]


def merge_step(conn, pages: int = MERGE_PAGES) -> bool:
    """One incremental merge of the index's segments (about `pages` leaf pages written);
    True if it did any work. FTS5 documents the test: the merge did nothing if the total
    change count grew by less than two."""
    before = conn.total_changes
    conn.execute("INSERT INTO search(search, rank) VALUES ('merge', ?)", (int(pages),))
    return conn.total_changes - before >= 2


def optimize(conn) -> None:
    """Merge the index segments so entries of deleted documents are dropped for good
    (used after a purge; with secure_delete the freed pages are zeroed)."""
    conn.execute("INSERT INTO search(search) VALUES ('optimize')")
