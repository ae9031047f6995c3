"""Per-session state of the DEX writable resources: edits, a simulated clock and a byte budget.

Everything a session writes (device DEX tests, DEX rules, remote-capture commands) lives in one
`DexSessionState` kept in the session's Cloudflare overlay, so `POST /_mock/reset` (which drops
the session) forgets it. Reads never allocate: an account the session has not written to has no
entry, whatever ids are asked for.

Bounds (per session, all accounts together): MAX_OBJECTS stored objects (tests, rules, commands,
deletion markers, touched accounts) and MAX_BYTES of their approximate serialized size. A write
past either answers 400 with code STORE_FULL in Cloudflare's failure envelope; nothing is
evicted silently, so a session never loses an edit it was told succeeded. The bytes also count
(times MEMORY_PER_SERIALIZED_BYTE, what the objects take in memory) against the session's
MOCK_SESSION_STORE_BYTES and from there the server's MOCK_STATE_BYTES (core/store.py), past which
the least recently used sessions are forgotten: the DEX stores of all sessions stay bounded.

Time: the universe's clock is fixed at the settings' epoch, so writes get their timestamps from
the session's simulated clock instead: it starts at the epoch and every request to a writable
DEX operation advances it by TICK_SECONDS. Timestamps, command status and the quota window are
then functions of the request sequence alone: the same requests give the same bytes.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from netpath_mock.core import codec
from netpath_mock.core.clock import US as US  # re-exported: the DEX modules count in it
from netpath_mock.core.clock import simulated_us
from netpath_mock.core.errors import BadRequest
from netpath_mock.core.seeding import stable_digest
from netpath_mock.core.state import Session
from netpath_mock.core.store import ByteBudget

VENDOR = "cloudflare"
OVERLAY_KEY = "dex-writable"

MAX_OBJECTS = 2_000
MAX_BYTES = 1 << 20  # 1 MiB of serialized objects per session
ACCOUNT_BYTES = 256  # what a touched account's bookkeeping is charged
MARKER_BYTES = 64  # what a deletion marker is charged
TICK_SECONDS = 60  # simulated time per request to a writable DEX operation
# Stored objects take more memory than their JSON: measured with core.store.deep_size over the
# edits of 200 created tests, 1.3x (long names and descriptions) to 1.6x (short ones); the
# session is charged 2x.
MEMORY_PER_SERIALIZED_BYTE = 2

# Derived (no public code exists for a mock's own storage bound); DEX-range like 11004.
STORE_FULL = 11010


class StoreFull(BadRequest):
    """The session's store holds MAX_OBJECTS objects or MAX_BYTES bytes already."""


@dataclass(slots=True)
class Budget:
    """Counts the objects and approximate bytes a session stores."""

    max_objects: int = MAX_OBJECTS
    max_bytes: int = MAX_BYTES
    sizes: dict[Hashable, int] = field(default_factory=dict)
    total_bytes: int = 0
    # The session's store budget (MOCK_SESSION_STORE_BYTES, rolled up into MOCK_STATE_BYTES): a
    # live object of this process, never stored (dex_state attaches it on every use).
    parent: ByteBudget | None = field(default=None, metadata=codec.NOT_STORED)

    def reserve(self, key: Hashable, size: int) -> None:
        """Account `size` bytes to `key` (replacing its former size), or raise StoreFull."""
        old = self.sizes.get(key)
        objects = len(self.sizes) + (old is None)
        total = self.total_bytes - (old or 0) + size
        memory = (size - (old or 0)) * MEMORY_PER_SERIALIZED_BYTE
        parent = self.parent
        if (
            objects > self.max_objects
            or total > self.max_bytes
            or (parent is not None and memory > 0 and not parent.fits(memory))
        ):
            raise StoreFull(
                f"dex.api.session.limit: this mock session already stores {len(self.sizes)} "
                f"objects ({self.total_bytes} bytes); at most {self.max_objects} objects and "
                f"{self.max_bytes} bytes are kept per X-Mock-Session (POST /_mock/reset frees "
                "them)",
                code=STORE_FULL,
            )
        self.sizes[key] = size
        self.total_bytes = total
        if parent is not None:
            parent.charge(memory)

    def release(self, key: Hashable) -> None:
        """Forget `key`'s charge."""
        size = self.sizes.pop(key, 0)
        self.total_bytes -= size
        if self.parent is not None:
            self.parent.release(size * MEMORY_PER_SERIALIZED_BYTE)


