"""TriggerTests, TriggerCITests and GetSyntheticsCIBatch (notes §9.1).

A trigger runs each test once from each of its locations. The answer lists one result per
(test, location) with the location's integer id, the locations used (`id`, `name`,
`display_name`, `region`, ... as recorded) and `batch_id` (null for a plain trigger). Result ids
are decimal strings below 2^63, like the Agent's (notes §9.2), derived from (seed, the session's
trigger number, test, location): repeated triggers get new ids, a replayed session the same ones
(whatever its name). Trigger times are the session's simulated clock (clock.py).

A CI trigger also opens a batch, which GetSyntheticsCIBatch reads back at once, already finished
(`passed` / `failed`): the client's batch-status enum has no `in_progress` (datadog-ci retries a
404 or an in-progress batch, so a finished one is the simplest truthful answer). Each run passes
or fails as its result does: runs.adhoc measures it at the trigger's time from the location
(the results operations serve the same run). Batches live in the session that opened them,
at most MAX_BATCHES per session (oldest forgotten first). The org also has a CI history: its
HISTORY_BATCHES latest batches, derived from the seed and readable from every session (the first
with the documented example id). An unknown batch is 404 "Batch does not exist." (the spec's 404
description; no body is on record). The runs a session triggered are
kept (bounded) in `SessionCi.runs` for the results operations to serve.
"""

from __future__ import annotations

from collections import OrderedDict, deque
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import orjson

from netpath_mock.core import codec
from netpath_mock.core.errors import BadRequest
from netpath_mock.core.seeding import rng_for, stable_int
from netpath_mock.core.state import MockState, Session
from netpath_mock.core.store import ByteBudget, deep_size, store_full
from netpath_mock.vendors.datadog import errors, locations, runs, universe
from netpath_mock.vendors.datadog.clock import write_time
from netpath_mock.vendors.datadog.records import TestRecord
from netpath_mock.vendors.datadog.schemas import SyntheticsCITestBody, SyntheticsTriggerBody
from netpath_mock.vendors.datadog.service import TEST_NOT_FOUND, NetworkTestService
from netpath_mock.vendors.datadog.validation import parse_body

VENDOR = universe.VENDOR
MAX_BATCHES = 200
# The org's CI history: its latest batches, readable from every session. The first has the id
# the API documentation of this mock shows (params.BatchId), so the example resolves in any org.
HISTORY_BATCHES = 20
EXAMPLE_BATCH_ID = "5b7c2c8e-3f7e-4d1a-9b1e-2f0c6d8a4e11"
MAX_RUNS = 5_000
# Where a session keeps its trigger log (a session store: shared backends keep it too).
CI_STORE = "datadog.ci"
CI_KEY = "log"


@dataclass(frozen=True, slots=True)
class TriggeredRun:
    """One run a trigger started: what the results work needs to answer for it."""

    result_id: str
    public_id: str
    location_id: str
    triggered_at: float
    batch_id: str | None
    passed: bool
    # The test as it was when triggered (its attributes and version): the run's result keeps
    # reading this configuration even after the test is edited.
    attributes: dict[str, Any] = field(default_factory=dict)
    version: int = 0
    created_at: float = 0.0
    duration_ms: float = 0.0


@dataclass(slots=True)
class SessionCi:
    """What one session triggered: a counter, its batches and its recent runs (bounded).

    Runs keep the configuration they ran (a test's attributes, possibly since edited or deleted):
    each distinct attributes object is charged once, while a run refers to it, to the session's
    store budget (MOCK_SESSION_STORE_BYTES), so a loop of create-trigger-delete cannot keep
    thousands of large configurations alive uncounted.
    """

    triggers: int = 0
    batches: OrderedDict[str, bytes] = field(default_factory=OrderedDict)
    runs: deque[TriggeredRun] = field(default_factory=deque)
    # id(attributes) -> [runs referring to it, bytes charged]; the runs keep each one alive.
    # Object ids mean nothing in another process: never stored (a shared backend counts the
    # stored JSON instead, core.redis_backend).
    kept: dict[int, list[int]] = field(default_factory=dict, metadata=codec.NOT_STORED)

    def add_run(self, run: TriggeredRun, budget: ByteBudget) -> None:
        """Keep `run` (the oldest beyond MAX_RUNS forgotten), charging its configuration once."""
        self.runs.append(run)
        held = self.kept.get(id(run.attributes))
        if held is None:
            size = deep_size(run.attributes)
            self.kept[id(run.attributes)] = [1, size]
            budget.charge(size)
        else:
            held[0] += 1
        while len(self.runs) > MAX_RUNS:
            old = self.runs.popleft()
            held = self.kept.get(id(old.attributes))
            if held is None:  # read back from a shared store: charged there, not here
                continue
            held[0] -= 1
            if not held[0]:
                del self.kept[id(old.attributes)]
                budget.release(held[1])


codec.register(TriggeredRun)
codec.register(SessionCi)


