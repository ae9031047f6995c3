"""Destinations: a host name or IP resolved to the network that really hosts it.

`resolve(host, port)` is deterministic: the same name always gives the same addresses in the
same network. Well-known names and suffixes map to their real operators (Cloudflare anycast for
Cloudflare-fronted names, AWS regions, CloudFront, Azure, Google front ends and Google Cloud,
Akamai, Fastly, enterprises with their own ASN); any other name is placed by a hash of the name
on the mix of hosting a SaaS estate shows (mostly AWS, then Cloudflare-fronted, GCP, Azure and
CDNs) [infer for the mix]. RFC 1918 literals are private targets: reachable only from a source
inside the same private network (an agent's office or a VPC).
"""

from __future__ import annotations

import hashlib
import random
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Final

from netpath_mock.netmodel import addressing
from netpath_mock.netmodel.places import Place, place
from netpath_mock.netmodel.regions import REGIONS

# Target kinds: "cf-edge" ends inside Cloudflare's edge at the colo nearest the source; "app"
# is hosted beyond it (a region, a front door, an enterprise); "private" is an RFC 1918 host.
CF_EDGE: Final = "cf-edge"
APP: Final = "app"
PRIVATE: Final = "private"


@dataclass(frozen=True, slots=True)
class Target:
    """A destination and the network that hosts it.

    Attributes:
        host: the name or IP a test is configured with.
        kind: "cf-edge" | "app" | "private".
        network: who answers: "cloudflare", "aws", "google" (front ends), "gcp" (Google Cloud
            instances), "microsoft" (Microsoft 365 / front door), "azure", "cloudfront",
            "akamai", "fastly", "apple", "meta", "github", or "private".
        asn: ASN of the destination address (0 for a private target).
        pool: address pool the destination is drawn from when `ips` is empty.
        ips: the name's fixed addresses (DNS A records), if any.
        region: "provider:code" of the cloud region hosting it, or "" when the answer comes
            from the front door / PoP nearest the source.
        site: place key of a fixed enterprise site, or "".
        ptr: PTR style of the destination: "" none, a literal name, or "ec2", "1e100",
            "googleusercontent", "cloudfront", "akamai".
        port: destination port (None when the probe has none, e.g. ICMP).
        key: a stable 64-bit key of the host (route caches and seeds).
    """

    host: str
    kind: str
    network: str
    asn: int
    pool: str
    ips: tuple[str, ...]
    region: str
    site: str
    ptr: str
    port: int | None
    key: int

    @property
    def place(self) -> Place | None:
        """Where the destination is, or None when it answers from the PoP nearest the source."""
        if self.region:
            return REGIONS[self.region].place
        if self.site:
            return place(self.site)
        return None


def _key(host: str) -> int:
    return int.from_bytes(hashlib.blake2b(host.lower().encode(), digest_size=8).digest(), "big")


def _t(
    host: str,
    kind: str,
    network: str,
    asn: int,
    pool: str = "",
    ips: tuple[str, ...] = (),
    region: str = "",
    ptr: str = "",
    site: str = "",
) -> Target:
    return Target(host, kind, network, asn, pool, ips, region, site, ptr, None, _key(host))


