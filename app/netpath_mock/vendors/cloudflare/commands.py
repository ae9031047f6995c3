"""Remote-capture commands (`/dex/commands...`): create, list, eligible devices, quota, download.

History: every account has a week of past commands to its eligible devices (pcap, warp-diag,
speed-test), all finished: SUCCESS with a file, or FAILED (no file). In the docs' account the
newest SUCCESS warp-diag carries the SDK download example's command id.

Created commands live in the caller's session and follow the session's simulated clock
(stores.py: every request to a writable DEX operation is one minute): PENDING_EXEC when
created, PENDING_UPLOAD one step later, SUCCESS one step after that, with `completed_date` and
`filename` set. A command to a device that is not online when it is created (capture_devices:
its last state report, on the device's timeline at the session's clock, is older than one report
period or not connected) stays PENDING_EXEC for ten steps and then FAILED (a capture times out
after 10 minutes: cloudflare-docs remote-captures.mdx).

Validation (400; codes in bodies.py): `commands` is a required array of 1-20 objects for at
most 10 devices ("up to 10 devices per account"); each needs `device_id` (a UUID of a device of
the account's registry that is eligible), `user_email` (that device's user) and `type` (pcap,
speed-test, warp-diag); `registration_id`, when given, is the device's registration; `args` take
only their type's keys (additionalProperties: false): warp-diag `test-all-routes` (boolean,
default true); pcap `time-limit-min` (1-30), `max-file-size-mb` (1-100), `packet-size-bytes`
(1-160), numbers (defaults 5, 5, 160); speed-test `interfaces`, an array of default|tunnel
(default both). Answers echo every argument, defaults included, as strings.

Quota: QUOTA commands per rolling 24 hours per account; `quota_usage` counts the commands
created in the last 24 hours (history included), `reset_time` is when the oldest of them leaves
the window (now when none is counted). A request that would exceed it is refused whole.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Any

from netpath_mock.core import codec
from netpath_mock.core.errors import BadRequest
from netpath_mock.core.seeding import rng_for, stable_digest
from netpath_mock.core.state import MockState, Session
from netpath_mock.vendors.cloudflare import bodies, captures, devices, errors, timeline, universe
from netpath_mock.vendors.cloudflare.analytics_params import invalid as query_invalid
from netpath_mock.vendors.cloudflare.bodies import invalid, typed
from netpath_mock.vendors.cloudflare.capture_devices import (
    RegisteredDevice,
    device_at,
    find_device,
    registry,
)
from netpath_mock.vendors.cloudflare.stores import (
    TICK_SECONDS,
    US,
    StoreFull,
    dex_state,
    peek_state,
    uuid_from,
)

VENDOR = universe.VENDOR
QUOTA = 50  # no public figure (universe doc §3.4): 50 per rolling 24 h
QUOTA_WINDOW_US = 86_400 * US
RETENTION_US = 7 * 86_400 * US  # capture data is kept 7 days
MAX_COMMANDS = 20  # contract maxItems
MAX_DEVICES = 10  # "Initiate commands for up to 10 devices per account"
TIMEOUT_STEPS = 10  # a capture on an offline device fails after 10 minutes
TYPES = ("pcap", "speed-test", "warp-diag")
# The SDK's downloads example command (tests/api_resources/zero_trust/dex/commands).
DOC_COMMAND_ID = "5758fefe-ae7e-4538-a39b-1fef6abcb909"
ZIP_CONTENT_TYPE = b"application/zip"
COMMAND_BYTES = 512  # what a stored command is charged (its record and list answer)

_PCAP_ARGS = {
    "time-limit-min": (1, 30, 5),
    "max-file-size-mb": (1, 100, 5),
    "packet-size-bytes": (1, 160, 160),
}
_INTERFACES = ("default", "tunnel")


@dataclass(frozen=True, slots=True)
class CommandRec:
    """One command. `created_tick` is None for history (already finished)."""

    command_id: str
    device_index: int
    device_id: str
    registration_id: str
    user_email: str
    type: str
    args: tuple[tuple[str, str], ...]
    created_us: int
    created_tick: int | None
    outcome: str  # SUCCESS or FAILED, once finished
    completed_us: int  # when it finished (history) or will finish (created)

    def status(self, ticks: int) -> str:
        """The status at session time `ticks`."""
        if self.created_tick is None:
            return self.outcome
        steps = ticks - self.created_tick
        if self.outcome == "FAILED":
            return "FAILED" if steps >= TIMEOUT_STEPS else "PENDING_EXEC"
        return ("PENDING_EXEC", "PENDING_UPLOAD")[steps] if steps < 2 else "SUCCESS"

    @property
    def filename(self) -> str:
        """The artifact's name: `<command id>.zip` (the form Cloudflare's MCP client fetches)."""
        return f"{self.command_id}.zip"

    def wire(self, ticks: int) -> dict[str, Any]:
        """The `commands` list item."""
        status = self.status(ticks)
        done = status in ("SUCCESS", "FAILED")
        return {
            "completed_date": bodies.rfc3339_s(self.completed_us) if done else None,
            "created_date": bodies.rfc3339_s(self.created_us),
            "device_id": self.device_id,
            "filename": self.filename if status == "SUCCESS" else None,
            "id": self.command_id,
            "registration_id": self.registration_id,
            "status": status,
            "type": self.type,
            "user_email": self.user_email,
        }


def default_args(kind: str) -> dict[str, str]:
    """The arguments a command of `kind` runs with when none are given."""
    if kind == "warp-diag":
        return {"test-all-routes": "true"}
    if kind == "pcap":
        return {name: str(default) for name, (_, _, default) in _PCAP_ARGS.items()}
    return {"interfaces": ",".join(_INTERFACES)}


def _number_text(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def parse_args(kind: str, raw: Any, where: str) -> dict[str, str]:
    """Validate `args` for a command of `kind`; the full argument set, as strings."""
    args = default_args(kind)
    if raw is None:
        return args
    if not isinstance(raw, dict):
        invalid(where.rstrip("."), "must be an object")
    allowed = {
        "warp-diag": ("test-all-routes",),
        "pcap": tuple(_PCAP_ARGS),
        "speed-test": ("interfaces",),
    }[kind]
    for key in raw:
        if key not in allowed:
            invalid(f"{where}{key}", f"is not an argument of {kind} commands")
    if kind == "warp-diag":
        value = typed(raw, "test-all-routes", bool, where, required=False)
        if value is not None:
            args["test-all-routes"] = "true" if value else "false"
    elif kind == "pcap":
        for key, (low, high, _) in _PCAP_ARGS.items():
            number = typed(raw, key, float, where, required=False)
            if number is None:
                continue
            if not low <= number <= high:
                invalid(f"{where}{key}", f"must be between {low} and {high}")
            args[key] = _number_text(number)
    else:
        interfaces = typed(raw, "interfaces", list, where, required=False)
        if interfaces is not None:
            chosen = []
            for position, name in enumerate(interfaces):
                if name not in _INTERFACES:
                    invalid(f"{where}interfaces[{position}]", "must be default or tunnel")
                if name not in chosen:
                    chosen.append(name)
            if not chosen:
                invalid(f"{where}interfaces", "must name at least one interface")
            args["interfaces"] = ",".join(chosen)
    return args


def _ineligible(message: str) -> BadRequest:
    return BadRequest(f"dex.api.commands.ineligible: {message}", code=bodies.INELIGIBLE)


codec.register(CommandRec)


@dataclass(frozen=True, slots=True)
class _Order:
    device: RegisteredDevice
    kind: str
    args: dict[str, str]
    registration_id: str


def parse_commands(raw: bytes, registered: tuple[RegisteredDevice, ...]) -> list[_Order]:
    """Validate a POST commands body against the account's registry."""
    body = bodies.parse_object(raw)
    items = typed(body, "commands", list, "", required=True)
    if not items:
        invalid("commands", "must hold at least one command")
    if len(items) > MAX_COMMANDS:
        invalid("commands", f"must hold at most {MAX_COMMANDS} commands")
    orders = []
    for position, item in enumerate(items):
        where = f"commands[{position}]."
        if not isinstance(item, dict):
            invalid(f"commands[{position}]", "must be an object")
        device_id = typed(item, "device_id", str, where, required=True)
        user_email = typed(item, "user_email", str, where, required=True)
        kind = typed(item, "type", str, where, required=True)
        registration_id = typed(item, "registration_id", str, where, required=False)
        if kind not in TYPES:
            invalid(f"{where}type", f"must be one of {', '.join(TYPES)}")
        args = parse_args(kind, item.get("args"), f"{where}args.")
        if not bodies.is_uuid(device_id):
            # A real answer to a non-UUID device id is 11004 (universe doc §1, 3P b).
            raise BadRequest(
                f"dex.api.parameter.missing: {where}device_id must be a device id (a UUID)",
                code=bodies.MISSING,
            )
        device = find_device(registered, device_id)
        if device is None:
            raise _ineligible(f"{where}device_id names no device of this account")
        if not device.eligible:
            raise _ineligible(f"{where}device_id: {device.ineligible_reason}")
        if user_email.strip().lower() != device.person_email:
            raise _ineligible(f"{where}user_email is not the user of device {device.device_id}")
        if registration_id is not None and registration_id.lower() != device.registration_id:
            raise _ineligible(
                f"{where}registration_id is not a registration of device {device.device_id}"
            )
        orders.append(_Order(device, kind, args, device.registration_id))
    if len({order.device.device_id for order in orders}) > MAX_DEVICES:
        invalid("commands", f"may target at most {MAX_DEVICES} devices per request")
    return orders


