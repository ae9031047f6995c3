"""The closed, seeded universe of an organisation: its Network Path tests and its people.

An org has `datadog_test_count` tests. Their public ids are `xxx-xxx-xxx` drawn from the real
alphabet (no 0, 1, l, o: datadog-contract-notes §5), derived only from (seed, index); the ids of
Datadog's docs and SDK examples come first, so they resolve out of the box. Created tests (a later
overlay) get ids from the same alphabet and never collide with this table.

Beside the tests' content (generator.py), each test has lifecycle facts the v1 API shows: when
it was created and last modified, by which org member, its monitor id and its version history
(`test_meta`). They come from their own random stream, so the v2 bodies are unchanged by them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

from netpath_mock.core import codec
from netpath_mock.core.seeding import rng_for, stable_digest, stable_int
from netpath_mock.vendors.datadog import catalogdata, generator

VENDOR = "datadog"
ALPHABET = "23456789abcdefghijkmnpqrstuvwxyz"
# c7a-uwa-wn2: a long-lived real network test (notes §5); abc-def-123: the spec's example.
DOC_PUBLIC_IDS = ("c7a-uwa-wn2", "abc-def-123")


def public_id_from_int(n: int) -> str:
    """Nine alphabet characters from the low 45 bits of `n`, as xxx-xxx-xxx."""
    chars = [ALPHABET[(n >> (5 * i)) & 31] for i in range(9)]
    return f"{''.join(chars[0:3])}-{''.join(chars[3:6])}-{''.join(chars[6:9])}"


@lru_cache(maxsize=16)
def public_ids(seed: int, count: int) -> tuple[str, ...]:
    """The org's test ids, in catalog order."""
    ids = list(DOC_PUBLIC_IDS[:count])
    seen = set(ids)
    i = 0
    while len(ids) < count:
        candidate = public_id_from_int(stable_int(seed, VENDOR, "test", str(i), bits=45))
        i += 1
        if candidate not in seen:
            seen.add(candidate)
            ids.append(candidate)
    return tuple(ids)


@lru_cache(maxsize=16)
def index_of(seed: int, count: int) -> dict[str, int]:
    """public_id -> catalog index, for O(1) existence checks."""
    return {public_id: i for i, public_id in enumerate(public_ids(seed, count))}


# --- The org: its id, domain and people ---------------------------------------------------------


@lru_cache(maxsize=16)
def org_domain(seed: int) -> str:
    """The organisation's domain: one company owns every test of the universe."""
    return generator.organisation_domain(rng_for(seed, VENDOR, "org"))


def org_id(seed: int) -> int:
    """The org's numeric id (6 digits, like the recorded 321813)."""
    return 100_000 + stable_int(seed, VENDOR, "org-id", bits=32) % 900_000


@dataclass(frozen=True, slots=True)
class User:
    """A member of the org: creator, author of test versions, caller of the API."""

    uuid: str
    id: int
    name: str | None
    email: str

    def creator(self) -> dict[str, Any]:
        """v1's `creator` (notes §9.1: name may be null, handle is the e-mail)."""
        return {"name": self.name, "handle": self.email, "email": self.email}

    def editor(self) -> dict[str, Any]:
        """v1 patch's `created_by` / `modified_by` (notes §9.1 key set, with the user id)."""
        return {"name": self.name, "handle": self.email, "id": self.id, "email": self.email}

    def author(self) -> dict[str, Any]:
        """A version's `author` (SyntheticsTestVersionAuthor)."""
        return {"email": self.email, "handle": self.email, "id": self.uuid, "name": self.name}


def uuid_from(seed: int, *key: str) -> str:
    """A version-4-shaped UUID string derived only from (seed, key)."""
    raw = bytearray(stable_digest(seed, VENDOR, *key, size=16))
    raw[6] = (raw[6] & 0x0F) | 0x40
    raw[8] = (raw[8] & 0x3F) | 0x80
    h = raw.hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


