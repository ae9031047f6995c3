"""Cloudflare DEX catalogue data: test targets, intervals, platforms, tunnel types, models.

The network itself (places, ISPs, prefixes, rDNS, colos) lives in `netpath_mock.netmodel`;
this module keeps what is DEX's own: what admins test, how often, and what WARP devices are.
"""

from __future__ import annotations

from typing import NamedTuple


class DexTarget(NamedTuple):
    """One admin-configurable DEX traceroute target: its test name and where it points."""

    name: str  # testName, as an admin would type it
    host: str  # the configured host: an IP or a hostname (netmodel.targets resolves it)
    exclude_share: float  # share of tests an admin puts in the split-tunnel Exclude list


# DEX test targets (Cloudflare docs: target is an IP or host, e.g. 1.1.1.1; the API example
# name is "Atlassian Sign In Page"). Microsoft 365 is often excluded from WARP (the "Directly
# route Microsoft 365 traffic" setting), so those tests often run out of tunnel [infer].
TARGETS: tuple[DexTarget, ...] = (
    DexTarget("Cloudflare DNS 1.1.1.1", "1.1.1.1", 0.05),
    DexTarget("Cloudflare DNS 1.0.0.1", "1.0.0.1", 0.05),
    DexTarget("Cloudflare Resolver", "one.one.one.one", 0.05),
    DexTarget("Cloudflare Website", "www.cloudflare.com", 0.05),
    DexTarget("Cloudflare Dashboard", "dash.cloudflare.com", 0.05),
    DexTarget("Google DNS 8.8.8.8", "8.8.8.8", 0.1),
    DexTarget("Google Workspace", "www.google.com", 0.1),
    DexTarget("Microsoft 365 Outlook", "outlook.office365.com", 0.5),
    DexTarget("Microsoft Teams", "teams.microsoft.com", 0.5),
    DexTarget("Microsoft Entra Sign In", "login.microsoftonline.com", 0.5),
    DexTarget("Atlassian Sign In Page", "id.atlassian.com", 0.1),
    DexTarget("AWS us-east-1 (N. Virginia)", "ec2.us-east-1.amazonaws.com", 0.1),
    DexTarget("AWS us-east-2 (Ohio)", "ec2.us-east-2.amazonaws.com", 0.1),
    DexTarget("AWS us-west-1 (N. California)", "ec2.us-west-1.amazonaws.com", 0.1),
    DexTarget("AWS us-west-2 (Oregon)", "ec2.us-west-2.amazonaws.com", 0.1),
    DexTarget("Datadog US1", "app.datadoghq.com", 0.1),
)

# Relative popularity of each TARGETS entry when an admin creates a test, aligned with TARGETS:
# about 40% Cloudflare-edge tests (the docs' own example target is 1.1.1.1) [infer].
TARGET_WEIGHTS: tuple[int, ...] = (14, 4, 5, 8, 6, 6, 8, 7, 6, 5, 8, 6, 5, 5, 6, 5)

# DEX test frequency is 5-60 minutes; the API `interval` example is "0h5m0s"
# (cloudflare-contract-notes.md §5).
INTERVALS: tuple[str, ...] = ("0h5m0s", "0h10m0s", "0h15m0s", "0h30m0s", "1h0m0s")
INTERVAL_WEIGHTS: tuple[int, ...] = (30, 20, 25, 20, 5)

# --- Clients --------------------------------------------------------------------------------
# DEX traceroute platforms: Windows, macOS, Android, ChromeOS; not Linux or iOS
# (cloudflare-contract-notes.md §5).
PLATFORMS: tuple[str, ...] = ("windows", "mac", "android", "chromeos")
PLATFORM_WEIGHTS: tuple[int, ...] = (50, 35, 8, 7)

# Tunnel protocols of the WARP client (Logpush `dex_application_tests.TunnelType`:
# `http2`, `masque`, `wireguard`). MASQUE is the current default, WireGuard the legacy one;
# http2 is MASQUE's TCP fallback [infer for the weights].
TUNNEL_TYPES: tuple[str, ...] = ("masque", "wireguard", "http2")
TUNNEL_WEIGHTS: tuple[int, ...] = (70, 25, 5)

ANDROID_MODELS: tuple[str, ...] = (
    "Pixel-7",
    "Pixel-7a",
    "Pixel-8",
    "Pixel-8-Pro",
    "Pixel-9",
    "Pixel-9-Pro",
    "Galaxy-S23",
    "Galaxy-S24-Ultra",
    "SM-S911U",
    "SM-S918U",
    "SM-A156U",
    "moto-g-power-5G",
    "OnePlus-12",
)
CHROMEBOOK_MODELS: tuple[str, ...] = (
    "HP-Chromebook-14",
    "Chromebook-Plus",
    "Lenovo-Chromebook-Duet",
    "Acer-Chromebook-Spin",
    "Dell-Chromebook-3110",
)