@lru_cache(maxsize=256)  # bounded: a week of commands per account is a few KB
def command_history(seed: int, account: str, epoch: datetime) -> tuple[CommandRec, ...]:
    """The account's finished commands of the past week, newest first.

    Each command went to a device eligible at the time, mostly one that was online then (an
    admin captures while the user reports a problem); a command to a device that was not
    online, and one in ten others, FAILED.
    """
    account = account.lower()
    epoch_s = int(epoch.timestamp())
    candidates = [r for r in devices.registry(seed, account) if r.capture_eligible]
    if not candidates:
        return ()
    rng = rng_for(seed, VENDOR, account, "commands")
    epoch_us = epoch_s * US
    doc = account == universe.DOC_ACCOUNT_ID
    count = 6 + rng.randrange(10)
    records = []
    for index in range(count):
        kind = rng.choices(TYPES, (40, 10, 50))[0]
        if doc and index < 3:
            kind = ("warp-diag", "pcap", "warp-diag")[index]
        # The docs' third command is a capture that timed out on a device that was away.
        want_online = not (doc and index == 2)
        for _attempt in range(48 if doc else 12):
            # Newest first: the first few fall within the quota's 24 hours.
            age_us = (index * 14 + rng.randrange(1, 13)) * 3600 * US + rng.randrange(3600) * US
            created = epoch_us - min(age_us, RETENTION_US - 3600 * US)
            rec = candidates[rng.randrange(len(candidates))]
            device = device_at(seed, account, rec, created // US, epoch_s)
            if device.eligible and device.online == want_online:
                break
        # The docs' first two (the SDK's download example among them) succeeded.
        failed = not device.online or (rng.random() < 0.1 and not (doc and index < 2))
        args = default_args(kind)
        if kind == "pcap" and rng.random() < 0.5:
            args["time-limit-min"] = str(rng.choice((1, 2, 10)))
        duration_s = 600 if failed else _run_seconds(kind, args) + rng.randrange(20, 240)
        command_id = (
            DOC_COMMAND_ID
            if doc and index == 0
            else uuid_from(stable_digest(seed, VENDOR, account, "command", str(index)))
        )
        records.append(
            CommandRec(
                command_id=command_id,
                device_index=device.index,
                device_id=device.device_id,
                registration_id=device.registration_id,
                user_email=device.person_email,
                type=kind,
                args=tuple(sorted(args.items())),
                created_us=created,
                created_tick=None,
                outcome="FAILED" if failed else "SUCCESS",
                completed_us=min(created + duration_s * US, epoch_us),
            )
        )
    records.sort(key=lambda r: r.created_us, reverse=True)
    return tuple(records)


def _run_seconds(kind: str, args: dict[str, str]) -> int:
    if kind == "pcap":
        return int(float(args["time-limit-min"]) * 60)
    return 90 if kind == "warp-diag" else 45


class CommandService:
    """The six command operations; answers are serialized envelopes (or ZIP bytes)."""

    def __init__(self, state: MockState) -> None:
        self.state = state

    @property
    def _epoch(self) -> datetime:
        return self.state.settings.epoch

    def session_commands(self, session: Session, account: str) -> list[CommandRec]:
        """The account's commands as `session` sees them: created, then history; newest first."""
        history = command_history(self.state.seed, account, self._epoch)
        dex = peek_state(session)
        edits = dex.edits(account) if dex is not None else None
        created = list(reversed(edits.commands)) if edits is not None else []
        return [*created, *history]

    def create(self, session: Session, account_id: str, raw: bytes) -> bytes:
        """POST commands: queue every command or none."""
        account = account_id.lower()
        dex = dex_state(session)
        dex.tick()
        now = dex.now_us(self._epoch)
        # The registry at the session's clock: who is eligible and online right now.
        orders = parse_commands(raw, registry(self.state.seed, account, self._epoch, now // US))
        usage, _ = self._usage(session, account, now)
        if usage + len(orders) > QUOTA:
            raise BadRequest(
                f"dex.api.commands.quota: {len(orders)} more commands would exceed the account's "
                f"quota of {QUOTA} per 24 hours ({usage} used)",
                code=bodies.QUOTA,
            )
        edits = dex.edits_for_write(account)
        records = []
        for order in orders:
            command_id = dex.new_id(self.state.seed, "command", account)
            failed = not order.device.online  # nobody runs it: it times out
            steps = TIMEOUT_STEPS if failed else 2
            records.append(
                CommandRec(
                    command_id=command_id,
                    device_index=order.device.index,
                    device_id=order.device.device_id,
                    registration_id=order.registration_id,
                    user_email=order.device.person_email,
                    type=order.kind,
                    args=tuple(sorted(order.args.items())),
                    created_us=now,
                    created_tick=dex.ticks,
                    outcome="FAILED" if failed else "SUCCESS",
                    completed_us=now + steps * TICK_SECONDS * US,
                )
            )
        keys = [("command", account, record.command_id) for record in records]
        try:
            for key in keys:
                dex.budget.reserve(key, COMMAND_BYTES)
        except StoreFull:
            for key in keys:  # all or none: give back what this request took
                dex.budget.release(key)
            raise
        edits.commands.extend(records)
        created = [
            {
                "args": dict(record.args),
                "device_id": record.device_id,
                "id": record.command_id,
                "registration_id": record.registration_id,
                "status": "PENDING_EXEC",
                "type": record.type,
            }
            for record in records
        ]
        return bodies.ok({"commands": created})

    def _usage(self, session: Session, account: str, now: int) -> tuple[int, int | None]:
        counted = [
            c.created_us
            for c in self.session_commands(session, account)
            if now - QUOTA_WINDOW_US < c.created_us <= now
        ]
        return len(counted), min(counted) if counted else None

    def list_all(
        self,
        session: Session,
        account_id: str,
        *,
        page: int,
        per_page: int,
        time_from: str | None = None,
        time_to: str | None = None,
        device_id: str | None = None,
        user_email: str | None = None,
        command_type: str | None = None,
        status: str | None = None,
    ) -> bytes:
        """GET commands: newest first, filtered (exact matches; from/to on created_date), paged."""
        account = account_id.lower()
        dex = dex_state(session)
        dex.tick()
        start = bodies.parse_datetime("from", time_from)
        end = bodies.parse_datetime("to", time_to)
        if start is not None and end is not None and start > end:
            raise query_invalid("from", time_from or "", "is after to")
        email, kind = user_email, command_type
        now = dex.now_us(self._epoch)
        items = []
        for command in self.session_commands(session, account):
            if now - command.created_us > RETENTION_US:
                continue  # capture data is kept 7 days
            if (start is not None and command.created_us < start) or (
                end is not None and command.created_us > end
            ):
                continue
            if device_id is not None and command.device_id != device_id.lower():
                continue
            if email is not None and command.user_email != email.lower():
                continue
            if kind is not None and command.type != kind:
                continue
            if status is not None and command.status(dex.ticks) != status:
                continue
            items.append(command)
        chunk, info = bodies.page_of(items, page, per_page)
        return bodies.ok({"commands": [c.wire(dex.ticks) for c in chunk]}, info)

    def devices(
        self,
        session: Session,
        account_id: str,
        *,
        page: int,
        per_page: int,
        search: str | None = None,
    ) -> bytes:
        """GET commands/devices: the registry with eligibility; `search` matches name or email."""
        account = account_id.lower()
        dex = dex_state(session)
        dex.tick()
        search = (search or "").strip().lower()
        now_s = dex.now_us(self._epoch) // US
        listed = [
            d
            for d in registry(self.state.seed, account, self._epoch, now_s)
            if not search or search in d.name.lower() or search in d.person_email
        ]
        chunk, info = bodies.page_of(listed, page, per_page)
        return bodies.ok({"devices": [d.wire() for d in chunk]}, info)

    def quota(self, session: Session, account_id: str) -> bytes:
        """GET commands/quota."""
        account = account_id.lower()
        dex = dex_state(session)
        dex.tick()
        now = dex.now_us(self._epoch)
        usage, oldest = self._usage(session, account, now)
        reset = now if oldest is None else oldest + QUOTA_WINDOW_US
        return bodies.ok(
            {"quota": QUOTA, "quota_usage": usage, "reset_time": bodies.rfc3339_s(reset)}
        )

    def download(
        self, session: Session, account_id: str, command_id: str, filename: str
    ) -> tuple[bytes, list[tuple[bytes, bytes]]]:
        """GET commands/{id}/downloads/{filename}: the ZIP and its headers, or 404."""
        account = account_id.lower()
        dex = dex_state(session)
        dex.tick()
        wanted = command_id.lower()
        command = next(
            (c for c in self.session_commands(session, account) if c.command_id == wanted), None
        )
        if command is None:
            bodies.not_found(errors.COMMAND_NOT_FOUND)
        if command.status(dex.ticks) != "SUCCESS" or filename != command.filename:
            bodies.not_found(errors.FILE_NOT_FOUND)
        if dex.now_us(self._epoch) - command.created_us > RETENTION_US:
            bodies.not_found(errors.FILE_NOT_FOUND)
        archive = artifact(self.state.seed, account, self._epoch, command)
        headers = [
            (b"accept-ranges", b"bytes"),
            # The contract's own example form: `attachment; filename*=example.zip`.
            (b"content-disposition", f"attachment; filename*={command.filename}".encode()),
            (
                b"etag",
                stable_digest(self.state.seed, VENDOR, "etag", command.command_id, size=6)
                .hex()
                .encode(),
            ),
            (b"last-modified", bodies.http_date(command.completed_us).encode()),
        ]
        return archive, headers


@lru_cache(maxsize=16)  # bounded: an archive is tens of KB
def artifact(seed: int, account: str, epoch: datetime, command: CommandRec) -> bytes:
    """The ZIP of a SUCCESS command: a pure function of (seed, account, command)."""
    device = devices.device_record(seed, account, command.device_index)
    profile = device.profile
    gateway = profile.lan[0][0] if profile.lan else "192.168.1.1"
    lan_ip = _lan_address(seed, command.device_id, gateway)
    args = dict(command.args)
    start = command.created_us + 5 * US
    if command.type == "pcap":
        files = captures.pcap_files(seed, command.command_id, lan_ip, gateway, start, args)
    elif command.type == "warp-diag":
        files = captures.warp_diag_files(
            seed,
            command.command_id,
            device_name=device.name,
            platform=device.platform,
            version=timeline.version_at(device, command.created_us // US),
            device_id=device.device_id,
            account_id=account,
            email=device.person_email,
            colo=profile.colo,
            lan_ip=lan_ip,
            gateway_ip=gateway,
            start_us=start,
            test_all_routes=args.get("test-all-routes") == "true",
        )
    else:
        files = captures.speed_test_files(
            seed, command.command_id, args["interfaces"].split(","), start
        )
    return captures.build_zip(files, command.completed_us)


def _lan_address(seed: int, device_id: str, gateway: str) -> str:
    parts = gateway.split(".")
    host = 2 + stable_digest(seed, VENDOR, "lan-host", device_id, size=1)[0] % 200
    if len(parts) != 4 or parts[3] == str(host):
        return gateway
    return ".".join([*parts[:3], str(host)])