@lru_cache(maxsize=16)
def users(seed: int) -> tuple[User, ...]:
    """The org's people (6-14), e-mails at the org's domain; some never set a name."""
    rng = rng_for(seed, VENDOR, "users")
    domain = org_domain(seed)
    out: list[User] = []
    seen: set[str] = set()
    for i in range(6 + int(rng.random() * 9)):
        first = catalogdata.FIRST_NAMES[int(rng.random() * len(catalogdata.FIRST_NAMES))]
        last = catalogdata.LAST_NAMES[int(rng.random() * len(catalogdata.LAST_NAMES))]
        email = f"{first}.{last}@{domain}".lower()
        if email in seen:
            continue
        seen.add(email)
        # Name tables are lower-case; people write theirs capitalised.
        name = None if rng.random() < 0.15 else f"{first.capitalize()} {last.capitalize()}"
        user_id = 1_000_000 + stable_int(seed, VENDOR, "user-id", str(i), bits=32) % 9_000_000
        out.append(User(uuid_from(seed, "user", str(i)), user_id, name, email))
    return tuple(out)


def user_for(seed: int, key: str) -> User:
    """The org member behind an application key (any key maps to one member, stably)."""
    people = users(seed)
    return people[stable_int(seed, VENDOR, "caller", key, bits=32) % len(people)]


# --- Lifecycle facts of a generated test ---------------------------------------------------------

# A recorded pair (notes §5, §9.1): a test created 2026-02-17T17:42:53Z has monitor 259556867,
# and ids grew to ~304M by 2026-07: about 3.68 new monitors per second, site-wide.
_MONITOR_REF_ID = 259_556_867
_MONITOR_REF_TIME = datetime(2026, 2, 17, 17, 42, 53, tzinfo=UTC).timestamp()
_MONITORS_PER_SECOND = 3.68
_MAX_AGE = 420 * 86_400.0  # Network Path tests exist since late 2025
_MIN_AGE = 3_600.0


def monitor_id_at(seed: int, created_at: float, *key: str) -> int:
    """The monitor id a test created at `created_at` gets: site-wide ids grow with time."""
    base = _MONITOR_REF_ID + round((created_at - _MONITOR_REF_TIME) * _MONITORS_PER_SECOND)
    return max(base, 100_000_000) + stable_int(seed, VENDOR, "monitor", *key, bits=2)


def isoformat(ts: float) -> str:
    """v1 timestamps: `2026-02-17T17:44:56.952076+00:00` (6-digit microseconds, notes §9.1)."""
    return datetime.fromtimestamp(ts, UTC).isoformat(timespec="microseconds")


codec.register(User)


@dataclass(frozen=True, slots=True)
class TestMeta:
    """When a generated test was created and edited, by whom, and its monitor."""

    __test__ = False  # not a pytest test class

    created_at: float
    monitor_id: int
    creator: User
    # (time, author) of each version, oldest first; the first is the creation.
    versions: tuple[tuple[float, User], ...]

    @property
    def modified_at(self) -> float:
        """The last edit (the creation when never edited)."""
        return self.versions[-1][0]


def test_meta(seed: int, epoch: float, public_id: str) -> TestMeta:
    """The lifecycle facts of `public_id`: a pure function of (seed, epoch, public_id)."""
    rng = rng_for(seed, VENDOR, "meta", public_id)
    people = users(seed)
    # Microsecond resolution, as the API stores it.
    age = _MIN_AGE + (_MAX_AGE - _MIN_AGE) * rng.random() ** 1.3
    created_at = round(epoch - age, 6)
    creator = people[int(rng.random() * len(people))]
    roll = rng.random()
    if roll < 0.35:
        edits = 0
    elif roll < 0.55:
        edits = 1
    else:
        edits = 2 if roll < 0.7 else 3 + int(rng.random() * 6)
    times = sorted(created_at + (epoch - 60 - created_at) * rng.random() for _ in range(edits))
    versions = [(created_at, creator)]
    for at in times:
        author = creator if rng.random() < 0.7 else people[int(rng.random() * len(people))]
        versions.append((round(max(at, versions[-1][0] + 1), 6), author))
    monitor = monitor_id_at(seed, created_at, public_id)
    return TestMeta(created_at, monitor, creator, tuple(versions))
