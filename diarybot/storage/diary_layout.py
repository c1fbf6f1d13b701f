"""Where things are in a patient's `diary.json`: its tables, and the doc id each entry is
stored under (so finding one is a dict lookup)."""

from __future__ import annotations

import hashlib

from tinydb.table import Document, Table

DIARY_FILE = "diary.json"
ENTRIES_TABLE = "entries"
SESSIONS_TABLE = "sessions"
PEG_TABLE = "peg"
#: The audit trail of corrections made from /history (and /undo): what changed, and when.
CORRECTIONS_TABLE = "corrections"


def entry_doc_id(entry_id: str) -> int:
    """Entries are stored under a TinyDB doc id derived from their own id, so finding one is a
    dict lookup instead of a query over the whole diary. Our ids are 10 hex digits (+1: TinyDB
    ids start at 1); any other id is hashed above that range, so ids never collide."""
    if len(entry_id) == 10:
        try:
            return int(entry_id, 16) + 1
        except ValueError:
            pass
    digest = hashlib.sha256(entry_id.encode()).digest()
    return 16**10 + 1 + int.from_bytes(digest[:6], "big")


def find_entry(table: Table, entry_id: str) -> Document | None:
    """One entry's document by entry id (every entry is stored under `entry_doc_id` of its id)."""
    doc = table.get(doc_id=entry_doc_id(entry_id))
    return doc if isinstance(doc, Document) and doc.get("id") == entry_id else None