# The DEX test targets (Cloudflare docs: target is an IP or host, e.g. 1.1.1.1). Resolver
# names are from realism.md Part 3 (`one.one.one.one`, `dns.google`).
KNOWN: Final[dict[str, Target]] = {
    t.host: t
    for t in (
        _t("1.1.1.1", CF_EDGE, "cloudflare", 13335, ips=("1.1.1.1",), ptr="one.one.one.one"),
        _t("1.0.0.1", CF_EDGE, "cloudflare", 13335, ips=("1.0.0.1",), ptr="one.one.one.one"),
        _t("one.one.one.one", CF_EDGE, "cloudflare", 13335, ips=("1.1.1.1", "1.0.0.1"),
           ptr="one.one.one.one"),
        _t("www.cloudflare.com", CF_EDGE, "cloudflare", 13335,
           ips=("104.16.123.96", "104.16.124.96")),
        _t("dash.cloudflare.com", CF_EDGE, "cloudflare", 13335, pool="cloudflare.proxied"),
        _t("8.8.8.8", APP, "google", 15169, ips=("8.8.8.8",), ptr="dns.google"),
        _t("8.8.4.4", APP, "google", 15169, ips=("8.8.4.4",), ptr="dns.google"),
        _t("www.google.com", APP, "google", 15169, pool="google.www", ptr="1e100"),
        _t("outlook.office365.com", APP, "microsoft", 8075, pool="microsoft.exchange"),
        _t("teams.microsoft.com", APP, "microsoft", 8075, pool="microsoft.teams"),
        _t("login.microsoftonline.com", APP, "microsoft", 8075, pool="microsoft.entra"),
        _t("id.atlassian.com", APP, "aws", 16509, pool="aws.us-east-1", region="aws:us-east-1",
           ptr="ec2"),
        _t("ec2.us-east-1.amazonaws.com", APP, "aws", 16509, pool="aws.us-east-1",
           region="aws:us-east-1"),
        _t("ec2.us-east-2.amazonaws.com", APP, "aws", 16509, pool="aws.us-east-2",
           region="aws:us-east-2"),
        _t("ec2.us-west-1.amazonaws.com", APP, "aws", 16509, pool="aws.us-west-1",
           region="aws:us-west-1"),
        _t("ec2.us-west-2.amazonaws.com", APP, "aws", 16509, pool="aws.us-west-2",
           region="aws:us-west-2"),
        # Datadog's US1 site runs in AWS us-east-1 [infer].
        _t("app.datadoghq.com", APP, "aws", 16509, pool="aws.us-east-1",
           region="aws:us-east-1", ptr="ec2"),
        _t("github.com", APP, "github", 36459, ips=("140.82.112.3", "140.82.113.3"),
           site="20147"),
        _t("api.github.com", APP, "github", 36459, ips=("140.82.112.6", "140.82.113.6"),
           site="20147"),
    )
}  # fmt: skip

_AWS_HOST: Final = re.compile(
    r"(?:^|\.)([a-z]{2}(?:-[a-z]+)+-\d)\.(?:[a-z0-9-]+\.)*amazonaws\.com$"
)
_AZURE_HOST: Final = re.compile(r"\.([a-z0-9]+)\.cloudapp\.azure\.com$")

# Suffix -> (network, kind). Checked in order; the first match wins.
_SUFFIXES: Final[tuple[tuple[tuple[str, ...], str], ...]] = (
    (("cloudflare.com", "workers.dev", "pages.dev", "cloudflare-dns.com"), "cloudflare"),
    (("cloudfront.net",), "cloudfront"),
    (("akamaized.net", "akamaiedge.net", "edgekey.net", "edgesuite.net", "akamai.net"), "akamai"),
    (("fastly.net", "fastlylb.net", "github.io", "githubusercontent.com"), "fastly"),
    (("github.com",), "github"),
    (("google.com", "googleapis.com", "gstatic.com", "youtube.com", "run.app", "appspot.com",
      "googleusercontent.com", "gmail.com"), "google"),
    (("microsoft.com", "office.com", "office365.com", "live.com", "microsoftonline.com",
      "outlook.com", "azureedge.net", "azurefd.net"), "microsoft"),
    (("azurewebsites.net", "cloudapp.azure.com", "windows.net", "cloudapp.net"), "azure"),
    (("apple.com", "icloud.com"), "apple"),
    (("facebook.com", "instagram.com", "whatsapp.net", "fbcdn.net"), "meta"),
    (("amazonaws.com", "datadoghq.com", "awsapps.com"), "aws"),
)  # fmt: skip

# Where an arbitrary name is hosted (network, region or "", weight) [infer].
_HOSTING_MIX: Final[tuple[tuple[str, str, int], ...]] = (
    ("aws", "aws:us-east-1", 20),
    ("aws", "aws:us-east-2", 4),
    ("aws", "aws:us-west-2", 7),
    ("aws", "aws:eu-west-1", 5),
    ("aws", "aws:eu-central-1", 4),
    ("aws", "aws:ap-southeast-1", 2),
    ("aws", "aws:ap-northeast-1", 2),
    ("cloudflare", "", 18),
    ("gcp", "gcp:us-central1", 5),
    ("gcp", "gcp:europe-west1", 2),
    ("gcp", "gcp:asia-northeast1", 1),
    ("azure", "azure:eastus", 5),
    ("azure", "azure:westeurope", 3),
    ("cloudfront", "", 8),
    ("akamai", "", 6),
    ("fastly", "", 5),
)
_MIX_TOTAL: Final = sum(w for _, _, w in _HOSTING_MIX)