@dataclass(slots=True)
class AccountEdits:
    """One account's edits in one session.

    `tests` and `rules` map an id to its current definition, or to None where the session
    deleted a generated object (a created object that is deleted is simply removed). Insertion
    order is creation order, which lists keep.
    """

    tests: dict[str, Any] = field(default_factory=dict)
    rules: dict[str, Any] = field(default_factory=dict)
    commands: list[Any] = field(default_factory=list)


@dataclass(slots=True)
class DexSessionState:
    """A session's writable DEX world: edits per account, its clock and its budget."""

    session_name: str = ""
    ticks: int = 0
    serial: int = 0
    budget: Budget = field(default_factory=Budget)
    accounts: dict[str, AccountEdits] = field(default_factory=dict)

    def edits(self, account: str) -> AccountEdits | None:
        """The account's edits, or None when the session never wrote to it (no allocation)."""
        return self.accounts.get(account)

    def edits_for_write(self, account: str) -> AccountEdits:
        """The account's edits, created (and charged) on the session's first write to it."""
        found = self.accounts.get(account)
        if found is None:
            self.budget.reserve(("account", account), ACCOUNT_BYTES)
            found = self.accounts[account] = AccountEdits()
        return found

    def put(
        self, account: str, kind: Literal["test", "rule"], ident: str, value: Any, size: int
    ) -> None:
        """Store the account's test or rule `ident` (its definition), charged `size` bytes."""
        edits = self.edits_for_write(account)  # charged first: a refusal below stores nothing
        self.budget.reserve((kind, account, ident), size)
        (edits.tests if kind == "test" else edits.rules)[ident] = value

    def remove(
        self, account: str, kind: Literal["test", "rule"], ident: str, *, seeded: bool
    ) -> None:
        """Delete the account's test or rule `ident`.

        A seeded one gets a deletion marker (None, charged); a created one is simply forgotten,
        its charge released: its id was never part of the seeded world.
        """
        edits = self.edits_for_write(account)
        key = (kind, account, ident)
        table = edits.tests if kind == "test" else edits.rules
        if seeded:
            self.budget.reserve(key, MARKER_BYTES)
            table[ident] = None
        else:
            table.pop(ident, None)
            self.budget.release(key)

    def tick(self) -> None:
        """Advance the simulated clock by one step."""
        self.ticks += 1

    def now_us(self, epoch: datetime) -> int:
        """The session's simulated now, in Unix microseconds."""
        return simulated_us(epoch, self.ticks, TICK_SECONDS)

    def new_id(self, seed: int, kind: str, account: str) -> str:
        """A fresh UUIDv4 for a created object: (seed, session name, kind, account, serial).

        The serial only grows, so an id is never issued twice in a session, even after the
        object it named was deleted; the session's name keeps parallel sessions from issuing
        each other's ids. Still deterministic: the same requests in the same session (name)
        give the same ids.
        """
        self.serial += 1
        key = (VENDOR, "created", self.session_name, kind, account, str(self.serial))
        return uuid_from(stable_digest(seed, *key))


codec.register(Budget)
codec.register(AccountEdits)
codec.register(DexSessionState)


def uuid_from(digest: bytes) -> str:
    """A lowercase UUIDv4 string built from 16 bytes of a digest."""
    raw = bytearray(digest[:16])
    raw[6] = (raw[6] & 0x0F) | 0x40
    raw[8] = (raw[8] & 0x3F) | 0x80
    h = raw.hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def dex_state(session: Session) -> DexSessionState:
    """The session's DEX writable state, created empty on first use (one per session)."""
    overlay = session.overlays[VENDOR]
    found = overlay.get(OVERLAY_KEY)
    if found is None:
        found = overlay[OVERLAY_KEY] = DexSessionState(
            session_name=session.name, budget=Budget(parent=session.store_budget)
        )
    assert isinstance(found, DexSessionState)
    # A shared backend hands back a copy read from the store, without the live budget.
    found.budget.parent = session.store_budget
    return found


def peek_state(session: Session) -> DexSessionState | None:
    """The session's DEX writable state if it has one (reads never create it)."""
    found = session.overlays[VENDOR].get(OVERLAY_KEY)
    return found if isinstance(found, DexSessionState) else None
