"""The account's device registry as remote captures see it (`commands/devices`).

One record per registry device of the universe (universe.account_shape(...).registry_size: the
traceroute runners, then a Linux and an iOS device), with the universe's device ids and
service.account_device's names and platforms, plus what captures need: the registration, the
owner's email, the WARP client version, the last check-in and eligibility. `registry` is the
single place commands read devices from, so the fleet's registry (devices.py) can feed it.

Eligibility (cloudflare-docs remote-captures.mdx, universe doc §3.4): Windows from WARP
2024.6.415.0, macOS and Linux; never iOS, Android or ChromeOS.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

from netpath_mock.core.seeding import rng_for, stable_digest
from netpath_mock.data.names import FIRST_NAMES, LAST_NAMES
from netpath_mock.vendors.cloudflare import universe
from netpath_mock.vendors.cloudflare.bodies import rfc3339_s
from netpath_mock.vendors.cloudflare.service import account_device
from netpath_mock.vendors.cloudflare.stores import US, uuid_from

VENDOR = universe.VENDOR
MIN_WINDOWS_VERSION = (2024, 6, 415, 0)
ELIGIBLE_PLATFORMS = frozenset({"windows", "mac", "linux"})
INELIGIBLE_PLATFORM = "Remote captures are not supported on this platform"
INELIGIBLE_VERSION = "WARP client version 2024.6.415.0 or later is required"

# Desktop WARP releases (YYYY.M.build.0), oldest first; the first two predate 2024.6.415.0.
_DESKTOP_VERSIONS = (
    "2024.3.409.0",
    "2024.4.133.0",
    "2024.6.415.0",
    "2024.9.346.0",
    "2024.12.554.0",
    "2025.1.861.0",
    "2025.2.600.0",
    "2025.4.929.0",
    "2025.5.893.0",
)
_DESKTOP_WEIGHTS = (3, 3, 6, 8, 10, 14, 14, 18, 24)
# The Cloudflare One Agent / 1.1.1.1 mobile apps number their releases differently.
_MOBILE_VERSIONS = ("6.35", "6.36", "6.37.1", "6.38.2")
_STATUSES = ("connected", "disconnected", "paused")
_STATUS_WEIGHTS = (82, 10, 8)
_COMPANY_WORDS = (
    "acme", "northwind", "contoso", "fabrikam", "globex", "initech", "umbrella", "hooli",
    "vandelay", "wayne", "stark", "tyrell", "cyberdyne", "soylent", "massive", "wonka",
)  # fmt: skip
_FIRST = tuple(n.lower() for n in FIRST_NAMES if n.isascii() and n.isalpha())
_LAST = tuple(n.lower() for n in LAST_NAMES if n.isascii() and n.isalpha())


@dataclass(frozen=True, slots=True)
class RegisteredDevice:
    """One device of the registry, as commands/devices and the commands see it."""

    index: int
    device_id: str
    registration_id: str
    name: str
    platform: str
    person_email: str
    status: str
    version: str
    last_seen_us: int
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


def _uuid(seed: int, *key: str) -> str:
    return uuid_from(stable_digest(seed, VENDOR, *key))


@lru_cache(maxsize=64)
def account_domain(seed: int, account: str) -> str:
    """The company domain the account's users have their email addresses at."""
    rng = rng_for(seed, VENDOR, account, "domain")
    return f"{rng.choice(_COMPANY_WORDS)}{rng.choice(('', '-corp', 'labs', 'hq'))}.com"


# Device names that carry their owner (generator._device_name): "Ritas-MacBook-Air" (first
# name), "jlopez-mbp" / "JLOPEZ-LT" (initial + last name).
_FIRST_NAME_DEVICE = re.compile(r"^([A-Z][a-z]+)s-")
_HANDLE_DEVICE = re.compile(r"^([A-Za-z])([A-Za-z]{2,})-(?:mbp|mba|mac|chromebook|LT|PC|WS)$")


def _owner_email(rng: random.Random, device_name: str, domain: str) -> str:
    """first.last@domain, keeping whatever of the owner the device name already shows."""
    first, last = rng.choice(_FIRST), rng.choice(_LAST)
    named = _FIRST_NAME_DEVICE.match(device_name)
    if named:
        first = named.group(1).lower()
    handle = _HANDLE_DEVICE.match(device_name)
    if handle:
        initial, last = handle.group(1).lower(), handle.group(2).lower()
        first = rng.choice([n for n in _FIRST if n[0] == initial] or [first])
    return f"{first}.{last}@{domain}"


def _eligibility(platform: str, version: str) -> str | None:
    if platform not in ELIGIBLE_PLATFORMS:
        return INELIGIBLE_PLATFORM
    if platform == "windows" and tuple(int(p) for p in version.split(".")) < MIN_WINDOWS_VERSION:
        return INELIGIBLE_VERSION
    return None


@lru_cache(maxsize=256)  # bounded: an account's registry is a few KB
def registry(seed: int, account: str, epoch: datetime) -> tuple[RegisteredDevice, ...]:
    """Every registered device of the account, in device-index order."""
    account = account.lower()
    count = universe.account_shape(seed, account).registry_size
    domain = account_domain(seed, account)
    now_us = int(epoch.timestamp()) * US
    devices = []
    for index in range(count):
        profile = account_device(seed, account, index)
        rng = rng_for(seed, VENDOR, account, "registry", str(index))
        mobile = profile.platform in ("android", "ios")  # mobile apps number releases apart
        if mobile:
            version = rng.choice(_MOBILE_VERSIONS)
        else:
            version = rng.choices(_DESKTOP_VERSIONS, _DESKTOP_WEIGHTS)[0]
        status = rng.choices(_STATUSES, _STATUS_WEIGHTS)[0]
        if index == 0:
            status = "connected"  # the placeholder device answers captures (SDK examples)
        elif index == 1 and account == universe.DOC_ACCOUNT_ID:
            status = "disconnected"  # the docs' account shows a capture that times out
        # Connected devices checked in within the hour; others went quiet up to 3 days ago.
        quiet_s = rng.randrange(30, 3600) if status == "connected" else rng.randrange(3600, 259200)
        reason = _eligibility(profile.platform, version)
        devices.append(
            RegisteredDevice(
                index=index,
                device_id=universe.device_id(seed, account, index),
                # The fleet registry's formula (devices.registration_id), so ids agree.
                registration_id=_uuid(seed, "registration", account, str(index)),
                name=profile.name,
                platform=profile.platform,
                person_email=_owner_email(rng, profile.name, domain),
                status=status,
                version=version,
                last_seen_us=now_us - quiet_s * US,
                eligible=reason is None,
                ineligible_reason=reason,
            )
        )
    return tuple(devices)


def find_device(devices: tuple[RegisteredDevice, ...], device_id: str) -> RegisteredDevice | None:
    """The registered device with `device_id` (case-insensitive), or None."""
    wanted = device_id.lower()
    return next((d for d in devices if d.device_id == wanted), None)
