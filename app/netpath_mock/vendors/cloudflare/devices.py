"""The device registry of every DEX account: ids, names, owners, platforms, OS, WARP settings.

One registry serves fleet status, device ISPs, WARP change events, test results and remote
commands, so a device has the same id, name and owner in every answer (coherence rule C8).

Layout (shared with the test side, see universe.py): indices 0..D-1, D = account_shape().devices,
are the traceroute-capable devices whose runs make up the results (run r is made by device
r % D); index D is a Linux workstation and D+1 an iPhone, which run no traceroute test (DEX
supports neither platform for traceroutes, universe doc §4). In the account of Cloudflare's docs
and SDK tests, device 0 carries the SDK's placeholder device id f174e90a-... (the isps tests) and
device 1 cb49c27f-... (the fleet-status tests), for every seed.

Everything is a pure function of (seed, account id, index); a registry is a few dozen records,
cached per account in a bounded LRU.
"""

from __future__ import annotations

import dataclasses
import re
import uuid
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

from netpath_mock.core.seeding import rng_for, stable_digest, stable_int
from netpath_mock.data.names import FIRST_NAMES, LAST_NAMES
from netpath_mock.vendors.cloudflare import generator, service, universe

VENDOR: Final = universe.VENDOR
DOC_ACCOUNT_ID: Final = universe.DOC_ACCOUNT_ID
# The device ids Cloudflare's SDK tests use (devices/test_isps.py; fleet_status tests).
DOC_DEVICE_IDS: Final = universe.DOC_DEVICE_IDS
EXTRA_PLATFORMS: Final = universe.EXTRA_PLATFORMS
# Platforms on which the WARP client runs traceroute tests (DOC traceroute.mdx).
TRACEROUTE_PLATFORMS: Final = frozenset({"windows", "mac", "android", "chromeos"})
# "Last seen ISP" is reported by the macOS and Windows clients only (DOC traceroute.mdx).
ISP_PLATFORMS: Final = frozenset({"windows", "mac"})
# Remote captures run on Windows, macOS and Linux clients (DOC remote-captures.mdx).
CAPTURE_PLATFORMS: Final = frozenset({"windows", "mac", "linux"})

_FIRST_NAMES: Final[tuple[str, ...]] = tuple(n for n in FIRST_NAMES if n.isascii() and n.isalpha())
_LAST_NAMES: Final[tuple[str, ...]] = tuple(n for n in LAST_NAMES if n.isascii() and n.isalpha())
_FIRST_SET: Final = frozenset(_FIRST_NAMES)
_LAST_BY_LOWER: Final[dict[str, str]] = {n.lower(): n for n in _LAST_NAMES}

# Organisation names: the fictional companies of Microsoft's sample data, so no real company
# is named (the docs' own account name example is "Myorg").
_ORGS: Final[tuple[tuple[str, str], ...]] = (
    ("Contoso", "contoso.com"),
    ("Fabrikam", "fabrikam.com"),
    ("Northwind Traders", "northwindtraders.com"),
    ("Adventure Works", "adventure-works.com"),
    ("Tailspin Toys", "tailspintoys.com"),
    ("Wingtip Toys", "wingtiptoys.com"),
    ("Woodgrove Bank", "woodgrovebank.com"),
    ("Litware", "litwareinc.com"),
    ("Proseware", "proseware.com"),
    ("Lamna Healthcare", "lamnahealthcare.com"),
    ("Alpine Ski House", "alpineskihouse.com"),
    ("Coho Winery", "cohowinery.com"),
    ("Fourth Coffee", "fourthcoffee.com"),
    ("Trey Research", "treyresearch.net"),
    ("Relecloud", "relecloud.com"),
    ("Wide World Importers", "wideworldimporters.com"),
    ("Blue Yonder Airlines", "blueyonderairlines.com"),
    ("Humongous Insurance", "humongousinsurance.com"),
    ("A. Datum", "adatum.com"),
    ("Margie's Travel", "margiestravel.com"),
)

# OS versions current in late 2026, by platform [infer: plausible release trains, not a census].
_OS_VERSIONS: Final[dict[str, tuple[tuple[str, int], ...]]] = {
    "windows": (("10.0.26100", 45), ("10.0.26200", 25), ("10.0.22631", 18), ("10.0.19045", 12)),
    "mac": (("26.1", 35), ("26.0.1", 20), ("15.7.2", 30), ("14.8.2", 15)),
    "linux": (
        ("Ubuntu 24.04.3 LTS", 55),
        ("Ubuntu 22.04.5 LTS", 20),
        ("Fedora Linux 43", 15),
        ("Debian GNU/Linux 13", 10),
    ),
    "android": (("16", 45), ("15", 40), ("14", 15)),
    "ios": (("26.1", 50), ("26.0.1", 30), ("18.7.2", 20)),
    "chromeos": (("16433.45.0", 60), ("16371.61.0", 40)),
}
_ALNUM: Final = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789"  # serials avoid I and O

