"""What every CLI command receives: the settings and the open resources built from them."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

from inbox.store import Database
from meldpunt.settings import Settings


@dataclass(frozen=True, slots=True)
class AppContext:
    """Settings after command-line overrides, plus the ``--debug`` switch."""

    settings: Settings
    debug: bool = False

    @asynccontextmanager
    async def database(self) -> AsyncIterator[Database]:
        """The archive database, opened and migrated."""
        async with Database.open(self.settings.db) as db:
            yield db
