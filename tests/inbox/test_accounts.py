"""Users and API tokens on a real SQLite file with real argon2 (cheap parameters)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from argon2 import PasswordHasher

from inbox.accounts import AccountError, Accounts
from inbox.model import NoticeSource, Role
from inbox.store import Database
from tests.inbox.support import Clock

PASSWORD = "correct horse battery"


def cheap(time_cost: int = 1) -> PasswordHasher:
    """Real argon2id, tuned down so the tests stay fast."""
    return PasswordHasher(time_cost=time_cost, memory_cost=1024, parallelism=1)


@pytest.fixture
def accounts(db: Database, clock: Clock) -> Accounts:
    return Accounts(db, clock=clock, hasher=cheap())


def database_bytes(tmp_path: Path) -> bytes:
    return b"".join(p.read_bytes() for p in tmp_path.glob("inbox.sqlite3*"))


async def test_a_user_logs_in_with_their_password_only(
    accounts: Accounts, clock: Clock, tmp_path: Path
) -> None:
    user = await accounts.add_user("ines", Role.INVESTIGATOR, PASSWORD)
    assert (user.name, user.role, user.created_at, user.disabled) == (
        "ines",
        Role.INVESTIGATOR,
        clock.now,
        False,
    )
    assert await accounts.authenticate("ines", PASSWORD) == user
    assert await accounts.authenticate("INES", PASSWORD) == user
    assert await accounts.authenticate("ines", PASSWORD + "!") is None
    assert await accounts.authenticate("nobody", PASSWORD) is None
    assert await accounts.authenticate("", "") is None
    assert PASSWORD.encode() not in database_bytes(tmp_path)


async def test_passwords_are_stored_as_argon2id(accounts: Accounts, db: Database) -> None:
    await accounts.add_user("ada", Role.ADMIN, PASSWORD)
    async with db.conn.execute("SELECT password_hash FROM users") as cur:
        [(stored,)] = await cur.fetchall()
    assert stored.startswith("$argon2id$")
    assert PasswordHasher().verify(stored, PASSWORD)


async def test_disabled_users_cannot_log_in(accounts: Accounts) -> None:
    await accounts.add_user("rob", Role.RESEARCHER, PASSWORD)
    await accounts.set_disabled("rob", True)
    assert await accounts.authenticate("rob", PASSWORD) is None
    await accounts.set_disabled("rob", False)
    assert await accounts.authenticate("rob", PASSWORD) is not None
    with pytest.raises(AccountError, match="no user"):
        await accounts.set_disabled("ghost", True)


async def test_names_are_unique_and_passwords_long_enough(accounts: Accounts) -> None:
    await accounts.add_user("ines", Role.INVESTIGATOR, PASSWORD)
    with pytest.raises(AccountError, match="already a user"):
        await accounts.add_user("Ines", Role.ADMIN, PASSWORD)
    with pytest.raises(AccountError, match="at least 12"):
        await accounts.add_user("kort", Role.ADMIN, "short")
    with pytest.raises(AccountError, match="spaces"):
        await accounts.add_user("two words", Role.ADMIN, PASSWORD)
    assert [u.name for u in await accounts.users()] == ["ines"]


async def test_a_changed_password_replaces_the_old(accounts: Accounts) -> None:
    await accounts.add_user("ines", Role.INVESTIGATOR, PASSWORD)
    await accounts.set_password("ines", "a different passphrase")
    assert await accounts.authenticate("ines", PASSWORD) is None
    assert await accounts.authenticate("ines", "a different passphrase") is not None


async def test_outdated_hashes_are_upgraded_at_login(db: Database, clock: Clock) -> None:
    await Accounts(db, clock=clock, hasher=cheap(1)).add_user("ada", Role.ADMIN, PASSWORD)
    stronger = Accounts(db, clock=clock, hasher=cheap(2))

    assert await stronger.authenticate("ada", PASSWORD) is not None

    async with db.conn.execute("SELECT password_hash FROM users") as cur:
        [(stored,)] = await cur.fetchall()
    assert ",t=2," in stored


async def test_tokens_are_shown_once_and_stored_as_sha256(
    accounts: Accounts, db: Database, clock: Clock, tmp_path: Path
) -> None:
    token, secret = await accounts.add_token("nvwa", NoticeSource.AUTHORITY)

    assert secret.startswith("mpt_") and len(secret) > 40
    assert (token.name, token.source, token.created_at, token.active) == (
        "nvwa",
        NoticeSource.AUTHORITY,
        clock.now,
        True,
    )
    assert secret.encode() not in database_bytes(tmp_path)
    async with db.conn.execute("SELECT token_sha256 FROM api_tokens") as cur:
        [(stored,)] = await cur.fetchall()
    assert stored == hashlib.sha256(secret.encode()).hexdigest()
    assert await accounts.token_for(secret) == token


async def test_wrong_and_revoked_tokens_are_refused(accounts: Accounts, clock: Clock) -> None:
    _, secret = await accounts.add_token("flagger", NoticeSource.TRUSTED_FLAGGER)
    assert await accounts.token_for(secret[:-1] + ("A" if secret[-1] != "A" else "B")) is None
    assert await accounts.token_for("") is None
    assert await accounts.token_for(secret.removeprefix("mpt_")) is None

    clock.advance(days=1)
    await accounts.revoke_token("flagger")

    assert await accounts.token_for(secret) is None
    [token] = await accounts.tokens()
    assert (token.active, token.revoked_at) == (False, clock.now)
    with pytest.raises(AccountError, match="no active token"):
        await accounts.revoke_token("flagger")


async def test_tokens_only_for_trusted_flaggers_and_authorities(accounts: Accounts) -> None:
    with pytest.raises(AccountError, match="trusted flaggers and authorities"):
        await accounts.add_token("burger", NoticeSource.CITIZEN)
    await accounts.add_token("politie", NoticeSource.AUTHORITY)
    with pytest.raises(AccountError, match="already a token"):
        await accounts.add_token("politie", NoticeSource.AUTHORITY)