# Who runs which WARP mode (DOC/LP spellings: `warp+doh` is Gateway with WARP, the default;
# `tunnel_only` is Secure Web Gateway without DNS filtering; `proxy` is local proxy mode;
# `doh` is Gateway with DoH, a device without a tunnel) [infer: the shares].
MODE_DOH: Final = "doh"
_TUNNEL_MODES: Final = (("warp+doh", 86), ("tunnel_only", 8), ("proxy", 6))

_MAC_OWNER = re.compile(r"^([A-Z][a-z]+?)s-(?:MacBook-Pro|MacBook-Air|iMac|Mac-mini|.+)$")
_HANDLE = re.compile(r"^([a-z])([a-z]+)-[a-z]+$")
_WIN_HANDLE = re.compile(r"^([A-Z])([A-Z]+)-(?:LT|PC|WS)$")
_MAC_ASSET = re.compile(r"^MAC-([A-Z]+)-\d+$")


@dataclass(frozen=True, slots=True)
class Org:
    """A Zero Trust organisation: the account's display name and its users' email domain."""

    account_id: str
    name: str
    domain: str


@dataclass(frozen=True, slots=True)
class DeviceRecord:
    """One registered WARP device of an account.

    Attributes:
        index: position in the registry (0..D-1 run traceroutes; D is linux, D+1 ios).
        device_id: lowercase UUID v4.
        registration_id: the device's (single-user) registration, a UUID v4.
        name: deviceName / hostname, the same string the test results carry.
        platform: windows | mac | linux | android | ios | chromeos.
        os_version: the operating system's version string.
        kind: laptop | desktop | phone: how the device is used through the day.
        person_email: the registered user's email.
        user_name: the registered user's (first, last) name.
        serial_number: the hardware serial the WARP client reports.
        base_mode: the WARP mode of the device's default configuration.
        runs_traceroutes: whether the device runs traceroute tests (it has traceroute results).
        profile: the network the device sits on (home place, ISP, LAN, colo, tunnel type).
        switch_locked: the admin locked the WARP switch, so the user cannot turn it off.
        auto_connect: the WARP daemon reconnects on its own (fleet `alwaysOn`).
        toggle_rate: chance a session contains a user toggling WARP off and on again.
        always_awake: the device never sleeps (a desktop left on, a phone).
        update_delay_s: how long after a release the client auto-updates.
        phase_s: offset of the device's 5-minute state reports.
        has_battery: laptops and phones report battery state.
        usually_plugged: a laptop that mostly sits on its charger.
        cpu_base: typical CPU use in %.
        ram_base: typical RAM use in %.
        disk_pct: disk usage in %.
        wifi_dbm: typical Wi-Fi signal in dBm (None on a wired device).
        ssid: the Wi-Fi network name (None on a wired device).
        device_ipv4: the device's LAN address (next to its gateway).
    """

    index: int
    device_id: str
    registration_id: str
    name: str
    platform: str
    os_version: str
    kind: str
    person_email: str
    user_name: tuple[str, str]
    serial_number: str
    base_mode: str
    runs_traceroutes: bool
    profile: generator.DeviceProfile
    switch_locked: bool
    auto_connect: bool
    toggle_rate: float
    always_awake: bool
    update_delay_s: int
    phase_s: int
    has_battery: bool
    usually_plugged: bool
    cpu_base: float
    ram_base: float
    disk_pct: float
    wifi_dbm: int | None
    ssid: str | None
    device_ipv4: str

    @property
    def tunnel_type(self) -> str | None:
        """The tunnel protocol the device's results carry (None in DNS-only mode)."""
        return self.profile.tunnel_type

    @property
    def capture_eligible(self) -> bool:
        """Whether remote captures can run on this device (Windows, macOS, Linux)."""
        return self.platform in CAPTURE_PLATFORMS


def _uuid4(digest: bytes) -> str:
    raw = bytearray(digest[:16])
    raw[6] = (raw[6] & 0x0F) | 0x40
    raw[8] = (raw[8] & 0x3F) | 0x80
    return str(uuid.UUID(bytes=bytes(raw)))


def registry_size(seed: int, account_id: str) -> int:
    """How many devices the account has registered: the traceroute devices plus linux and ios."""
    return universe.account_shape(seed, account_id.lower()).registry_size


