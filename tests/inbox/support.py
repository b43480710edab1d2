"""Helpers shared by the inbox tests: a hand-moved clock, actors and post texts."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from inbox.model import Actor, Role

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
INVESTIGATOR = Actor("ines", Role.INVESTIGATOR)
ADMIN = Actor("ada", Role.ADMIN)
RESEARCHER = Actor("rob", Role.RESEARCHER)

OFFER_TEXT = (
    "🔥 MENU 🔥\nCocaine 1g €80 / 5g €350\nMDMA pillen 10 voor €50\nWiet Amnesia 5g €45\n"
    "Bezorging in Amsterdam en Rotterdam binnen het uur, betalen met BTC of contant.\n"
    "Bestellen: @snelle_bezorger"
)
"""A drug menu written for these tests: an offer by any reading."""

PLAIN_TEXT = "Zondag rommelmarkt in het buurthuis: oude platen, boeken en kinderkleding."
"""A harmless post."""


class Clock:
    """A clock that stands still until the test moves it."""

    def __init__(self, now: datetime = START) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now
