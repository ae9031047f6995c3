"""SearchTests: the UI's search syntax over the org's tests, with offset paging (notes §9.1).

Supported subset of the query syntax (terms are ANDed; case-insensitive):
* free text (`checkout`, `"checkout api"`): a substring of the name or host, or the public id;
* `tag:<tag>` (`tag:env:prod`, `tag:"managedBy:terraform"`): a tag equal to it, or a tag key
  equal to it (`tag:team`); `*` is a wildcard (`tag:team:*`);
* `type:network` (every test here is one; `api`, `browser`, `mobile` match none),
  `subtype:tcp|udp|icmp`, `status:live|paused`, `id:<public id>`;
* `creator:<name or e-mail fragment>`, `creator:Me` (the caller);
* `location:<id or display-name fragment>` (`location:aws:eu-west-1`, `location:Frankfurt`);
* any other `key:value` is a tag facet, as the UI's `team:unicorn`, `env:prod`;
* alternatives in parentheses, `creator:("Me")`, `status:(live OR paused)`; `-term` negates.

Sorting: `name`, `created_at`, `modified_at`, `status` or `public_id`, `asc` / `desc`.
The answer is `{"tests": [...], "total": N, "facets": [...]}`; `total` counts every match, the page
is `start`/`count`. Without `include_full_config=true` items carry no `config`. With
`facets_only=true` `tests` is empty and `facets` counts the matches per facet as
`[{"name": "status", "values": [{"value": "live", "count": 12}, ...]}, ...]` — no facet body
is on record (only the empty `[]`), so that shape is this mock's.
"""

from __future__ import annotations

import fnmatch
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import orjson

from netpath_mock.core.errors import BadRequest
from netpath_mock.core.state import MockState, Session
from netpath_mock.vendors.datadog import locations, universe
from netpath_mock.vendors.datadog.records import TestRecord
from netpath_mock.vendors.datadog.service import DELETED, VENDOR, NetworkTestService
from netpath_mock.vendors.datadog.tests_v1 import v1_test

SORT_FIELDS = ("name", "created_at", "modified_at", "status", "public_id")
MAX_QUERY = 1024  # characters of `text` looked at; a longer query is refused
FACETS = ("type", "subtype", "status", "creator", "location", "tag")


@dataclass(frozen=True, slots=True)
class Entry:
    """What search looks at in one test."""

    public_id: str
    name: str
    host: str
    status: str
    subtype: str
    tags: tuple[str, ...]
    creator: universe.User
    created_at: float
    modified_at: float
    locations: tuple[str, ...]


def entry_of(record: TestRecord) -> Entry:
    """The searchable facts of a test."""
    a = record.attributes
    request = (a.get("config") or {}).get("request") or {}
    return Entry(
        record.public_id,
        str(a.get("name") or ""),
        str(request.get("host") or ""),
        str(a.get("status") or "live"),
        str(a.get("subtype") or ""),
        tuple(str(t) for t in a.get("tags") or ()),
        record.creator,
        record.created_at,
        record.modified_at,
        tuple(str(loc) for loc in a.get("locations") or ()),
    )


# --- the query ---------------------------------------------------------------------------------

Matcher = Callable[[Entry], bool]
_TOKEN = re.compile(
    r"""\s*(?P<neg>-)?(?:(?P<key>[A-Za-z_][A-Za-z0-9_.@-]*):)?"""
    r"""(?P<value>"[^"]*"|\([^)]*\)|[^\s()"]+)"""
)
_ALTERNATIVE = re.compile(r'"([^"]*)"|([^\s"]+)')


def _values(raw: str) -> list[str]:
    if raw.startswith("("):
        found = [q or bare for q, bare in _ALTERNATIVE.findall(raw[1:-1])]
        return [v for v in found if v.upper() != "OR"] or [""]
    if raw.startswith('"'):
        return [raw[1:-1]]
    return [raw]


def _like(pattern: str, text: str) -> bool:
    """Case-insensitive equality, or a `*` wildcard match."""
    if "*" in pattern:
        return fnmatch.fnmatchcase(text.lower(), pattern.lower())
    return text.lower() == pattern.lower()


def _tag_matches(value: str, tags: tuple[str, ...]) -> bool:
    return any(_like(value, tag) or _like(value, tag.split(":", 1)[0]) for tag in tags)


def _location_matches(seed: int, value: str, ids: tuple[str, ...]) -> bool:
    needle = value.lower()
    for location_id in ids:
        if _like(value, location_id):
            return True
        found = locations.resolve(seed, location_id)
        if found is not None and needle in found.name.lower():
            return True
    return False


def _term(seed: int, me: universe.User, key: str | None, value: str) -> Matcher:
    """The predicate of one `key:value` (or free-text) term."""
    lowered = value.lower()
    if key is None:
        return lambda e: (
            lowered in e.name.lower() or lowered in e.host.lower() or lowered == e.public_id
        )
    key = key.lower()
    if key == "tag":
        return lambda e: _tag_matches(value, e.tags)
    if key == "type":
        return lambda e: _like(value, "network")
    if key == "subtype":
        return lambda e: _like(value, e.subtype)
    if key == "status":
        return lambda e: _like(value, e.status)
    if key in ("id", "public_id"):
        return lambda e: _like(value, e.public_id)
    if key == "creator":
        if lowered == "me":
            return lambda e: e.creator.email == me.email
        return lambda e: (
            lowered in (e.creator.name or "").lower() or lowered in e.creator.email.lower()
        )
    if key in ("location", "locations"):
        return lambda e: _location_matches(seed, value, e.locations)
    # Any other facet is a tag facet: `team:unicorn` is the tag `team:unicorn`.
    tag = f"{key}:{value}"
    return lambda e: any(_like(tag, t) for t in e.tags)


