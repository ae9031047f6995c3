"""Where a probe runs from: an end-user device, a cloud region, or an agent host.

* `EndUserSource`: a device behind a home or office LAN and an eyeball / business ISP in a US
  metro (realism.md Part 4 places, Part 3 ISPs). Drawn in two steps, `end_user_site` (where the
  device is: metro, ISP, access technology, Wi-Fi) then `end_user_source` (its LAN chain, router
  behaviours and route key), so a caller can interleave its own draws (a WARP profile draws its
  tunnel between the two).
* `CloudSource`: a probe host in a cloud region (`cloud("aws:eu-central-1")`): the provider's ASN
  first, its internal hops, then egress over its backbone, peering or IXPs; no eyeball ISP.
* `DatacenterSource`: an agent host in a data centre, rented from a hosting provider (Hetzner,
  OVH, DigitalOcean, Linode) or colocated behind the company's firewall with IP transit.
  An agent host in an office is an `EndUserSource` with access "office" (`office_source`).

Every source has `place`, `colo` / `alt_colo` (the Cloudflare colos anycast lands on from it),
`access` (the RTT band of its first step), `wifi`, `lan_ms` and a 64-bit `route_key`.
"""

from __future__ import annotations

import random
import zlib
from dataclasses import dataclass
from typing import Final

from netpath_mock.netmodel import addressing
from netpath_mock.netmodel import networks as nw
from netpath_mock.netmodel.colos import nearest_colos
from netpath_mock.netmodel.places import BY_ZIP, Place, place
from netpath_mock.netmodel.regions import REGIONS, CloudRegion, get

# Access technologies and the first-ISP-hop RTT step of each (realism.md R15), as
# (source step low, source step high, per-run jitter low, per-run jitter high), in ms. Step
# plus jitter stays inside the R15 band: fiber 1-9, cable 7-25, DSL 10-30, fixed wireless
# 15-60, LEO satellite 25-45; office uplinks are business fiber. Cloud and data-centre hosts
# step onto their provider's routers in well under a millisecond [infer].
ACCESS_STEP: Final[dict[str, tuple[float, float, float, float]]] = {
    "fiber": (1.5, 6.0, 0.0, 1.2),
    "cable": (7.5, 15.0, 0.0, 4.0),
    "dsl": (11.0, 23.0, 0.0, 5.0),
    "fixed-wireless": (17.0, 36.0, -2.0, 12.0),
    "satellite": (28.0, 37.0, -3.0, 7.0),
    "office": (1.2, 4.5, 0.0, 1.0),
    "cloud": (0.1, 0.4, 0.0, 0.3),
    "datacenter": (0.2, 0.9, 0.0, 0.5),
}


# --- End-user devices -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class EndUserSite:
    """Where an end-user device sits: its metro, ISP, access technology and first hop."""

    home: Place
    isp: str
    access: str
    wifi: bool
    lan_ms: float
    cgnat_ip: str | None


@dataclass(frozen=True, slots=True)
class EndUserSource:
    """A device on a home or office network behind an eyeball (or business) ISP.

    Attributes:
        home: the verified (city, state, zip) the device is in (realism.md Part 4).
        isp: network family key: comcast, charter, att, verizon, cox, tmobile, starlink,
            lumen (office uplinks), dtag (German offices).
        asn: the ISP's ASN ("last seen ISP").
        aso: the ISP's organisation name.
        access: "fiber" | "cable" | "dsl" | "fixed-wireless" | "satellite" | "office".
        wifi: whether the device reaches its gateway over Wi-Fi (hop-1 RTT, R14).
        lan: private hops from the device outwards, as (address, LAN resolver name).
        cgnat_ip: the RFC 6598 carrier-NAT hop of fixed-wireless / satellite clients.
        lan_ms: typical hop-1 RTT in ms.
        access_ms: the source's first-ISP-hop RTT step in ms (R15).
        colo: IATA code of the nearest Cloudflare colo.
        alt_colo: the second-nearest colo, used by a few runs.
        silent_access_hop: the ISP's first router never answers (Spectrum, Fios).
        isp_private_hop: the ISP answers from an internal 10.x address with its own PTR.
        route_key: a stable seed for this source's routes.
    """

    home: Place
    isp: str
    asn: int
    aso: str
    access: str
    wifi: bool
    lan: tuple[tuple[str, str | None], ...]
    cgnat_ip: str | None
    lan_ms: float
    access_ms: float
    colo: str
    alt_colo: str
    silent_access_hop: bool
    isp_private_hop: bool
    route_key: int

    @property
    def place(self) -> Place:
        """Where the source is (its home)."""
        return self.home


