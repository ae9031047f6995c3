"""Network Path test results: the v2 list, one result and the poll, and their v1 forms.

Shapes are the contract's (datadog-contract-notes §9.2; no real body is public): a summary is
`{"id", "type": "result_summary", "attributes": {status, run_type, started_at, finished_at,
location, test_type, test_sub_type, test_version}, "relationships": {"test": ...}}`; a result is
`type: "result"` with `attributes: {location, result, test_type, test_sub_type, test_version,
batch?}`; every answer has `included: [the test]` (datadog-ci reads `included[]` items
`{type: "test", id, attributes: {type, subtype, config}}`).

The list (§9.1/§9.2): newest first, filtered by `from_ts`/`to_ts` (ms, on `started_at`,
inclusive), `status`, `runType`, repeated `probe_dc` and `device_id`. The API has no paging
parameters; like v1's documented "last 150", an answer holds at most LIST_CAP results and a client
pages by narrowing `to_ts` below the oldest one. A network test has no devices, so a `device_id`
filter matches nothing. A status filter skips whole windows whose verdict is known (runs.py) and
evaluates at most SCAN_BUDGET runs one by one, so every answer is bounded work.

The poll takes a JSON array of result ids (`?result_ids=["id1","id2"]`, notes §9.1): it answers
the results it finds, in the order asked, and 404 when it finds none (datadog-ci retries a 404:
"results not yet available").

v1 (`GET /api/v1/synthetics/tests/{id}/results[/{result_id}]`, notes §9.3): Datadog's results
backend is shared by every test type and the v1 models know network failures (their failure-code
enum has NETUNREACH and INCORRECT_ASSERTION), so v1 answers a network test with the same runs in
the v1 API-test shapes: the latest-results summary (`status` 0/1, `check_time` ms, `probe_dc`,
`result_id`, `result: {passed, runType}`, at most 150, as recorded) and the full result (`check`
is the test; `result` carries the v2 result's network fields, which v1's model ignores).
"""

from __future__ import annotations

import dataclasses
import heapq
from collections import OrderedDict
from collections.abc import Iterator
from itertools import islice
from typing import Any, Final

import orjson

from netpath_mock.core.cache import BodyCache
from netpath_mock.core.errors import BadRequest, MockError
from netpath_mock.core.seeding import rng_for
from netpath_mock.core.state import MockState, Session
from netpath_mock.netmodel.probe import ProbeRun
from netpath_mock.vendors.datadog import errors, locations, paths, runs, scenario_runs, universe
from netpath_mock.vendors.datadog.ci import TestTrigger, TriggeredRun
from netpath_mock.vendors.datadog.records import TestRecord, Version
from netpath_mock.vendors.datadog.service import NetworkTestService, build_test
from netpath_mock.vendors.datadog.versions import TestVersions, generated_payloads

VENDOR = universe.VENDOR
LIST_CAP: Final = 150  # v1's documented "last 150" (notes §9.1); v2 documents no cap
SCAN_BUDGET: Final = 20_000  # runs a status-filtered list may evaluate one by one
MAX_POLL_IDS: Final = 100
WORLD_CACHE: Final = 512  # untouched tests whose record and runs' world are kept
# v1's run types as integers: 0 scheduled and 3 triggered are recorded (notes §9.1); 1 for CI
# follows the v2 enum order [infer].
_V1_RUN_TYPE: Final = {"scheduled": 0, "ci": 1, "fast": 2, "triggered": 3}
# A test as a session sees it and its scheduled world (None: it has no scheduled runs).
View = tuple[TestRecord, runs.TestWorld | None]


@dataclasses.dataclass(frozen=True, slots=True)
class Run:
    """One run as the answers need it."""

    result_id: str
    public_id: str
    location_id: str
    run_type: str  # scheduled | ci | triggered
    version: int
    outcome: runs.Outcome
    plan: runs.TestPlan
    attributes: dict[str, Any]  # the test version it ran
    at: int  # Unix seconds the draws are keyed on
    batch_id: str | None = None
    # Under a named scenario (Prefer: example=): the run's trace, its outcome read off it.
    trace: ProbeRun | None = None


