"""The account's device registry as remote captures see it (`commands/devices`).

One record per registry device, read from the fleet's own sources so every list agrees (universe
doc C8, C13, C14): identity, owner and platform from `devices.device_record`, and status,
WARP version and last check-in from the device's timeline (`timeline.last_report`) at the
instant asked for, the session's simulated clock (stores.py). `version` and `timestamp` are those
of the device's last state report, exactly what fleet-status/devices shows for that report, and
so is `status` while the device still reports (its last report is less than one report period
old). A device that stopped reporting (asleep, away) is `disconnected` now, whatever its last
report said: the list describes the device at the moment asked, as fleet-status/live does (a
silent device has no live state). A device is `online`, able to run a capture, when it reports
`connected`; a command to a device that is not online stays PENDING_EXEC until it times out
(commands.py).

Eligibility (cloudflare-docs remote-captures.mdx, universe doc §3.4): Windows from WARP
2024.6.415.0, macOS and Linux; never iOS, Android or ChromeOS. It is judged on the version of
the device's last report.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

from netpath_mock.vendors.cloudflare import devices, timeline, universe
from netpath_mock.vendors.cloudflare.bodies import rfc3339_s
from netpath_mock.vendors.cloudflare.devices import DeviceRecord
from netpath_mock.vendors.cloudflare.stores import US

VENDOR = universe.VENDOR
MIN_WINDOWS_VERSION = (2024, 6, 415, 0)
ELIGIBLE_PLATFORMS = devices.CAPTURE_PLATFORMS
INELIGIBLE_PLATFORM = "Remote captures are not supported on this platform"
INELIGIBLE_VERSION = "WARP client version 2024.6.415.0 or later is required"


@dataclass(frozen=True, slots=True)
class RegisteredDevice:
    """One device of the registry at one instant, as commands/devices and the commands see it."""

    index: int
    device_id: str
    registration_id: str
    name: str
    platform: str
    person_email: str
    status: str
    version: str
    last_seen_us: int
    online: bool
    eligible: bool
    ineligible_reason: str | None

    def wire(self) -> dict[str, object]:
        """The commands/devices item."""
        item: dict[str, object] = {
            "deviceId": self.device_id,
            "deviceName": self.name,
            "eligible": self.eligible,
            "personEmail": self.person_email,
            "platform": self.platform,
            "registrationId": self.registration_id,
            "status": self.status,
            "timestamp": rfc3339_s(self.last_seen_us),
            "version": self.version,
        }
        if self.ineligible_reason is not None:
            item["ineligibleReason"] = self.ineligible_reason
        return item


def _eligibility(platform: str, version: str) -> str | None:
    if platform not in ELIGIBLE_PLATFORMS:
        return INELIGIBLE_PLATFORM
    if platform == "windows" and tuple(int(p) for p in version.split(".")) < MIN_WINDOWS_VERSION:
        return INELIGIBLE_VERSION
    return None


def device_at(seed: int, account: str, rec: DeviceRecord, t: int, epoch: int) -> RegisteredDevice:
    """Registry device `rec` as its last state report at or before `t` (Unix s) shows it."""
    last = timeline.last_report(seed, account, rec, t - timeline.RETENTION_S, t, epoch)
    if last is None:
        # Silent for the whole retention window: nothing newer than its edge is known.
        seen, status, version = t - timeline.RETENTION_S, timeline.DISCONNECTED, None
    else:
        seen, seg = last
        version = seg.version
        status = seg.status if t - seen < timeline.REPORT_S else timeline.DISCONNECTED
    if version is None:
        version = timeline.version_at(rec, seen)
    reason = _eligibility(rec.platform, version)
    return RegisteredDevice(
        index=rec.index,
        device_id=rec.device_id,
        registration_id=rec.registration_id,
        name=rec.name,
        platform=rec.platform,
        person_email=rec.person_email,
        status=status,
        version=version,
        last_seen_us=seen * US,
        online=status == timeline.CONNECTED,
        eligible=reason is None,
        ineligible_reason=reason,
    )


def registry(
    seed: int, account: str, epoch: datetime, at: int | None = None
) -> tuple[RegisteredDevice, ...]:
    """Every registered device of the account at instant `at` (Unix s; default the epoch)."""
    epoch_s = int(epoch.timestamp())
    return _registry(seed, account.lower(), epoch_s, epoch_s if at is None else at)


@lru_cache(maxsize=256)  # bounded: an account's registry is a few KB
def _registry(seed: int, account: str, epoch: int, at: int) -> tuple[RegisteredDevice, ...]:
    records = devices.registry(seed, account)
    return tuple(device_at(seed, account, rec, at, epoch) for rec in records)


def find_device(devices_: tuple[RegisteredDevice, ...], device_id: str) -> RegisteredDevice | None:
    """The registered device with `device_id` (case-insensitive), or None."""
    wanted = device_id.lower()
    return next((d for d in devices_ if d.device_id == wanted), None)