def result_id(seed: int, trigger: int, public_id: str, location_id: str) -> str:
    """A run's id: a decimal string below 2^63, from the seed and what was run.

    Not keyed by the session's name: the same requests give the same ids in any session.
    """
    n = stable_int(seed, VENDOR, "result", str(trigger), public_id, location_id, bits=63)
    return str(n)


def triggered_run(
    seed: int,
    record: TestRecord,
    location_id: str,
    rid: str,
    at: float,
    batch_id: str | None,
) -> TriggeredRun:
    """A run of `record` as it is now: its verdict is the result's own (runs.adhoc)."""
    outcome, _ = runs.adhoc(
        seed, record.public_id, record.attributes, record.created_at, location_id, at
    )
    return TriggeredRun(
        rid,
        record.public_id,
        location_id,
        at,
        batch_id,
        outcome.passed,
        record.attributes,
        record.version_count,
        record.created_at,
        outcome.duration_ms,
    )


class TestTrigger:
    """The trigger operations over a service; per-session state dies with its session."""

    __test__ = False  # not a pytest test class

    def __init__(self, state: MockState) -> None:
        self.service = state.service(NetworkTestService)
        self._history: dict[str, TriggeredRun] | None = None
        state.on_reseed(self._forget_history)

    def _forget_history(self) -> None:
        self._history = None

    def peek(self, session: Session) -> SessionCi | None:
        """The session's trigger log if it has one (reads never create it: no write on a GET)."""
        found: SessionCi | None = session.store(CI_STORE).get(CI_KEY)
        return found

    def runs_of(self, session: Session) -> tuple[TriggeredRun, ...] | deque[TriggeredRun]:
        """The runs the session triggered, oldest first."""
        found = self.peek(session)
        return () if found is None else found.runs

    def state_of(self, session: Session) -> SessionCi:
        """The session's trigger log (created on first use, in the session's CI store)."""
        store = session.store(CI_STORE)
        found: SessionCi | None = store.get(CI_KEY)
        if found is None:
            found = store[CI_KEY] = SessionCi()
        return found

    def _records(self, session: Session, public_ids: list[str]) -> list[TestRecord]:
        records = []
        for public_id in public_ids:
            record = self.service.record(session, public_id)
            if record is None:
                # The contract documents no 404 here (200, 400, 429); a test that does not
                # exist is still the API's 404 of every other operation on it.
                raise TEST_NOT_FOUND.error()
            records.append(record)
        return records

    def _run(
        self,
        session: Session,
        plan: list[tuple[TestRecord, list[str]]],
        batch_id: str | None,
        now: float,
    ) -> tuple[dict[str, Any], list[tuple[TestRecord, locations.Location, TriggeredRun]]]:
        seed = self.service.state.seed
        log = self.state_of(session)
        log.triggers += 1
        results: list[dict[str, Any]] = []
        used: dict[str, locations.Location] = {}
        started = []
        for record, location_ids in plan:
            for location_id in location_ids:
                location = locations.resolve(seed, location_id)
                if location is None:  # a stored test only names existing locations
                    continue
                rid = result_id(seed, log.triggers, record.public_id, location_id)
                used.setdefault(location.id, location)
                results.append(
                    {
                        "public_id": record.public_id,
                        "location": location.numeric_id,
                        "result_id": rid,
                    }
                )
                run = triggered_run(seed, record, location.id, rid, now, batch_id)
                started.append((record, location, run))
                log.add_run(run, session.store_budget)
        answer = {
            "triggered_check_ids": list(dict.fromkeys(record.public_id for record, _ in plan)),
            "results": results,
            "locations": [loc.trigger_entry() for loc in used.values()],
            "batch_id": batch_id,
        }
        return answer, started

    def trigger(self, session: Session, raw: bytes) -> bytes:
        """TriggerTests: run each test from its own locations."""
        now = write_time(self.service.state.seed, session)
        body = parse_body(raw, SyntheticsTriggerBody)
        records = self._records(session, [t.public_id for t in body.tests])
        plan = [(record, list(record.attributes.get("locations") or ())) for record in records]
        answer, _ = self._run(session, plan, None, now)
        return orjson.dumps(answer)

    def trigger_ci(self, session: Session, raw: bytes) -> bytes:
        """TriggerCITests: run the tests (locations may be overridden) as one batch."""
        now = write_time(self.service.state.seed, session)
        body = parse_body(raw, SyntheticsCITestBody)
        seed = self.service.state.seed
        records = self._records(session, [t.public_id for t in body.tests])
        plan = []
        for test, record in zip(body.tests, records, strict=True):
            chosen = test.locations or list(record.attributes.get("locations") or ())
            problem = locations.unusable(seed, chosen)
            if problem is not None:
                raise BadRequest(problem)
            plan.append((record, chosen))
        log = self.state_of(session)
        # A batch keeps the client's metadata: its bytes count against the session's stores
        # (MOCK_SESSION_STORE_BYTES); the oldest batches make room, and a batch that cannot fit
        # is refused before anything runs.
        budget = session.store_budget
        while log.batches and not budget.fits(len(raw)):
            budget.release(len(log.batches.popitem(last=False)[1]))
        if not budget.fits(len(raw)):
            raise store_full(MAX_BATCHES, budget.limit)
        batch_id = universe.uuid_from(seed, "batch", str(log.triggers + 1))
        answer, started = self._run(session, plan, batch_id, now)
        metadata = next((t.metadata for t in body.tests if t.metadata is not None), None)
        retries = {t.public_id: (t.retry.count or 0) if t.retry else 0 for t in body.tests}
        batch = log.batches[batch_id] = _batch_body(started, metadata, retries)
        budget.charge(len(batch))
        while len(log.batches) > MAX_BATCHES:
            budget.release(len(log.batches.popitem(last=False)[1]))
        return orjson.dumps(answer)

    def get_batch(self, session: Session, batch_id: str) -> bytes:
        """GetSyntheticsCIBatch: the finished batch, or 404 "Batch does not exist."."""
        log = self.peek(session)
        body = None if log is None else log.batches.get(batch_id)
        if body is not None:
            return body
        index = history_ids(self.service.state.seed).get(batch_id)
        if index is None:
            raise errors.BATCH_NOT_FOUND.error()
        return self._history_batch(index)

    def _history_batch(self, index: int) -> bytes:
        """One of the org's past CI batches: a pure function of (seed, index)."""
        return _batch_body(self.history_runs(index), None, {})

    def history_runs(self, index: int) -> list[tuple[TestRecord, locations.Location, TriggeredRun]]:
        """The runs of past batch `index` (a pure function of the seed and the index)."""
        seed = self.service.state.seed
        rng = rng_for(seed, VENDOR, "ci-batch", str(index))
        ids = self.service.base_ids()
        batch_id = history_batch_id(seed, index)
        at = history_time(seed, self.service.epoch, index)
        found = []
        for _ in range(1 + int(rng.random() * 4)):
            record = self.service.base_record(ids[int(rng.random() * len(ids))])
            for location_id in list(record.attributes.get("locations") or ())[:2]:
                location = locations.resolve(seed, location_id)
                if location is None:  # pragma: no cover - stored tests name existing ones
                    continue
                n = stable_int(
                    seed, VENDOR, "ci-result", str(index), record.public_id, location_id, bits=63
                )
                run = triggered_run(seed, record, location.id, str(n), at, batch_id)
                found.append((record, location, run))
        return found

    def _history_by_id(self) -> dict[str, TriggeredRun]:
        """Every run of the org's CI history by result id (built once per seed)."""
        if self._history is None:
            self._history = {
                run.result_id: run
                for index in range(HISTORY_BATCHES)
                for _, _, run in self.history_runs(index)
            }
        return self._history

    def history_run(self, result_id: str) -> TriggeredRun | None:
        """The past CI run `result_id` names, if the org's CI history holds it."""
        return self._history_by_id().get(result_id)

    def history_of(self, public_id: str) -> list[TriggeredRun]:
        """The past CI runs of one test."""
        return [run for run in self._history_by_id().values() if run.public_id == public_id]