def device_id(seed: int, account_id: str, index: int) -> str:
    """The UUID of registry device `index` (the SDK's placeholders in the docs account)."""
    return universe.device_id(seed, account_id, index)


def registration_id(seed: int, account_id: str, index: int) -> str:
    """The UUID of the device's registration (one user per device)."""
    return _uuid4(stable_digest(seed, VENDOR, "registration", account_id.lower(), str(index)))


def locate_device(seed: int, account_id: str, device_id_: str) -> int | None:
    """The registry index of a device id in `account_id`, or None if it is not registered."""
    return universe.locate_device(seed, account_id, device_id_)


@lru_cache(maxsize=4096)
def org(seed: int, account_id: str) -> Org:
    """The organisation an account belongs to (name and email domain)."""
    account = account_id.lower()
    name, domain = _ORGS[stable_int(seed, VENDOR, "org", account) % len(_ORGS)]
    return Org(account, name, domain)


@lru_cache(maxsize=1024)
def partner_account(seed: int, account_id: str) -> str:
    """Another organisation of the universe that some of this account's devices switch to.

    A catalog account, so a client can discover it and read its own tests and devices (C20).
    """
    account = account_id.lower()
    first, second, third = universe.catalog_accounts(seed, 3)
    if account != second:
        return second
    return first if account != first else third


def _pick(rng_choices: tuple[tuple[str, int], ...], u: float) -> str:
    total = sum(w for _, w in rng_choices)
    x = u * total
    for value, weight in rng_choices:
        x -= weight
        if x < 0:
            return value
    return rng_choices[-1][0]


def _kind(platform: str, name: str) -> str:
    if platform in ("android", "ios"):
        return "phone"
    if platform == "linux":
        return "desktop"
    if platform == "windows":
        if name.startswith("DESKTOP-") or name.endswith(("-PC", "-WS")) or "-DT-" in name:
            return "desktop"
        return "laptop"
    if platform == "mac" and ("iMac" in name or "Mac-mini" in name):
        return "desktop"
    return "laptop"


def _owner_from_name(name: str) -> tuple[str | None, str | None, str | None]:
    """(first name, first initial, last name) that a hostname reveals, where it does."""
    match = _MAC_OWNER.match(name)
    if match and match.group(1) in _FIRST_SET:
        return match.group(1), match.group(1)[0], None
    match = _HANDLE.match(name)
    if match and match.group(2) in _LAST_BY_LOWER:
        return None, match.group(1).upper(), _LAST_BY_LOWER[match.group(2)]
    match = _WIN_HANDLE.match(name)
    if match and match.group(2).lower() in _LAST_BY_LOWER:
        return None, match.group(1), _LAST_BY_LOWER[match.group(2).lower()]
    match = _MAC_ASSET.match(name)
    if match and match.group(1).lower() in _LAST_BY_LOWER:
        return None, None, _LAST_BY_LOWER[match.group(1).lower()]
    return None, None, None


def _email(seed: int, account: str, first: str, last: str) -> str:
    o = org(seed, account)
    # One address style per organisation: first.last@ or flast@.
    if stable_int(seed, VENDOR, "email-style", account) % 10 < 7:
        local = f"{first}.{last}"
    else:
        local = f"{first[0]}{last}"
    return f"{local.lower()}@{o.domain}"


def _serial(rng_random: float, platform: str, chars: str) -> str:
    if platform in ("mac", "ios"):
        return chars[:10]
    if platform == "android":
        return "R5C" + chars[:8]
    if platform == "chromeos":
        return "5CD" + chars[:7]
    # Windows and Linux PCs: Dell service tags (7), HP (5CG + 7) or Lenovo (PF + 6) serials.
    if rng_random < 0.4:
        return chars[:7]
    if rng_random < 0.7:
        return "5CG" + chars[:7]
    return "PF" + chars[:6]


def device_profile(seed: int, account_id: str, index: int) -> generator.DeviceProfile:
    """The network profile of registry device `index`.

    Traceroute devices get exactly the profile their results were generated from; the linux and
    ios devices get a drawn network with their own platform and hostname.
    """
    return device_record(seed, account_id, index).profile