def _scheduled_run(
    world: runs.TestWorld, stream: runs.Stream, at: int, outcome: runs.Outcome
) -> Run:
    """The scheduled run of `stream` at `at` (Unix seconds), with its outcome."""
    return Run(
        world.result_id(stream, at),
        world.public_id,
        stream.location_id,
        "scheduled",
        stream.segment.version,
        outcome,
        stream.plan,
        stream.segment.attributes,
        at,
    )


def _sort_key(run: Run) -> tuple[int, str]:
    return (-run.outcome.started_ms, run.result_id)


class ResultsService:
    """The results operations over the tests a session sees."""

    def __init__(self, state: MockState) -> None:
        self.state = state
        self.tests = state.service(NetworkTestService)
        self.versions = state.service(TestVersions)
        self.trigger = state.service(TestTrigger)
        self._worlds: OrderedDict[str, View] = OrderedDict()
        state.on_reseed(self._worlds.clear)
        self._bodies: BodyCache[tuple[str, str]] = BodyCache(state.settings.cache_size)
        state.on_reseed(self._bodies.clear)
        fixtures: dict[Any, Any] = state.fixtures.get(VENDOR, {})
        # Pinned results: ("result", result_id) -> (public_id, data).
        self._pinned: dict[str, tuple[str, dict[str, Any]]] = {
            key[1]: value for key, value in fixtures.items() if isinstance(key, tuple)
        }

    # --- the world --------------------------------------------------------------------------

    @property
    def epoch(self) -> int:
        """The universe's now, in Unix seconds (scheduled runs end before it)."""
        return int(self.tests.epoch)

    # A test's index is its place in base_ids(): the generated tests (cached, O(1)), then the
    # fixture-only ones. base_ids() copies the whole catalog, so only fixture ids pay for it.

    def _index(self, public_id: str) -> int | None:
        seed, count = self.state.seed, self.state.settings.datadog_test_count
        index = universe.index_of(seed, count).get(public_id)
        if index is not None:
            return index
        try:
            found = self.tests.base_ids().index(public_id, count)
        except ValueError:
            return None
        return found if found < runs.MAX_TESTS else None

    def _public_id(self, index: int) -> str | None:
        seed, count = self.state.seed, self.state.settings.datadog_test_count
        if index < count:
            return universe.public_ids(seed, count)[index]
        ids = self.tests.base_ids()
        return ids[index] if index < len(ids) else None

    def view(self, session: Session, public_id: str) -> View:
        """The test as the session sees it and its scheduled runs, or the API's 404.

        An untouched generated or fixture test is the same in every session: its record and
        world are kept in a bounded cache.
        """
        if public_id not in session.overlays[VENDOR] and self.tests.exists(public_id):
            cached = self._worlds.get(public_id)
            if cached is not None:
                self._worlds.move_to_end(public_id)
                return cached
            record = self.tests.base_record(public_id)
            meta = self.tests.base_meta(public_id)
            history = version_payloads(self.state.seed, public_id, record.attributes, meta)
            base_status = record.attributes.get("status")
            found = (record, self._world(record, history, base_status, None))
            self._worlds[public_id] = found
            while len(self._worlds) > WORLD_CACHE:
                self._worlds.popitem(last=False)
            return found
        edited = self.tests.record(session, public_id)
        if edited is None:
            raise errors.TEST_NOT_FOUND.error()
        record = edited
        if not record.base_versions:
            return record, None  # created in this session: only its triggered runs
        history = self.versions.history(record)
        # The last generated version is the untouched test (its status before this session).
        base_status = history[record.base_versions - 1].payload.get("status")
        session_pause = None
        if record.attributes.get("status") == "paused" and base_status != "paused":
            # Paused in this session, at its simulated clock (clock.py).
            session_pause = None if record.paused_at is None else int(record.paused_at)
        return record, self._world(record, history, base_status, session_pause)

    def _world(
        self,
        record: TestRecord,
        history: list[Version],
        base_status: Any,
        session_pause: int | None,
    ) -> runs.TestWorld | None:
        index = self._index(record.public_id)
        if index is None:
            return None
        public_id = record.public_id
        base_paused = base_status == "paused"
        # The last edit matters only to a test generated paused (when it was paused).
        last_edit = self.tests.base_meta(public_id).modified_at if base_paused else 0.0
        return scheduled_world(
            self.state.seed,
            self.epoch,
            public_id,
            index,
            history,
            record.created_at,
            base_paused,
            last_edit,
            session_pause,
        )

    def _view_or_none(self, session: Session, public_id: str) -> View | None:
        try:
            return self.view(session, public_id)
        except MockError:
            return None

    # --- one run ------------------------------------------------------------------------------

    def _scheduled(self, world: runs.TestWorld, stream: runs.Stream, at: int) -> Run:
        return _scheduled_run(world, stream, at, stream.outcome(at))

    def _triggered(self, run: TriggeredRun) -> Run:
        outcome, plan = runs.adhoc(
            self.state.seed,
            run.public_id,
            run.attributes,
            run.created_at,
            run.location_id,
            run.triggered_at,
        )
        return Run(
            run.result_id,
            run.public_id,
            run.location_id,
            "triggered" if run.batch_id is None else "ci",
            run.version,
            outcome,
            plan,
            run.attributes,
            int(run.triggered_at),
            run.batch_id,
        )

    def _find(
        self, session: Session, result_id: str, public_id: str | None, viewed: View | None = None
    ) -> Run | None:
        """The run `result_id` names in the session (of `public_id` when given).

        `viewed` is `public_id`'s view when the caller has it: an edited test's history and
        world are then not built a second time.
        """

        def view_of(test_id: str) -> View | None:
            if viewed is not None and test_id == public_id:
                return viewed
            return self._view_or_none(session, test_id)

        triggered = next(
            (run for run in self.trigger.runs_of(session) if run.result_id == result_id),
            None,
        ) or self.trigger.history_run(result_id)
        if triggered is not None:
            if public_id is not None and triggered.public_id != public_id:
                return None
            if view_of(triggered.public_id) is None:
                return None  # the test is gone (deleted in this session)
            return self._triggered(triggered)
        if result_id == runs.DOC_RESULT_ID:
            if public_id not in (None, runs.DOC_TEST):
                return None
            doc_view = view_of(runs.DOC_TEST)
            doc = None if doc_view is None or doc_view[1] is None else doc_view[1].find_doc()
            if doc_view is None or doc_view[1] is None or doc is None:
                return None
            return self._scheduled(doc_view[1], *doc)
        key = runs.decode_id(self.state.seed, self.epoch, result_id)
        if key is None:
            return None
        found_id = self._public_id(key.test_index)
        if found_id is None or (public_id is not None and found_id != public_id):
            return None
        found_view = view_of(found_id)
        world = None if found_view is None else found_view[1]
        stream = None if world is None else world.find(key)
        if world is None or stream is None:
            return None
        return self._scheduled(world, stream, key.at)

    def _found(self, session: Session, result_id: str, public_id: str, viewed: View) -> Run:
        """The run `result_id` names under `public_id` (viewed so), or the result's 404."""
        run = self._find(session, result_id, public_id, viewed)
        if run is None:
            raise errors.RESULT_NOT_FOUND.error()
        return run

    def _under(self, run: Run, scenario: str | None) -> Run:
        """`run` under a named scenario: its trace and the outcome read off it (scenario_runs)."""
        if scenario is None:
            return run
        seed = self.state.seed
        trace = scenario_runs.trace_under(seed, run, scenario)
        if trace is None:
            return run
        outcome = scenario_runs.outcome_under(seed, run, scenario, trace)
        return dataclasses.replace(run, outcome=outcome, trace=trace)

    # --- rendering ----------------------------------------------------------------------------

    def _location(self, location_id: str) -> dict[str, Any]:
        found = locations.resolve(self.state.seed, location_id)
        if found is None:
            return {"id": location_id, "name": location_id}
        return found.summary()

    @staticmethod
    def _relationships(public_id: str) -> dict[str, Any]:
        return {"test": {"data": {"id": public_id, "type": "test"}}}

    def summary(self, run: Run) -> dict[str, Any]:
        """One item of the v2 list."""
        outcome = run.outcome
        return {
            "id": run.result_id,
            "type": "result_summary",
            "attributes": {
                "finished_at": outcome.finished_ms,
                "location": self._location(run.location_id),
                "run_type": run.run_type,
                "started_at": outcome.started_ms,
                "status": outcome.status,
                "test_sub_type": run.plan.protocol,
                "test_type": "network",
                "test_version": run.version,
            },
            "relationships": self._relationships(run.public_id),
        }

    def detail(self, run: Run) -> dict[str, Any]:
        """`result`: the full result of one run (notes §9.2)."""
        outcome, plan = run.outcome, run.plan
        prof = plan.profile
        request = runs._request(run.attributes)
        info: dict[str, Any] = {"host": request.get("host")}
        if prof.port is not None:
            info["port"] = prof.port
        info["max_ttl"] = plan.max_ttl
        # The result documents timeout in ms; the test's is seconds (the Agent multiplies).
        info["timeout"] = plan.timeout_s * 1000
        info["e2e_queries"] = plan.e2e
        info["traceroute_queries"] = plan.queries
        info["source_service"] = request.get("source_service") or ""
        info["destination_service"] = request.get("destination_service") or ""
        result: dict[str, Any] = {
            "id": run.result_id,
            "initial_id": run.result_id,
            "status": outcome.status,
            "run_type": run.run_type,
            "triggered_at": outcome.started_ms - _queue_ms(run.result_id),
            "started_at": outcome.started_ms,
            "finished_at": outcome.finished_ms,
            "duration": outcome.duration_ms,
            "request": info,
        }
        dest_ip = prof.dest_ip(outcome.variant)
        if dest_ip is not None:
            result["resolved_ip"] = dest_ip
        failure, assertions = outcome.evaluation(plan.assertions)
        result["assertions"] = assertions
        if failure is not None:
            result["failure"] = failure
        result["netstats"] = outcome.netstats()
        result["netpath"] = self._netpath(run)
        result["is_fast_retry"] = False
        result["unhealthy"] = False
        return result

    def _netpath(self, run: Run) -> dict[str, Any]:
        outcome, plan = run.outcome, run.plan
        prof = plan.profile
        if run.trace is not None:
            wire = paths.wire_hops(run.trace.hops)
        else:
            rng = rng_for(self.state.seed, VENDOR, "trace", run.result_id)
            hops = paths.trace(
                prof,
                outcome.variant,
                rng,
                at=run.at,
                protocol=plan.protocol,
                max_ttl=plan.max_ttl,
                reached=outcome.reached,
                last_ttl=outcome.hops,
                dest_rtt=outcome.dest_rtt,
                end_ttl=outcome.end_ttl,
            )
            wire = paths.wire_hops(hops)
        destination: dict[str, Any] = {"hostname": runs._request(run.attributes).get("host")}
        dest_ip = prof.dest_ip(outcome.variant)
        if dest_ip is not None:
            destination["ip_address"] = dest_ip
        if prof.port is not None:
            destination["port"] = prof.port
        return {
            "pathtrace_id": universe.uuid_from(self.state.seed, "pathtrace", run.result_id),
            "origin": "synthetics",
            "protocol": plan.protocol.upper(),  # uppercase on the wire (notes §9.2)
            "timestamp": outcome.finished_ms,
            "source": {"hostname": prof.source_hostname},
            "destination": destination,
            "hops": wire,
            "tags": [f"synthetics.test_id:{run.public_id}"],
        }

    def data(self, run: Run) -> dict[str, Any]:
        """The `data` of GetSyntheticsTestResult / an item of the poll."""
        attributes: dict[str, Any] = {
            "location": self._location(run.location_id),
            "result": self.detail(run),
            "test_sub_type": run.plan.protocol,
            "test_type": "network",
            "test_version": run.version,
        }
        if run.batch_id is not None:
            attributes["batch"] = {"id": run.batch_id}
        return {
            "id": run.result_id,
            "type": "result",
            "attributes": attributes,
            "relationships": self._relationships(run.public_id),
        }

    @staticmethod
    def included(record: TestRecord) -> dict[str, Any]:
        """The test as `included[]` carries it (what datadog-ci reads, notes §9.1)."""
        attributes = record.attributes
        shown = {
            key: attributes[key]
            for key in ("name", "type", "subtype", "status", "locations", "config")
            if key in attributes
        }
        return {"id": record.public_id, "type": "test", "attributes": shown}

    # --- the list -----------------------------------------------------------------------------

    def _streams(
        self,
        world: runs.TestWorld,
        low: int,
        high: int,
        probe_dc: set[str] | None,
        status: str | None,
        budget: runs.Budget,
    ) -> list[Iterator[Run]]:
        return [
            self._stream_runs(world, stream, low, high, status, budget)
            for stream in world.streams(low, high)
            if probe_dc is None or stream.location_id in probe_dc
        ]

    def _stream_runs(
        self,
        world: runs.TestWorld,
        stream: runs.Stream,
        low: int,
        high: int,
        status: str | None,
        budget: runs.Budget,
    ) -> Iterator[Run]:
        for at, outcome in stream.runs(low, high, status, budget):
            yield _scheduled_run(world, stream, at, outcome)

    def latest(
        self,
        session: Session,
        record: TestRecord,
        world: runs.TestWorld | None,
        *,
        from_ts: int | None = None,
        to_ts: int | None = None,
        status: str | None = None,
        run_type: str | None = None,
        probe_dc: list[str] | None = None,
        device_id: list[str] | None = None,
    ) -> list[Run]:
        """The newest runs matching the filters (None: any), at most LIST_CAP."""
        if device_id:
            return []  # network tests run on no device
        if status == "no_data":
            return []  # every network run measures something (NETUNREACH is a failure)
        from_ms = from_ts if from_ts is not None else 0
        to_ms = to_ts if to_ts is not None else 2**62
        if from_ms > to_ms:
            return []
        wanted_dc = set(probe_dc) if probe_dc else None
        sources: list[Iterator[Run]] = []
        if run_type in (None, "scheduled") and world is not None:
            low = max(from_ms // 1000 - 1, self.epoch - runs.RETENTION_S)
            high = min(to_ms // 1000, self.epoch)
            budget = runs.Budget(SCAN_BUDGET)
            sources.extend(self._streams(world, low, high, wanted_dc, status, budget))
        if run_type in (None, "triggered", "ci"):
            sources.append(self._session_runs(session, record, run_type, wanted_dc))

        def accepted(run: Run) -> bool:
            outcome = run.outcome
            if not from_ms <= outcome.started_ms <= to_ms:
                return False
            if status is not None and outcome.status != status:
                return False
            if run_type is not None and run.run_type != run_type:
                return False
            return wanted_dc is None or run.location_id in wanted_dc

        merged = heapq.merge(*sources, key=_sort_key)
        return list(islice((run for run in merged if accepted(run)), LIST_CAP))

    def _session_runs(
        self,
        session: Session,
        record: TestRecord,
        run_type: str | None,
        probe_dc: set[str] | None,
    ) -> Iterator[Run]:
        mine = list(self.trigger.runs_of(session))
        found = [
            self._triggered(run)
            for run in [*mine, *self.trigger.history_of(record.public_id)]
            if run.public_id == record.public_id
            and (probe_dc is None or run.location_id in probe_dc)
            and (run_type is None or (run.batch_id is None) == (run_type == "triggered"))
        ]
        return iter(sorted(found, key=_sort_key))

    def list_body(
        self,
        session: Session,
        public_id: str,
        *,
        from_ts: int | None,
        to_ts: int | None,
        status: str | None,
        run_type: str | None,
        probe_dc: list[str] | None,
        device_id: list[str] | None,
        scenario: str | None = None,
    ) -> bytes:
        """ListSyntheticsTestLatestResults (every listed run under `scenario`, if given)."""
        record, found = self._listed(
            session,
            public_id,
            from_ts=from_ts,
            to_ts=to_ts,
            status=status,
            run_type=run_type,
            probe_dc=probe_dc,
            device_id=device_id,
            scenario=scenario,
        )
        items = [self.summary(run) for run in found]
        pinned = self._pinned_summaries(
            public_id, from_ts, to_ts, status, run_type, probe_dc, device_id
        )
        if pinned:
            items = sorted(
                [*items, *pinned],
                key=lambda item: (-item["attributes"]["started_at"], item["id"]),
            )[:LIST_CAP]
        body = {"data": items, "included": [self.included(record)]}
        return orjson.dumps(body) + b"\n"

    def _listed(
        self,
        session: Session,
        public_id: str,
        *,
        from_ts: int | None,
        to_ts: int | None,
        status: str | None = None,
        run_type: str | None = None,
        probe_dc: list[str] | None,
        device_id: list[str] | None = None,
        scenario: str | None,
    ) -> tuple[TestRecord, list[Run]]:
        """The test and its newest runs matching the filters, under `scenario` if given."""
        record, world = self.view(session, public_id)
        found = self.latest(
            session,
            record,
            world,
            from_ts=from_ts,
            to_ts=to_ts,
            # A scenario decides the verdicts: filter on them afterwards.
            status=status if scenario is None else None,
            run_type=run_type,
            probe_dc=probe_dc,
            device_id=device_id,
        )
        if scenario is not None:
            found = [self._under(run, scenario) for run in found]
            if status is not None:
                found = [run for run in found if run.outcome.status == status]
        return record, found

    # --- pinned results (fixtures) ---------------------------------------------------------

    def _pinned_summaries(
        self,
        public_id: str,
        from_ts: int | None,
        to_ts: int | None,
        status: str | None,
        run_type: str | None,
        probe_dc: list[str] | None,
        device_id: list[str] | None,
    ) -> list[dict[str, Any]]:
        if device_id:
            return []
        out = []
        for result_id, (owner, data) in self._pinned.items():
            if owner != public_id:
                continue
            item = pinned_summary(result_id, owner, data)
            attributes = item["attributes"]
            started = attributes.get("started_at", 0)
            if from_ts is not None and started < from_ts:
                continue
            if to_ts is not None and started > to_ts:
                continue
            if status is not None and attributes.get("status") != status:
                continue
            if run_type is not None and attributes.get("run_type") != run_type:
                continue
            if probe_dc and (attributes.get("location") or {}).get("id") not in probe_dc:
                continue
            out.append(item)
        return out

    # --- one result and the poll ------------------------------------------------------------

    def get_body(
        self, session: Session, public_id: str, result_id: str, scenario: str | None = None
    ) -> bytes:
        """GetSyntheticsTestResult (under `scenario`, if given; a pinned result as written).

        A scheduled or pinned result of a test the session did not touch reads the same in
        every session: its bytes are kept in the bounded body cache (answers under a scenario
        are not: a prototyping aid, never on a hot path).
        """
        untouched = public_id not in session.overlays[VENDOR] and scenario is None
        if untouched:
            cached = self._bodies.get((public_id, result_id))
            if cached is not None:
                return cached
        viewed = self.view(session, public_id)  # the test's 404 comes first
        record = viewed[0]
        pinned = self._pinned.get(result_id)
        shared = untouched
        if pinned is not None and pinned[0] == public_id:
            data = pinned_data(public_id, pinned[1])
        else:
            run = self._found(session, result_id, public_id, viewed)
            data = self.data(self._under(run, scenario))
            shared = untouched and run.run_type == "scheduled"
        body = orjson.dumps({"data": data, "included": [self.included(record)]}) + b"\n"
        if shared:
            self._bodies.put((public_id, result_id), body)
        return body

    def poll_body(self, session: Session, result_ids: str, scenario: str | None = None) -> bytes:
        """PollSyntheticsTestResults: the results found, in the order asked; 404 when none."""
        ids = parse_result_ids(result_ids)
        data: list[dict[str, Any]] = []
        # Each test is read once however many of its results are polled (clients poll a batch).
        tests: dict[str, TestRecord] = {}
        for result_id in dict.fromkeys(ids):
            pinned = self._pinned.get(result_id)
            if pinned is not None:
                record = tests.get(pinned[0]) or self.tests.record(session, pinned[0])
                if record is not None:
                    tests.setdefault(record.public_id, record)
                    data.append(pinned_data(record.public_id, pinned[1]))
                continue
            run = self._find(session, result_id, None)
            if run is None:
                continue
            if run.public_id not in tests:
                found = self.tests.record(session, run.public_id)
                if found is not None:
                    tests[found.public_id] = found
            data.append(self.data(self._under(run, scenario)))
        if not data:
            raise errors.RESULTS_NOT_FOUND.error()
        body = {"data": data, "included": [self.included(r) for r in tests.values()]}
        return orjson.dumps(body) + b"\n"

    # --- v1 -----------------------------------------------------------------------------------

    def v1_list_body(
        self,
        session: Session,
        public_id: str,
        *,
        from_ts: int | None,
        to_ts: int | None,
        probe_dc: list[str] | None,
        scenario: str | None = None,
    ) -> bytes:
        """GetAPITestLatestResults for a network test (v1 shape, notes §9.1)."""
        _, found = self._listed(
            session, public_id, from_ts=from_ts, to_ts=to_ts, probe_dc=probe_dc, scenario=scenario
        )
        results = [
            {
                "status": 0 if run.outcome.passed else 1,
                "check_time": run.outcome.started_ms,
                "check_version": run.version,
                "result": {"passed": run.outcome.passed, "runType": _V1_RUN_TYPE[run.run_type]},
                "probe_dc": run.location_id,
                "result_id": run.result_id,
            }
            for run in found
        ]
        # The oldest check_time truncated to the second (recording, notes §9.1).
        last = (found[-1].outcome.started_ms // 1000) * 1000 if found else 0
        return orjson.dumps({"last_timestamp_fetched": last, "results": results})

    def v1_get_body(
        self, session: Session, public_id: str, result_id: str, scenario: str | None = None
    ) -> bytes:
        """GetAPITestResult for a network test: the v1 envelope around the v2 result."""
        viewed = self.view(session, public_id)  # the test's 404 comes first
        run = self._under(self._found(session, result_id, public_id, viewed), scenario)
        detail = self.detail(run)
        result = {"passed": run.outcome.passed, **detail}
        attributes = run.attributes
        body = {
            "status": 0 if run.outcome.passed else 1,
            "run_type": _V1_RUN_TYPE[run.run_type],
            "check_time": run.outcome.started_ms,
            "check_version": run.version,
            "result": result,
            "probe_dc": run.location_id,
            "result_id": run.result_id,
            "check": {
                "type": "network",
                "subtype": attributes.get("subtype"),
                "config": attributes.get("config"),
                "options": attributes.get("options"),
                "locations": attributes.get("locations"),
            },
        }
        return orjson.dumps(body)


def _queue_ms(result_id: str) -> int:
    """How long the run waited between being triggered and starting (a scheduler's queue)."""
    return 20 + int(result_id[-3:]) % 480


def parse_result_ids(text: str) -> list[str]:
    """`result_ids`: a JSON array of result ids (strings), or 400 in the validator's words."""
    try:
        value = orjson.loads(text)
    except orjson.JSONDecodeError:
        raise BadRequest(
            "Invalid parameter 'result_ids': expected a JSON array of strings"
        ) from None
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise BadRequest("Invalid parameter 'result_ids': expected a JSON array of strings")
    if not value:
        raise BadRequest("Minimum number of elements in parameter 'result_ids' should be 1")
    if len(value) > MAX_POLL_IDS:
        raise BadRequest(
            f"Maximum number of elements in parameter 'result_ids' should be {MAX_POLL_IDS}"
        )
    return value


def pinned_summary(result_id: str, public_id: str, data: dict[str, Any]) -> dict[str, Any]:
    """The list item of a pinned (fixture) result, from its full form."""
    attributes = data.get("attributes") or {}
    result = attributes.get("result") or {}
    summary: dict[str, Any] = {}
    for key in ("finished_at", "run_type", "started_at", "status"):
        if key in result:
            summary[key] = result[key]
    for key in ("location", "test_sub_type", "test_type", "test_version"):
        if key in attributes:
            summary[key] = attributes[key]
    return {
        "id": result_id,
        "type": "result_summary",
        "attributes": dict(sorted(summary.items())),
        "relationships": {"test": {"data": {"id": public_id, "type": "test"}}},
    }


def scheduled_world(
    seed: int,
    epoch: int,
    public_id: str,
    index: int,
    history: list[Version],
    created_at: float,
    base_paused: bool,
    last_edit: float,
    session_pause: int | None = None,
) -> runs.TestWorld:
    """The scheduled runs of a generated or fixture test (one truth for service and catalog).

    A test generated paused stopped at `runs.paused_at`; a pause made in a session stops it at
    the session's clock.
    """
    paused = runs.paused_at(seed, public_id, last_edit, epoch) if base_paused else session_pause
    return runs.build_world(seed, epoch, public_id, index, history, created_at, paused)


def catalog_result_ids(seed: int, epoch: int, public_ids: list[str]) -> dict[str, str]:
    """The newest scheduled result id of each generated test listed (tests with none omitted).

    `public_ids` are the org's catalog in order (their index is their position).
    """
    out: dict[str, str] = {}
    for index, public_id in enumerate(public_ids):
        attributes = build_test(seed, public_id)["attributes"]
        meta = universe.test_meta(seed, float(epoch), public_id)
        history = version_payloads(seed, public_id, attributes, meta)
        world = scheduled_world(
            seed,
            epoch,
            public_id,
            index,
            history,
            meta.created_at,
            attributes.get("status") == "paused",
            meta.modified_at,
        )
        newest = world.newest()
        if newest is not None:
            out[public_id] = world.run_id(*newest)
    return out


def pinned_data(public_id: str, data: dict[str, Any]) -> dict[str, Any]:
    """A pinned result as served: the fixture's `data` with its test relationship."""
    return {**data, "relationships": {"test": {"data": {"id": public_id, "type": "test"}}}}


def version_payloads(
    seed: int, public_id: str, attributes: dict[str, Any], meta: universe.TestMeta
) -> list[Version]:
    """A generated test's versions, oldest first, without their change metadata.

    The same payloads and times as versions.generated_history (the runs need nothing else).
    """
    payloads = generated_payloads(seed, public_id, attributes, len(meta.versions))
    return [
        Version(number, at, author, payload, [])
        for number, ((at, author), payload) in enumerate(
            zip(meta.versions, payloads, strict=True), 1
        )
    ]
