"""The store: SQLite through aiosqlite, the only place in Meldpunt that holds SQL."""

from inbox.store.database import Database

__all__ = ["Database"]