@lru_cache(maxsize=8192)  # bounded: a record is well under a KB
def device_record(seed: int, account_id: str, index: int) -> DeviceRecord:
    """Registry device `index` of `account_id` (IndexError past the registry)."""
    account = account_id.lower()
    runners = universe.account_shape(seed, account).devices
    size = runners + len(EXTRA_PLATFORMS)
    if not 0 <= index < size:
        raise IndexError(f"device index {index} outside the registry of {size}")
    # The same profile the results are generated from (linux and ios: platform and hostname
    # replaced by service.account_device), so names agree everywhere (C8).
    profile = service.account_device(seed, account, index)
    rng = rng_for(seed, VENDOR, account, "device-record", str(index))
    runs = index < runners
    name = profile.name
    platform = profile.platform
    if not runs and not profile.wifi:
        profile = dataclasses.replace(
            profile, source=dataclasses.replace(profile.source, wifi=True)
        )  # a phone or a home workstation
    first, initial, last = _owner_from_name(name)
    if first is None:
        pool = [n for n in _FIRST_NAMES if initial is None or n[0] == initial]
        first = rng.choice(pool or list(_FIRST_NAMES))
    if last is None:
        last = rng.choice(_LAST_NAMES)
    email = _email(seed, account, first, last)
    kind = _kind(platform, name)
    always_awake = kind == "phone" or (kind == "desktop" and rng.random() < 0.35)
    if account == DOC_ACCOUNT_ID and index in (0, 1):
        # The SDK's live-status tests ask for device 1 over the last 10 minutes, and device 0
        # ran the docs' result seconds before the epoch (a Saturday midnight UTC): desktops left
        # on, so they have reported (and run their tests) whatever the time of day.
        always_awake = True
    base_mode = MODE_DOH if profile.tunnel_type is None else _pick(_TUNNEL_MODES, rng.random())
    switch_locked = rng.random() < 0.45
    u = rng.random()
    # Managed auto-update: most clients take a release within days, some lag for weeks and a
    # few are stuck months behind [infer].
    if u < 0.45:
        delay = rng.randrange(0, 2 * 86400)
    elif u < 0.8:
        delay = rng.randrange(2 * 86400, 10 * 86400)
    elif u < 0.92:
        delay = rng.randrange(10 * 86400, 40 * 86400)
    else:
        delay = rng.randrange(60 * 86400, 200 * 86400)
    has_battery = kind in ("laptop", "phone")
    wifi_dbm = -rng.randrange(42, 72) if profile.wifi else None
    ssid = _ssid(rng.random(), rng.randrange(16**4), profile) if profile.wifi else None
    gateway = profile.lan[0][0]
    prefix = gateway.rsplit(".", 1)[0]
    host = rng.randrange(20, 240)
    os_version = _pick(_OS_VERSIONS[platform], rng.random())
    chars = "".join(rng.choice(_ALNUM) for _ in range(12))
    return DeviceRecord(
        index=index,
        device_id=device_id(seed, account, index),
        registration_id=registration_id(seed, account, index),
        name=name,
        platform=platform,
        os_version=os_version,
        kind=kind,
        person_email=email,
        user_name=(first, last),
        serial_number=_serial(rng.random(), platform, chars),
        base_mode=base_mode,
        runs_traceroutes=runs,
        profile=profile,
        switch_locked=switch_locked,
        auto_connect=switch_locked or rng.random() < 0.6,
        toggle_rate=0.0 if switch_locked else rng.uniform(0.03, 0.3),
        always_awake=always_awake,
        update_delay_s=delay,
        phase_s=rng.randrange(300),
        has_battery=has_battery,
        usually_plugged=kind == "laptop" and rng.random() < 0.4,
        cpu_base=rng.uniform(4.0, 22.0),
        ram_base=rng.uniform(38.0, 74.0),
        disk_pct=rng.uniform(22.0, 88.0),
        wifi_dbm=wifi_dbm,
        ssid=ssid,
        device_ipv4=f"{prefix}.{host}",
    )


def _ssid(u: float, tag: int, profile: generator.DeviceProfile) -> str:
    """A Wi-Fi network name in the style of the device's ISP gateway or its office."""
    if profile.access == "office":
        return "CORP-WIFI" if u < 0.5 else "Corp-Secure"
    defaults = {
        "comcast": f"XFINITY-{tag:04X}",
        "charter": f"MySpectrumWiFi{tag & 0xFF:02x}-5G",
        "att": f"ATT{tag:04X}",
        "verizon": f"Verizon_{tag:04X}",
        "cox": f"CoxWiFi-{tag:04X}",
        "tmobile": f"TMOBILE-{tag:04X}",
        "starlink": "STARLINK",
    }
    if u < 0.55:
        return defaults.get(profile.isp, f"HOME-{tag:04X}")
    return f"{('NETGEAR', 'Linksys', 'TP-Link_', 'eero-', 'HOME-')[tag % 5]}{tag % 97:02d}"


@lru_cache(maxsize=1024)  # bounded: one tuple of references per account
def registry(seed: int, account_id: str) -> tuple[DeviceRecord, ...]:
    """Every registered device of the account, in index order."""
    account = account_id.lower()
    return tuple(device_record(seed, account, i) for i in range(registry_size(seed, account)))