def _pick_home_isp(rng: random.Random, zip_: str) -> str:
    choices = [isp for isp, zips in nw.ISP_FOOTPRINT.items() if zip_ in zips]
    return rng.choices(choices, [nw.ISP_WEIGHT[isp] for isp in choices])[0]


def _pick_office_isp(rng: random.Random, zip_: str) -> str:
    # Business uplinks: the local cable/telco's business service, or Lumen DIA anywhere.
    choices = [
        "lumen",
        *(isp for isp in ("comcast", "att", "verizon") if zip_ in nw.ISP_FOOTPRINT[isp]),
    ]
    return rng.choice(choices)


def _lan_chain(rng: random.Random, isp: str, access: str) -> tuple[tuple[str, str | None], ...]:
    if access == "office":
        # A campus adds 1-2 private hops (realism.md Part 1 §1): access switch, core, firewall.
        hops: list[tuple[str, str | None]] = [(addressing.private_ip(rng), None)]
        for _ in range(1 + (rng.random() < 0.4)):
            ip = addressing.private_ip(rng)
            if all(ip != seen for seen, _ in hops):
                hops.append((ip, None))
        return tuple(hops)
    isp_gateway = rng.choice(nw.ISP_GATEWAYS[isp])
    if isp in ("tmobile", "starlink") or rng.random() < 0.7:
        return (isp_gateway,)
    own = rng.choice(nw.OWN_ROUTERS)
    if rng.random() < 0.2 and own[0] != isp_gateway[0]:
        return (own, isp_gateway)  # double NAT: own router behind the ISP gateway
    return (own,)


def tmobile_cgnat_ip(rng: random.Random) -> str:
    """The carrier-NAT hop of a T-Mobile fixed-wireless line: a .1 in 100.64.0.0/10 (R5)."""
    return f"100.{rng.randrange(64, 128)}.{rng.randrange(256)}.1"


def end_user_site(rng: random.Random, wifi_share: float) -> EndUserSite:
    """Draw where a device is: metro, ISP, access technology, Wi-Fi, first-hop RTT.

    Args:
        rng: the caller's per-device generator.
        wifi_share: chance the device is on Wi-Fi; 1.0 (phones, Chromebooks) means always,
            and then no draw is made for it.
    """
    home = BY_ZIP[rng.choice(nw.CLIENT_ZIPS)]
    u = rng.random()
    if u < 0.15:
        access, isp = "office", _pick_office_isp(rng, home.zip)
    elif u < 0.20:
        access, isp = "fixed-wireless", "tmobile"
    elif u < 0.22:
        access, isp = "satellite", "starlink"
    else:
        isp = _pick_home_isp(rng, home.zip)
        if isp == "att":
            access = "fiber" if rng.random() < 0.7 else "dsl"
        else:
            access = "fiber" if isp == "verizon" else "cable"
    wifi = True if wifi_share >= 1.0 else rng.random() < wifi_share
    if wifi:
        lan_ms = rng.uniform(0.8, 3.0) if rng.random() < 0.9 else rng.uniform(3.0, 10.0)
    else:
        lan_ms = rng.uniform(0.2, 1.4)
    cgnat_ip: str | None = None
    if isp == "starlink":
        cgnat_ip = "100.64.0.1"
    elif isp == "tmobile":
        cgnat_ip = tmobile_cgnat_ip(rng)
    return EndUserSite(home, isp, access, wifi, lan_ms, cgnat_ip)