def parse_query(seed: int, me: universe.User, text: str) -> Matcher:
    """The predicate of a whole query (terms ANDed; alternatives in parentheses ORed)."""
    if len(text) > MAX_QUERY:
        raise BadRequest(f"Maximum length of parameter 'text' should be {MAX_QUERY}")
    terms: list[tuple[bool, list[Matcher]]] = []
    position = 0
    text = text.strip()
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None or match.end() == position:
            raise BadRequest("The value provided for parameter 'text' is invalid")
        position = match.end()
        key, raw = match.group("key"), match.group("value")
        if key is None and raw.upper() in ("AND", "OR"):
            continue  # terms are ANDed already; a bare OR between terms is read as AND
        alternatives = [_term(seed, me, key, value) for value in _values(raw)]
        terms.append((match.group("neg") is not None, alternatives))

    def matches(entry: Entry) -> bool:
        for negated, alternatives in terms:
            hit = any(alt(entry) for alt in alternatives)
            if hit == negated:
                return False
        return True

    return matches


def parse_sort(sort: str) -> tuple[str, bool]:
    """(`field`, descending) of `name,asc`-style sort, or 400."""
    field, _, direction = sort.partition(",")
    field, direction = field.strip(), (direction.strip() or "asc").lower()
    if field not in SORT_FIELDS or direction not in ("asc", "desc"):
        raise BadRequest("The value provided for parameter 'sort' is invalid")
    return field, direction == "desc"


def _sort_key(field: str) -> Callable[[Entry], Any]:
    if field == "name":
        return lambda e: (e.name.lower(), e.public_id)
    if field == "created_at":
        return lambda e: (e.created_at, e.public_id)
    if field == "modified_at":
        return lambda e: (e.modified_at, e.public_id)
    if field == "status":
        return lambda e: (e.status, e.name.lower(), e.public_id)
    return lambda e: e.public_id


def _facets(seed: int, entries: list[Entry]) -> list[dict[str, Any]]:
    if not entries:
        return []
    counters: dict[str, Counter[str]] = {name: Counter() for name in FACETS}
    for e in entries:
        counters["type"]["network"] += 1
        if e.subtype:
            counters["subtype"][e.subtype] += 1
        counters["status"][e.status] += 1
        counters["creator"][e.creator.email] += 1
        counters["location"].update(set(e.locations))
        counters["tag"].update(set(e.tags))
    return [
        {
            "name": name,
            "values": [
                {"value": value, "count": count}
                for value, count in sorted(counters[name].items(), key=lambda kv: (-kv[1], kv[0]))
            ],
        }
        for name in FACETS
        if counters[name]
    ]


class TestSearch:
    """SearchTests over a service: a cached index of the generated tests, plus the session's."""

    __test__ = False  # not a pytest test class

    def __init__(self, state: MockState) -> None:
        self.service = state.service(NetworkTestService)
        self._index: list[Entry] | None = None
        state.on_reseed(self.clear)

    def clear(self) -> None:
        """Forget the index (the seed changed)."""
        self._index = None

    def _base(self) -> list[Entry]:
        # One entry per test of the universe: bounded by the universe, built on first search.
        if self._index is None:
            self._index = [
                entry_of(self.service.base_record(public_id))
                for public_id in self.service.base_ids()
            ]
        return self._index

    def _visible(self, session: Session) -> Iterator[Entry]:
        overlay = session.overlays[VENDOR]
        for entry in self._base():
            value = overlay.get(entry.public_id)
            if value is None:
                yield entry
            elif value is not DELETED:
                yield entry_of(value)
        for public_id, value in overlay.items():
            if value is not DELETED and not self.service.exists(public_id):
                yield entry_of(value)

    def search(
        self,
        session: Session,
        me: universe.User,
        *,
        text: str,
        include_full_config: bool,
        facets_only: bool,
        start: int,
        count: int,
        sort: str,
    ) -> bytes:
        """The SearchTests body."""
        seed = self.service.state.seed
        matches = parse_query(seed, me, text)
        field, descending = parse_sort(sort)
        found = [e for e in self._visible(session) if matches(e)]
        total = len(found)
        if facets_only:
            return orjson.dumps({"tests": [], "total": total, "facets": _facets(seed, found)})
        found.sort(key=_sort_key(field), reverse=descending)
        tests = []
        for entry in found[start : start + count]:
            record = self.service.record(session, entry.public_id)
            if record is None:  # pragma: no cover - found above in the same request
                continue
            item = v1_test(record)
            if not include_full_config:
                del item["config"]
            tests.append(item)
        return orjson.dumps({"tests": tests, "total": total, "facets": []})