_NETWORK_ASN: Final[dict[str, int]] = {
    "cloudflare": 13335, "aws": 16509, "cloudfront": 16509, "google": 15169, "gcp": 396982,
    "microsoft": 8075, "azure": 8075, "akamai": 20940, "fastly": 54113, "apple": 714,
    "meta": 32934, "github": 36459,
}  # fmt: skip


def _is_ip(host: str) -> bool:
    parts = host.split(".")
    return len(parts) == 4 and all(p.isdigit() and int(p) < 256 for p in parts)


def _hosted(host: str, network: str, region: str, rng: random.Random) -> Target:
    """A target of `network` for `host`, its addresses drawn from the network's space."""
    asn = _NETWORK_ASN[network]
    kind = CF_EDGE if network == "cloudflare" else APP
    ptr = ""
    site = ""
    if network == "aws":
        code = region.split(":", 1)[1]
        pool = f"aws.{code}"
        ptr = "ec2"
    else:
        pool = {
            "cloudflare": "cloudflare.customers",
            "cloudfront": "cloudfront",
            "google": "google.www",
            "gcp": "gcp.compute",
            "microsoft": "microsoft.exchange",
            "azure": "azure.compute",
            "akamai": "akamai",
            "fastly": "fastly",
            "apple": "apple",
            "meta": "meta",
            "github": "github",
        }[network]
        ptr = {
            "cloudfront": "cloudfront",
            "google": "1e100",
            "gcp": "googleusercontent",
            "akamai": "akamai",
        }.get(network, "")
        if network == "github":
            site = "20147"
    count = 2 if network in ("cloudflare", "aws", "cloudfront") else 1 + (rng.random() < 0.3)
    ips = tuple(dict.fromkeys(addressing.ip(rng, addressing.POOLS[pool]) for _ in range(count)))
    return Target(host, kind, network, asn, pool, ips, region, site, ptr, None, _key(host))


def _private(host: str) -> Target:
    return Target(host, PRIVATE, "private", 0, "", (host,), "", "", "", None, _key(host))


@lru_cache(maxsize=4096)  # bounded; a Target is a few hundred bytes
def _resolve(host: str) -> Target:
    name = host.lower().rstrip(".")
    known = KNOWN.get(name)
    if known is not None:
        return known
    rng = random.Random(_key(name))
    if _is_ip(name):
        if addressing.is_internal(name):
            return _private(name)
        for network, pool in (
            ("cloudflare", "cloudflare.customers"),
            ("cloudfront", "cloudfront"),
            ("akamai", "akamai"),
            ("fastly", "fastly"),
            ("google", "google.www"),
            ("apple", "apple"),
            ("meta", "meta"),
            ("github", "github"),
            ("gcp", "gcp.compute"),
            ("azure", "azure.compute"),
        ):
            if addressing.in_pool(name, pool):
                target = _hosted(name, network, "", rng)
                region = "gcp:us-central1" if network == "gcp" else ""
                region = "azure:eastus" if network == "azure" else region
                return replace(target, ips=(name,), region=region)
        for region_id in REGIONS:
            if region_id.startswith("aws:") and addressing.in_pool(name, f"aws.{region_id[4:]}"):
                return replace(_hosted(name, "aws", region_id, rng), ips=(name,))
        # Space the model cannot attribute: reached over transit, no ASN or place claimed.
        return Target(name, APP, "other", 0, "", (name,), "", "", "", None, _key(name))
    m = _AWS_HOST.search(name)
    if m and f"aws:{m.group(1)}" in REGIONS:
        return _hosted(name, "aws", f"aws:{m.group(1)}", rng)
    m = _AZURE_HOST.search(name)
    if m and f"azure:{m.group(1)}" in REGIONS:
        return _hosted(name, "azure", f"azure:{m.group(1)}", rng)
    for suffixes, network in _SUFFIXES:
        if any(name == s or name.endswith("." + s) for s in suffixes):
            region = {"aws": "aws:us-east-1", "azure": "azure:eastus"}.get(network, "")
            return _hosted(name, network, region, rng)
    pick = rng.random() * _MIX_TOTAL
    for network, region, weight in _HOSTING_MIX:
        pick -= weight
        if pick < 0:
            return _hosted(name, network, region, rng)
    raise AssertionError("unreachable: the mix weights sum to _MIX_TOTAL")


def resolve(host: str, port: int | None = None) -> Target:
    """The destination `host` names, with `port` (None for a probe without one).

    Deterministic: the same host always resolves to the same network and addresses.
    """
    target = _resolve(host)
    return target if port == target.port else replace(target, port=port)