def end_user_source(rng: random.Random, site: EndUserSite) -> EndUserSource:
    """Draw the network details of a device at `site`: LAN chain, routers, route key."""
    isp, access = site.isp, site.access
    lo, hi, _, _ = ACCESS_STEP[access]
    colo, alt_colo = nearest_colos(site.home)
    asn = nw.ISP_ASN[isp]
    return EndUserSource(
        home=site.home,
        isp=isp,
        asn=asn,
        aso=nw.ASO_NAME[asn],
        access=access,
        wifi=site.wifi,
        lan=_lan_chain(rng, isp, access),
        cgnat_ip=site.cgnat_ip,
        lan_ms=site.lan_ms,
        access_ms=rng.uniform(lo, hi),
        colo=colo,
        alt_colo=alt_colo,
        silent_access_hop=(
            isp in ("verizon", "charter") and access != "office" and rng.random() < 0.6
        ),
        isp_private_hop=isp == "comcast" and access == "cable" and rng.random() < 0.1,
        route_key=rng.getrandbits(64),
    )


# Office sites of agent hosts: US metros (business ISPs as for DEX offices) and German cities
# on Deutsche Telekom business lines [infer].
OFFICE_PLACES: Final[tuple[str, ...]] = (
    "10011", "60601", "94301", "02108", "98121", "75201", "30303", "20190", "80202",
    "frankfurt", "munich", "berlin",
)  # fmt: skip


def office_source(rng: random.Random, site: Place | None = None) -> EndUserSource:
    """Draw an agent host on an office LAN: 1-3 private hops, then a business ISP."""
    home = site if site is not None else place(rng.choice(OFFICE_PLACES))
    isp = "dtag" if home.country == "DE" else _pick_office_isp(rng, home.zip)
    lan_ms = rng.uniform(0.2, 1.4)  # a wired server or VM, not a laptop on Wi-Fi
    office = EndUserSite(home, isp, "office", False, lan_ms, None)
    return end_user_source(rng, office)


# --- Cloud regions --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CloudSource:
    """A probe host in a cloud region (a Datadog managed location, say).

    Attributes:
        region: the cloud region.
        asn / aso: the instance address's ASN and organisation.
        colo / alt_colo: Cloudflare colos nearest the region.
        lan_ms: RTT to the first answering hop, ms.
        route_key: stable per region.
    """

    region: CloudRegion
    asn: int
    aso: str
    colo: str
    alt_colo: str
    lan_ms: float
    route_key: int
    access: str = "cloud"
    wifi: bool = False

    @property
    def place(self) -> Place:
        """Where the region is."""
        return self.region.place

    @property
    def id(self) -> str:
        """The region id, e.g. "aws:eu-central-1"."""
        return self.region.id


def cloud(region_id: str) -> CloudSource:
    """The probe source in cloud region `region_id` ("aws:eu-central-1", "gcp:us-east4")."""
    return _CLOUD_SOURCES.get(region_id) or _cloud(get(region_id))


def _cloud(region: CloudRegion) -> CloudSource:
    colo, alt_colo = nearest_colos(region.place)
    # Virtual NIC and hypervisor add a few tenths of a millisecond to the first hop.
    lan_ms = 0.25 + (region.key % 1000) / 2000
    aso = nw.ASO_NAME[region.asn]
    return CloudSource(region, region.asn, aso, colo, alt_colo, lan_ms, region.key)


_CLOUD_SOURCES: Final[dict[str, CloudSource]] = {rid: _cloud(r) for rid, r in REGIONS.items()}


# --- Data-centre agent hosts ------------------------------------------------------------------

