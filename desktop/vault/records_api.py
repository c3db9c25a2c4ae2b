"""Vault methods for cases, records and search (logic in records.py and search.py)."""
from __future__ import annotations

from datetime import date

from desktop.vault import case_listing, cases, records, search
from desktop.vault.cases import Case
from desktop.vault.guard import open_only
from desktop.vault.opened import VaultPart
from desktop.vault.records import Record, RecordRef
from desktop.vault.search import SearchHit


class RecordsMixin(VaultPart):
    # -- cases ------------------------------------------------------------------------------

    @open_only
    def create_case(self, code: str | None = None) -> Case:
        """A new open case. Without `code`, the next "<PREFIX>-<YYYY>-<NNNN>" of this
        worker's prefix is generated (inside the write transaction, so two processes never
        take the same number)."""
        def make(conn, w):
            chosen = code if code is not None else cases.next_code(
                conn, self._store.prefix, date.today().year)
            return cases.create(conn, w, chosen)
        return self._store.write(make)

    @open_only
    def delete_empty_case(self, ref: str, reason: str | None = None) -> Case:
        """Remove a case that holds no record (audited); refused for a case with records."""
        return self._store.write(cases.delete_empty, ref, reason)

    @open_only
    def get_case(self, ref: str) -> Case | None:
        """The case `ref` names: its UUID, `CODE@worker`, or a code naming one case
        (`AmbiguousCase` if it names several, listing them)."""
        return cases.find(self._store.conn, ref)

    @open_only
    def ensure_case(self, ref: str) -> Case:
        existing = cases.find(self._store.conn, ref)
        return existing or self._store.write(cases.ensure, ref)

    @open_only
    def case_label(self, case: Case) -> str:
        """`CODE`, or `CODE·worker` where another case has the same code."""
        return cases.display_code(self._store.conn, case)

    @open_only
    def list_cases(self, status: str | None = None) -> list[Case]:
        return cases.list_all(self._store.conn, status)

    @open_only
    def case_rows(self, authors: bool = False) -> list[tuple]:
        """(code, status, created, updated) of every case, by code, as plain tuples; with
        `authors`, the case's author fifth (the center's desk)."""
        return case_listing.case_rows(self._store.conn, authors)

    @open_only
    def recent_case_rows(self, limit: int = 200, authors: bool = False
                         ) -> tuple[int, list[tuple]]:
        """(number of cases, the `limit` most recently changed as case_rows tuples)."""
        return case_listing.recent_case_rows(self._store.conn, limit, authors)

    @open_only
    def case_field_values(self, form: str, field: str | tuple[str, ...], *, after: int = 0,
                          limit: int | None = None) -> list[tuple]:
        """(record number, case label, JSON text of `field` — or one per field of a tuple)
        of live `form` records in a case, latest versions, in creation order; chunked by
        `after`/`limit`."""
        return case_listing.case_field_values(self._store.conn, form, field, after=after,
                                              limit=limit)

    @open_only
    def set_case_status(self, code: str, status: str) -> Case:
        return self._store.write(cases.set_status, code, status)

    # -- records ----------------------------------------------------------------------------

    @open_only
    def put_record(self, form: str, form_version: int, values: dict,
                   case_code: str | None = None) -> RecordRef:
        """A new record; `case_code` is created if it does not exist."""
        return self._store.write(records.put_record, form, form_version, values, case_code)

    @open_only
    def put_records(self, items) -> list[RecordRef]:
        """Many new records in one transaction (all or none): imports, demo data, a
        benchmark's fill. `items`: iterable of (form, form_version, values, case_code)."""
        def put_all(conn, w):
            return [records.put_record(conn, w, *item) for item in items]
        return self._store.write(put_all)

    @open_only
    def update_record(self, record_id: str, values: dict, form_version: int | None = None,
                      *, base: list[str] | str | None = None) -> RecordRef:
        """A new version of the record's values (earlier versions are kept), descending
        from `base` (a version id, or several to merge; default: the single head, and
        `Conflicted` if there are several). A base that is no longer a head keeps both."""
        return self._store.write(records.update_record, record_id, values, form_version,
                           bases=base)

    @open_only
    def record_heads(self, record_id: str) -> list[str]:
        """Head version ids of the record, oldest first; two or more: a conflict."""
        records._latest_row(self._store.conn, record_id)
        return records.heads_of(self._store.conn, record_id)

    @open_only
    def delete_record(self, record_id: str, reason: str | None = None) -> RecordRef:
        """A tombstone version; earlier versions are kept (only purge destroys them)."""
        return self._store.write(records.delete_record, record_id, reason)

    @open_only
    def get_record(self, record_id: str, version: int | str | None = None) -> Record:
        """The shown version (newest live head), or one given by local number or id; RecordNotFound if unknown. Not audited here:
        the code that shows a record to a person calls `audit("view", ...)`."""
        return records.get_record(self._store.conn, record_id, version)

    @open_only
    def list_records(self, case_code: str | None = None, *, form: str | None = None,
                     include_deleted: bool = False) -> list[Record]:
        """Latest versions in creation order; tombstoned records only if asked."""
        return records.list_records(self._store.conn, case_code, form=form,
                                    include_deleted=include_deleted)

    @open_only
    def record_versions(self, record_id: str) -> list[Record]:
        return records.record_versions(self._store.conn, record_id)

    @open_only
    def version_authors(self, record_id: str) -> dict[str, str]:
        """Who wrote each version, by version id (a Record's `author` is the record's:
        the versions of a shared record come from several workers)."""
        return records.version_authors(self._store.conn, record_id)

    @open_only
    def search(self, query: str, limit: int = 200) -> list[SearchHit]:
        """Records whose latest live version (or case code) contains every word of
        `query`, newest first."""
        return search.search(self._store.conn, query, limit)