def history_batch_id(seed: int, index: int) -> str:
    """The id of past batch `index` (batch 0 has the documented example id)."""
    return EXAMPLE_BATCH_ID if index == 0 else universe.uuid_from(seed, "ci-batch", str(index))


def history_time(seed: int, epoch: float, index: int) -> float:
    """When past batch `index` ran: the newest within hours of now, then every few hours."""
    at = epoch
    for i in range(index + 1):
        gap = stable_int(seed, VENDOR, "ci-batch-gap", str(i), bits=32) % (12 * 3600)
        at -= 1800 + gap
    return at + (stable_int(seed, VENDOR, "ci-batch-ms", str(index), bits=16) % 1000) / 1000


@lru_cache(maxsize=16)
def history_ids(seed: int) -> dict[str, int]:
    """The ids of the org's past CI batches -> their index (batch 0 has the documented id)."""
    ids = {EXAMPLE_BATCH_ID: 0}
    for index in range(1, HISTORY_BATCHES):
        ids[history_batch_id(seed, index)] = index
    return ids


def _batch_body(
    started: list[tuple[TestRecord, locations.Location, TriggeredRun]],
    metadata: Any,
    retries: dict[str, int],
) -> bytes:
    """The batch as datadog-ci reads it (notes §9.1): every run finished.

    Each run's status and duration are its result's (GetSyntheticsTestResult agrees).
    """
    results = []
    for record, location, run in started:
        results.append(
            {
                "test_public_id": record.public_id,
                "test_name": record.attributes.get("name"),
                "test_type": "network",
                "result_id": run.result_id,
                "location": location.id,
                "status": "passed" if run.passed else "failed",
                "duration": run.duration_ms,
                "execution_rule": "blocking",
                "retries": 0.0,
                "max_retries": retries.get(record.public_id, 0),
                "timed_out": False,
            }
        )
    status = "passed" if all(r["status"] == "passed" for r in results) else "failed"
    data: dict[str, Any] = {"status": status, "results": results}
    if metadata is not None:
        data["metadata"] = metadata.model_dump(by_alias=True)
    return orjson.dumps({"data": data})