# Hosting provider -> sites (place keys), each a (place key, site token) [infer for sites].
HOSTING_SITES: Final[dict[str, tuple[str, ...]]] = {
    "hetzner": ("falkenstein", "nuremberg", "helsinki", "20147", "97124"),
    "ovh": ("roubaix", "gravelines", "strasbourg", "frankfurt", "london", "beauharnois",
            "singapore", "sydney"),
    "digitalocean": ("07094", "95054", "amsterdam", "london", "frankfurt", "toronto",
                     "singapore", "bangalore", "sydney"),
    "linode": ("07102", "30303", "75207", "95134", "london", "frankfurt", "singapore", "tokyo",
               "sydney", "mumbai", "toronto"),
}  # fmt: skip
# Colocation metros (Equinix / Digital Realty campuses) where a company racks agent hosts
# behind its own firewall, with IP transit from a backbone [infer].
COLO_SITES: Final[tuple[str, ...]] = (
    "20147", "07094", "60616", "75207", "95134", "90017", "98121", "frankfurt", "amsterdam",
    "london", "paris", "tokyo", "singapore", "sydney", "hong-kong",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class DatacenterSource:
    """An agent host in a data centre.

    Attributes:
        provider: "hetzner" | "ovh" | "digitalocean" | "linode" | "colo".
        site: place of the data centre.
        asn / aso: network of the host's address (the hosting provider, or for "colo" the
            transit provider that sells the company its IP transit).
        transit: for "colo", the transit family (networks.TRANSITS); else "".
        lan: private hops behind a colocated host's firewall (empty for rented hosts).
        gateway_private: the provider's first hop answers from a private address (Hetzner
            Cloud's 172.31.1.1).
        colo / alt_colo: Cloudflare colos nearest the site.
        lan_ms: RTT to the first hop, ms.
        access_ms: step onto the provider's routers, ms.
        route_key: stable per host.
    """

    provider: str
    site: Place
    asn: int
    aso: str
    transit: str
    lan: tuple[str, ...]
    gateway_private: bool
    colo: str
    alt_colo: str
    lan_ms: float
    access_ms: float
    route_key: int
    access: str = "datacenter"
    wifi: bool = False

    @property
    def place(self) -> Place:
        """Where the data centre is."""
        return self.site


def datacenter_source(
    rng: random.Random, provider: str | None = None, site: str | None = None
) -> DatacenterSource:
    """Draw an agent host in a data centre (a hosting provider's, or a colocation rack)."""
    if provider is None:
        provider = rng.choice(("hetzner", "ovh", "digitalocean", "linode", "colo", "colo"))
    if provider == "colo":
        where = place(site or rng.choice(COLO_SITES))
        families = nw.TRANSITS if where.country == "US" else nw.WORLD_TRANSITS
        transit = rng.choice(families)
        asn = nw.TRANSIT_ASN[transit]
        lan = tuple(addressing.private_ip(rng) for _ in range(1 + (rng.random() < 0.5)))
        gateway_private = False
    else:
        where = place(site or rng.choice(HOSTING_SITES[provider]))
        transit = ""
        asn = nw.HOSTING[provider][0]
        lan = ()
        gateway_private = provider == "hetzner" and rng.random() < 0.5
    colo, alt_colo = nearest_colos(where)
    return DatacenterSource(
        provider=provider,
        site=where,
        asn=asn,
        aso=nw.ASO_NAME[asn],
        transit=transit,
        lan=lan,
        gateway_private=gateway_private,
        colo=colo,
        alt_colo=alt_colo,
        lan_ms=rng.uniform(0.1, 0.6),
        access_ms=rng.uniform(0.2, 0.9),
        route_key=rng.getrandbits(64),
    )


def agent_source(
    rng: random.Random, office_share: float = 0.35
) -> EndUserSource | DatacenterSource:
    """Draw a Datadog-style agent host: an office server, or a data-centre host."""
    if rng.random() < office_share:
        return office_source(rng)
    return datacenter_source(rng)


Source = EndUserSource | CloudSource | DatacenterSource


def stable_key(*parts: str) -> int:
    """A 64-bit key of `parts`, the same in every process (crc32 twice: cheap, not secret)."""
    text = ":".join(parts).encode()
    return (zlib.crc32(text) << 32) | zlib.crc32(text[::-1])
