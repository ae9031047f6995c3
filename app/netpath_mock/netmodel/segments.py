"""Segment builders: the hops of each network a route crosses, with its addresses and rDNS.

Access (eyeball and business ISPs), transit backbones, Cloudflare's edge, and the networks
that host destinations (AWS, Google, Microsoft, ...). Every builder draws from the route's own
generator `rr`, so a route is a pure function of its seed. The end-user builders are the DEX
world's (realism.md Parts 3-5); the world builders extend the same conventions to Europe and
Asia-Pacific and to cloud and data-centre sources.
"""

from __future__ import annotations

import random
from typing import Final

from netpath_mock.netmodel import networks as nw
from netpath_mock.netmodel.addressing import POOLS, dashed, dotted, ip, ip_int
from netpath_mock.netmodel.hops import (
    DESTINATION,
    EDGE,
    F_EDGE,
    F_SILENT,
    SOURCE,
    RouteHop,
    router,
    silent,
)
from netpath_mock.netmodel.places import BY_ZIP, Place, km, nearest_hub
from netpath_mock.netmodel.regions import REGIONS
from netpath_mock.netmodel.sources import EndUserSource
from netpath_mock.netmodel.targets import Target


def isp_comcast(rr: random.Random, dev: EndUserSource, hand: Place) -> list[RouteHop]:
    """Comcast 7922: CMTS (no PTR), city.state regional ladder, ibone backbone site."""
    r = rr.randrange
    home, asn = dev.home, 7922
    st = home.state.lower()
    hops: list[RouteHop] = []
    if dev.access == "office":
        hops.append(router(rr, "comcast.regional", asn, home))
    else:
        # The CMTS answers from 96.120.x.1 and has no PTR (realism.md Part 3).
        cmts = dotted(ip_int(rr, POOLS["comcast.cmts"], last=1))
        hops.append(RouteHop(cmts, asn, None, home, SOURCE, 0.0))
    city, region = nw.COMCAST_REGIONAL.get(home.zip, ("", ""))
    if city:
        suffix = f"{city}.{st}.{region}.comcast.net"
        if dev.isp_private_hop:
            # ISP-internal 10.x with the ISP's PTR (R6/R7 exception), e.g.
            # po-302-1222-rur02.monterey.ca.sfba.comcast.net; no public ASN or geo.
            ip = f"10.{r(100, 120)}.{r(256)}.{r(1, 255)}"
            name = f"po-{r(100, 400)}-{r(1000, 1300)}-rur0{r(1, 4)}.{suffix}"
            hops.append(RouteHop(ip, None, name, None, SOURCE, rr.uniform(0.2, 1.5)))
        elif rr.random() < 0.6:
            name = f"po-{r(1, 9)}-rur0{r(1, 4)}.{suffix}"
            hops.append(router(rr, "comcast.regional", asn, home, name))
        if rr.random() < 0.5:
            # Role ladder sur/rur -> rar/ar -> cs/cr -> pe (realism.md Part 3).
            name = f"be-{r(100, 500)}-rar0{r(1, 3)}.{suffix}"
            hops.append(router(rr, "comcast.regional", asn, home, name))
        name = f"be-{r(1, 400)}-ar0{r(1, 3)}.{suffix}"
        hops.append(router(rr, "comcast.regional", asn, home, name))
    else:
        hops.append(router(rr, "comcast.regional", asn, home))
    site = nw.COMCAST_IBONE.get(hand.metro)
    if site:
        token, st2, zip_ = site
        place = BY_ZIP[zip_]
        if rr.random() < 0.7:
            name = f"be-{r(1000, 34000)}-cr0{r(1, 5)}.{token}.{st2}.ibone.comcast.net"
            hops.append(router(rr, "comcast.backbone", asn, place, name))
        name = f"be-{r(1000, 34000)}-pe{r(1, 13):02d}.{token}.{st2}.ibone.comcast.net"
        hops.append(router(rr, "comcast.backbone", asn, place, name))
    else:
        hops.append(router(rr, "comcast.backbone", asn, hand))
    return hops


def isp_att(rr: random.Random, dev: EndUserSource, hand: Place) -> list[RouteHop]:
    """AT&T 7018: lightspeed / DSL access named with the address, metro, backbone."""
    r = rr.randrange
    home, asn = dev.home, 7018
    clli = nw.CLLI.get(home.zip)
    hops: list[RouteHop] = []
    if dev.access in ("fiber", "dsl"):
        # `108-232-152-1.lightspeed.tukrga.sbcglobal.net`, `adsl-71-145-208-1.dsl.austtx...`:
        # the PTR spells the hop's own address (realism.md Part 3).
        fiber = dev.access == "fiber"
        n = ip_int(rr, POOLS["att.lightspeed" if fiber else "att.dsl"], last=1)
        name = None
        if clli:
            name = (
                f"{dashed(n)}.lightspeed.{clli}.sbcglobal.net"
                if fiber
                else f"adsl-{dashed(n)}.dsl.{clli}.sbcglobal.net"
            )
        hops.append(RouteHop(dotted(n), asn, name, home, SOURCE, 0.0))
    else:
        hops.append(router(rr, "att.metro", asn, home))
    for _ in range(1 + (rr.random() < 0.6)):
        hops.append(router(rr, "att.metro", asn, home))
    code = nw.ATT_BACKBONE.get(hand.metro)
    if code:
        hops.append(router(rr, "att.backbone", asn, hand, f"cr{r(1, 3)}.{code}.ip.att.net"))
        if rr.random() < 0.5:
            name = f"gar{r(1, 30)}.{code}.ip.att.net"
            hops.append(router(rr, "att.backbone", asn, hand, name))
    else:
        hops.append(router(rr, "att.backbone", asn, hand))
        if rr.random() < 0.4:
            hops.append(router(rr, "att.backbone", asn, hand))
    return hops


def isp_verizon(rr: random.Random, dev: EndUserSource, hand: Place) -> list[RouteHop]:
    """Verizon 701: Fios VFTTP access (silent hop 2 at times), LCR, ALTER.NET backbone."""
    r = rr.randrange
    home, asn = dev.home, 701
    clli = nw.CLLI.get(home.zip, "")
    hops: list[RouteHop] = []
    if dev.access != "office":
        if dev.silent_access_hop:
            hops.append(RouteHop(None, None, None, home, SOURCE, 0.0, F_SILENT))
        name = None
        if clli:
            # Both casings occur: L100.DLLSTX-VFTTP-65 and lo0-100.washdc-vfttp-312.
            n = rr.randrange(10, 400)
            name = (
                f"L100.{clli.upper()}-VFTTP-{n}.verizon-gni.net"
                if rr.random() < 0.5
                else f"lo0-100.{clli}-vfttp-{n}.verizon-gni.net"
            )
        hops.append(router(rr, "verizon.vfttp", asn, home, name))
    else:
        hops.append(router(rr, "verizon.metro", asn, home))
    if rr.random() < 0.6:
        name = None
        if clli and rr.random() < 0.6:
            name = f"G0-{r(1, 10)}-{r(0, 4)}-0.{clli.upper()}-LCR-{r(20, 30)}.verizon-gni.net"
        hops.append(router(rr, "verizon.metro", asn, home, name))
    sites = nw.VERIZON_ALTER.get(hand.metro)
    if sites:
        code, zip_ = rr.choice(sites)
        if rr.random() < 0.5:
            name = f"0.ae{r(1, 20)}.XL{r(1, 5)}.{code}{r(1, 10)}.ALTER.NET"
        else:
            port = f"{r(0, 12)}-{r(0, 2)}-{r(0, 8)}"
            name = f"0.et-{port}.gw{r(1, 12)}.{code.lower()}{r(1, 10)}.alter.net"
        hops.append(router(rr, "verizon.backbone", asn, BY_ZIP[zip_], name))
    else:
        hops.append(router(rr, "verizon.backbone", asn, hand))
    return hops


def isp_charter(rr: random.Random, dev: EndUserSource, hand: Place) -> list[RouteHop]:
    """Charter 20115: Spectrum regional lags (silent hop 2 at times), netops backbone."""
    r = rr.randrange
    home, asn = dev.home, 20115
    clli = nw.CLLI.get(home.zip)
    hops: list[RouteHop] = []
    if dev.silent_access_hop:
        # Spectrum's hop 2 is often `* * *` (realism.md Part 1 §3).
        hops.append(RouteHop(None, None, None, home, SOURCE, 0.0, F_SILENT))
    for _ in range(1 + (rr.random() < 0.5)):
        name = None
        if clli:
            kind = rr.choice(("r", "w", "aw", "h"))
            name = f"lag-{r(1, 70)}.{clli}{r(100, 9999)}{kind}.netops.charter.com"
        hops.append(router(rr, "charter.regional", asn, home, name))
    code = nw.CHARTER_SITE.get(hand.metro)
    if code:
        name = f"lag-{r(1, 40)}.pr{r(1, 4)}.{code}{r(10, 30)}.netops.charter.com"
        hops.append(router(rr, "charter.backbone", asn, hand, name))
    else:
        hops.append(router(rr, "charter.backbone", asn, hand))
    return hops


def _cox_name(rr: random.Random, place: Place) -> str | None:
    r = rr.randrange
    market = nw.COX_MARKET.get(place.zip)
    if market is None or rr.random() < 0.4:
        return None
    site, code = market
    role = rr.choice(("dsrj", "csrj", "bbrj"))
    return f"{site}{role}{r(1, 4):02d}-ae{r(1, 9)}.0.rd.{code}.cox.net"


def isp_cox(rr: random.Random, dev: EndUserSource, hand: Place) -> list[RouteHop]:
    """Cox 22773: two market routers, then one at the handoff metro."""
    hops = [router(rr, "cox", 22773, dev.home, _cox_name(rr, dev.home)) for _ in range(2)]
    hops.append(router(rr, "cox", 22773, hand, _cox_name(rr, hand)))
    return hops


def isp_tmobile(rr: random.Random, dev: EndUserSource, hand: Place) -> list[RouteHop]:
    """T-Mobile 21928 fixed wireless: CGNAT core, few PTRs."""
    # Mobile and fixed-wireless cores: CGNAT first, few PTRs (realism.md Part 3).
    hops = [router(rr, "tmobile", 21928, dev.home) for _ in range(1 + (rr.random() < 0.5))]
    hops.append(router(rr, "tmobile", 21928, hand))
    return hops


def isp_starlink(rr: random.Random, dev: EndUserSource, hand: Place) -> list[RouteHop]:
    """Starlink 14593: the ground-station PoP hops, no PTR."""
    # Traffic surfaces at a ground-station PoP; the PoP hops carry no PTR.
    return [router(rr, "starlink", 14593, hand) for _ in range(2)]


def _lumen_name(rr: random.Random, metro: str, role: str) -> str | None:
    r = rr.randrange
    city = nw.LUMEN_CITY.get(metro)
    if city is None:
        return None
    if rr.random() < 0.6:
        return f"ae-{r(1, 12)}-{r(1, 12)}.{role}{r(1, 4)}.{city}{r(1, 4)}.Level3.net"
    return f"ae{r(1, 40)}.{r(1000, 4000)}.{role}{r(1, 4)}.{city}{r(1, 4)}.net.lumen.tech"


def isp_lumen(rr: random.Random, dev: EndUserSource, hand: Place) -> list[RouteHop]:
    """Lumen 3356 business line (DIA): Level3 / lumen.tech names."""
    home, asn = dev.home, 3356
    hops = [router(rr, "lumen", asn, home, _lumen_name(rr, home.metro, "ear"))]
    if rr.random() < 0.5:
        hops.append(router(rr, "lumen", asn, home))
    hops.append(router(rr, "lumen", asn, hand, _lumen_name(rr, hand.metro, "ebr")))
    return hops


ISP_BUILDERS: Final = {
    "comcast": isp_comcast,
    "att": isp_att,
    "verizon": isp_verizon,
    "charter": isp_charter,
    "cox": isp_cox,
    "tmobile": isp_tmobile,
    "starlink": isp_starlink,
    "lumen": isp_lumen,
}


def _transit_name(rr: random.Random, family: str, hub: Place) -> str | None:
    r = rr.randrange
    m = hub.metro
    if hub.country != "US":
        return _world_transit_name(rr, family, m)
    code = nw.TRANSIT_CODE.get(m)
    if code is None or rr.random() < 0.15:
        return None
    if family == "lumen":
        return _lumen_name(rr, m, "ebr")
    if family == "cogent":
        apt = "jfk" if m == "nyc" else nw.AIRPORT_CODE[m]
        return f"be{r(2000, 4000)}.ccr{r(21, 52)}.{apt}{r(1, 10):02d}.atlas.cogentco.com"
    if family == "ntt":
        clli = nw.CLLI.get(hub.zip)
        return (
            f"ae-{r(1, 20)}.r{r(20, 30)}.{clli}{r(1, 13):02d}.us.bb.gin.ntt.net" if clli else None
        )
    if family == "arelion":
        tier = "bb" if rr.random() < 0.5 else "b"
        return f"{nw.ARELION_CODE[m]}-{tier}{r(1, 4)}-link.ip.twelve99.net"
    if family == "zayo":
        return f"ae{r(1, 30)}.cr{r(1, 3)}.{code}{r(1, 10)}.us.zip.zayo.com"
    if family == "he":
        return f"v{r(100, 1200)}.core{r(1, 3)}.{code}{r(1, 5)}.he.net"
    return f"ae{r(1, 30)}.cr{r(1, 6)}-{code}{r(1, 3)}.ip4.gtt.net"


def _world_transit_name(rr: random.Random, family: str, metro: str) -> str | None:
    """A backbone router name outside the US, in the family's own convention, or None."""
    r = rr.randrange
    code = nw.WORLD_TRANSIT_CODE.get(family, {}).get(metro)
    if code is None or rr.random() < 0.15:
        return None
    if family == "cogent":
        return f"be{r(2000, 4000)}.ccr{r(21, 52)}.{code}.atlas.cogentco.com"
    if family == "ntt":
        place_code, cc = code.split(".")
        return f"ae-{r(1, 20)}.r{r(20, 30)}.{place_code}{r(1, 13):02d}.{cc}.bb.gin.ntt.net"
    if family == "arelion":
        return f"{code}-b{'b' if rr.random() < 0.5 else ''}{r(1, 4)}-link.ip.twelve99.net"
    if family == "he":
        return f"v{r(100, 1200)}.core{r(1, 3)}.{code}{r(1, 5)}.he.net"
    if family == "gtt":
        return f"ae{r(1, 30)}.cr{r(1, 6)}-{code}{r(1, 3)}.ip4.gtt.net"
    if family == "lumen":
        return f"ae-{r(1, 12)}-{r(1, 12)}.ebr{r(1, 4)}.{code}{r(1, 4)}.Level3.net"
    return None


def transit_hops(
    rr: random.Random, family: str, hub: Place, segment: int, to_cloudflare: bool
) -> list[RouteHop]:
    """1-2 routers of transit `family` at `hub`, tagged with `segment`."""
    r = rr.randrange
    asn = nw.TRANSIT_ASN[family]
    hops = [
        router(rr, family, asn, hub, _transit_name(rr, family, hub))
        for _ in range(1 + (rr.random() < 0.5))
    ]
    if to_cloudflare and family == "arelion" and rr.random() < 0.5:
        # Interconnects are often named for the customer: cloudflare-ic-375100.ip.twelve99-cust.net.
        last = hops[-1]
        last.name = f"cloudflare-ic-{r(300000, 400000)}.ip.twelve99-cust.net"
        last.pool = None
    for hop in hops:
        hop.segment = segment
    return hops


def cloudflare_hops(rr: random.Random, colo: Place, count: int, segment: int) -> list[RouteHop]:
    """`count` Cloudflare edge routers at `colo` (unnamed, ECMP-prone)."""
    # Edge hops are usually unnamed and sit in the published ranges (realism.md Part 3); WARP
    # egress may surface from 104.28.0.0/16.
    hops = []
    for k in range(count):
        warp = segment == EDGE and k == count - 1 and rr.random() < 0.3
        pool = POOLS["cloudflare.warp" if warp else "cloudflare.edge"]
        hops.append(
            RouteHop(ip(rr, pool), 13335, None, colo, segment, rr.uniform(0.1, 0.8), F_EDGE, pool)
        )
    return hops


def target_ip(rr: random.Random, spec: Target) -> str:
    """The destination address: a fixed record, or one from the target's pool."""
    if spec.ips:
        return spec.ips[0] if len(spec.ips) == 1 else rr.choice(spec.ips)
    return ip(rr, POOLS[spec.pool])


def target_name(rr: random.Random, spec: Target, ip: str, metro: str) -> str | None:
    """The destination's PTR, by the target's PTR style."""
    r = rr.randrange
    if spec.ptr == "ec2":
        # EC2 default PTRs: compute-1 for us-east-1, <region>.compute elsewhere.
        dashed = ip.replace(".", "-")
        code = spec.region.split(":", 1)[1]
        if code == "us-east-1":
            return f"ec2-{dashed}.compute-1.amazonaws.com"
        return f"ec2-{dashed}.{code}.compute.amazonaws.com"
    if spec.ptr == "1e100":
        # Google front ends: lga25s71-in-f14.1e100.net (airport code of the serving metro).
        code = nw.AIRPORT_CODE.get(metro) or nw.GOOGLE_CODE[metro]
        return f"{code}{r(1, 35):02d}s{r(1, 40):02d}-in-f{r(1, 15)}.1e100.net"
    if spec.ptr == "googleusercontent":
        # GCP instances: 206.204.107.34.bc.googleusercontent.com, octets reversed (Part 3).
        return ".".join(reversed(ip.split("."))) + ".bc.googleusercontent.com"
    if spec.ptr == "cloudfront":
        pop = nw.CLOUDFRONT_CODE.get(metro)
        if pop is None:
            return None
        return f"server-{ip.replace('.', '-')}.{pop}{r(1, 60)}.r.cloudfront.net"
    if spec.ptr == "akamai":
        return f"a{ip.replace('.', '-')}.deploy.static.akamaitechnologies.com"
    return spec.ptr or None


def cloud_handoff(colo: Place, spec: Target) -> Place:
    """Where traffic enters the target's network.

    The hub nearest the colo, or the region itself when that is closer, so the path never
    hairpins through a farther hub (R24).
    """
    hub = nearest_hub(colo)
    if spec.region:
        region = REGIONS[spec.region].place
        if km(colo, region) < km(colo, hub):
            return region
    return hub


def cloud_hops(rr: random.Random, spec: Target, hand: Place, target_ip: str) -> list[RouteHop]:
    """The target network's hops from the handoff `hand`, ending at the destination."""
    hops: list[RouteHop] = []
    if spec.network not in ("aws", "google", "microsoft"):
        return world_target_hops(rr, spec, hand, target_ip)
    if spec.network == "aws":
        # AWS: internal hops usually have no PTR (realism.md Part 3).
        region = REGIONS[spec.region].place
        hops.append(router(rr, "aws.border", 16509, hand))
        if region.metro != hand.metro:
            for _ in range(rr.randrange(0, 2)):
                hops.append(router(rr, "aws.core", 16509, hand))
        for _ in range(2 + (rr.random() < 0.6) + (rr.random() < 0.3)):
            hops.append(router(rr, "aws.core", 16509, region))
        if rr.random() < 0.4:
            # AWS internal hops are often `* * *` (realism.md Part 1 §3, "Google hop 9").
            hops.insert(
                len(hops) - 1, RouteHop(None, None, None, region, DESTINATION, 0.3, F_SILENT)
            )
        dest_place = region
    elif spec.network == "google":
        hops.append(router(rr, "google", 15169, hand))
        for _ in range(2 + (rr.random() < 0.5) + (rr.random() < 0.3)):
            hops.append(router(rr, "google.core", 15169, hand))
        dest_place = hand
    else:
        hops.append(router(rr, "microsoft", 8075, hand, _msn(rr, "ear", hand)))
        for _ in range(2 + (rr.random() < 0.5) + (rr.random() < 0.3)):
            name = _msn(rr, "ibr", hand) if rr.random() < 0.75 else None
            hops.append(router(rr, "microsoft", 8075, hand, name))
        dest_place = hand
    for hop in hops:
        hop.segment = DESTINATION
    ptr = target_name(rr, spec, target_ip, dest_place.metro)
    hops.append(RouteHop(target_ip, spec.asn, ptr, dest_place, DESTINATION, rr.uniform(0.1, 0.8)))
    return hops


def name_peering_port(
    rr: random.Random, dev: EndUserSource, spec: Target, hand: Place, hop: RouteHop
) -> None:
    """Sometimes name the ISP's last hop after the cloud it peers with.

    Real interconnects are named that way: `as16509-3-c.111eighthave.ny.ibone.comcast.net`,
    `amazon-gw.customer.alter.net` (realism.md R12 boundary exception).
    """
    r = rr.randrange
    if rr.random() < 0.5:
        return
    site = nw.COMCAST_IBONE.get(hand.metro)
    if dev.isp == "comcast" and site is not None:
        token, st, zip_ = site
        hop.name = f"as{spec.asn}-{r(1, 5)}-c.{token}.{st}.ibone.comcast.net"
        hop.place, hop.pool = BY_ZIP[zip_], None
    elif dev.isp == "verizon" and spec.asn in (16509, 15169):
        hop.name = f"{'amazon' if spec.asn == 16509 else 'google'}-gw.customer.alter.net"
        hop.pool = None


def pick_transit(rr: random.Random, avoid: tuple[int, ...]) -> str:
    """A transit family whose ASN is not already on the path."""
    return rr.choice([t for t in nw.TRANSITS if nw.TRANSIT_ASN[t] not in avoid])


# --- Beyond the DEX world: German business lines, cloud and data-centre sources ------------


def isp_dtag(rr: random.Random, dev: EndUserSource, hand: Place) -> list[RouteHop]:
    """Deutsche Telekom 3320 business line: unnamed access and regional routers, then a backbone.

    The backbone router is named like `m-eb7-i.M.DE.NET.DTAG.DE` (realism.md Part 3) in the
    cities the naming is modelled for.
    """
    r = rr.randrange
    hops = [router(rr, "dtag", 3320, dev.home) for _ in range(1 + (rr.random() < 0.6))]
    letter = nw.DTAG_CITY.get(hand.metro)
    name = f"{letter.lower()}-eb{r(1, 9)}-i.{letter}.DE.NET.DTAG.DE" if letter else None
    hops.append(router(rr, "dtag", 3320, hand, name))
    return hops


ISP_BUILDERS["dtag"] = isp_dtag


def ixp_hop(rr: random.Random, hub: Place, peer_asn: int) -> RouteHop | None:
    """The peer's interface on the IXP LAN at `hub`, if an IXP there is modelled.

    It answers from the exchange's LAN prefix; the PTR, when there is one, is the peer's
    (`six.as13335.com`, `13335.sgw.equinix.com`, `cloudflare-RGE.hkix.net`, Part 3).
    """
    found = nw.IXPS.get(hub.metro)
    if found is None:
        return None
    pool_key, ixp_asn = found
    name = None
    if peer_asn == 13335 and hub.metro == "sin":
        name = "13335.sgw.equinix.com"
    elif peer_asn == 13335 and hub.metro == "hkg":
        name = "cloudflare-RGE.hkix.net"
    hop = router(rr, pool_key, ixp_asn, hub, name)
    hop.segment = DESTINATION
    hop.pool = None  # one interface per peer on the LAN
    return hop


def _msn(rr: random.Random, role: str, place: Place) -> str | None:
    code = nw.MICROSOFT_CODE.get(place.metro)
    if code is None:
        return None
    r = rr.randrange
    if role == "ear":
        return f"ae{r(10, 40)}-0.ear0{r(1, 4)}.{code}{r(30, 32)}.ntwk.msn.net"
    return f"be-{r(1, 30)}-0.ibr0{r(1, 4)}.{code}{r(30, 32)}.ntwk.msn.net"


def cloud_origin(rr: random.Random, region_place: Place, provider: str) -> list[RouteHop]:
    """A cloud instance's way out of its provider's region (SOURCE segment).

    * AWS: the VPC gateway and hypervisor hop often never answers; then RFC 6598 internal hops
      (100.65.x / 100.66.x / 100.100.x, no PTR, no ASN) and unnamed 16509 core routers
      (52.93.x / 150.222.x; realism.md Part 3: "internal hops usually have no PTR").
    * GCP: the VPC's software-defined first hops never answer; then unnamed Google 15169
      routers (108.170.x / 209.85.x / 216.239.x).
    * Azure: a silent host hop, unnamed 8075 routers (104.44.x), a named `ibr` backbone router
      (`be-23-0.ibr02.sto31.ntwk.msn.net`, Part 3).
    """
    hops: list[RouteHop] = []
    if provider == "aws":
        if rr.random() < 0.5:
            hops.append(silent(None))
        internal = POOLS["aws.internal"]
        for _ in range(1 + (rr.random() < 0.6) + (rr.random() < 0.3)):
            hops.append(
                RouteHop(ip(rr, internal), None, None, None, SOURCE, rr.uniform(0.05, 0.4),
                         pool=internal)
            )  # fmt: skip
        for _ in range(1 + (rr.random() < 0.5)):
            hops.append(router(rr, "aws.core", 16509, region_place))
    elif provider == "gcp":
        hops.append(silent(None))
        if rr.random() < 0.4:
            hops.append(silent(None))
        for _ in range(1 + (rr.random() < 0.6)):
            hops.append(router(rr, "google.core", 15169, region_place))
    else:
        if rr.random() < 0.7:
            hops.append(silent(None))
        for _ in range(1 + (rr.random() < 0.5)):
            hops.append(router(rr, "microsoft", 8075, region_place))
        hops.append(router(rr, "microsoft", 8075, region_place, _msn(rr, "ibr", region_place)))
    for hop in hops:
        hop.incr = min(hop.incr, 0.4)  # inside one data-centre campus
    return hops


def cloud_backbone(
    rr: random.Random, provider: str, start: Place, end: Place, segment: int
) -> list[RouteHop]:
    """The provider's own backbone from `start` to `end` (nothing when they share a metro)."""
    if start.metro == end.metro:
        return []
    hops: list[RouteHop] = []
    if provider == "aws":
        hops.append(router(rr, "aws.core", 16509, start))
        hops.extend(router(rr, "aws.core", 16509, end) for _ in range(1 + (rr.random() < 0.5)))
    elif provider == "gcp":
        hops.append(router(rr, "google.core", 15169, start))
        hops.extend(router(rr, "google.core", 15169, end) for _ in range(1 + (rr.random() < 0.5)))
    else:
        hops.append(router(rr, "microsoft", 8075, start, _msn(rr, "ibr", start)))
        hops.append(router(rr, "microsoft", 8075, end, _msn(rr, "ibr", end)))
    for hop in hops:
        hop.segment = segment
    return hops


def hosting_origin(
    rr: random.Random, provider: str, site: Place, private_gw: bool
) -> list[RouteHop]:
    """A rented server's way out of its hosting provider (SOURCE segment).

    Hetzner: the cloud gateway 172.31.1.1 (private) or an unnamed gateway, then
    `core<NN>.<park>.hetzner.com` routers [infer for the naming]; OVH, DigitalOcean and Linode
    routers answer unnamed from the provider's space.
    """
    asn, _, router_pool = nw.HOSTING[provider]
    hops: list[RouteHop] = []
    if private_gw:
        hops.append(RouteHop("172.31.1.1", None, None, None, SOURCE, 0.0))
    elif provider == "digitalocean" and rr.random() < 0.3:
        hops.append(silent(None))
    else:
        hops.append(router(rr, router_pool, asn, site))
    park = nw.HETZNER_SITE.get(site.metro) if provider == "hetzner" else None
    for _ in range(1 + (rr.random() < 0.6)):
        name = f"core{rr.randrange(1, 40)}.{park}.hetzner.com" if park else None
        hops.append(router(rr, router_pool, asn, site, name))
    return hops


def colo_origin(
    rr: random.Random, lan: tuple[str, ...], family: str, site: Place
) -> list[RouteHop]:
    """A colocated host: the company's firewall / core (private), then its transit's edge."""
    hops = [RouteHop(address, None, None, None, SOURCE, 0.0 if i == 0 else rr.uniform(0.1, 0.5))
            for i, address in enumerate(lan)]  # fmt: skip
    edge = transit_hops(rr, family, nearest_hub(site) if site.country != "US" else site,
                        SOURCE, to_cloudflare=False)  # fmt: skip
    for hop in edge:
        hop.place = site
    hops.extend(edge)
    return hops


def _world_router(rr: random.Random, network: str, place: Place) -> RouteHop:
    if network == "cloudfront":
        return router(rr, "aws.core", 16509, place)
    if network == "akamai":
        return router(rr, "akamai.backbone", 20940, place)
    if network == "fastly":
        return router(rr, "fastly", 54113, place)
    if network == "meta":
        code = nw.GOOGLE_CODE.get(place.metro) or nw.AIRPORT_CODE.get(place.metro)
        name = None
        if code and rr.random() < 0.7:
            # Meta's backbone names: po104.psw02.iad3.tfbnw.net [infer from common traces].
            r = rr.randrange
            name = f"po{r(100, 140)}.psw0{r(1, 5)}.{code}{r(1, 6)}.tfbnw.net"
        return router(rr, "meta", 32934, place, name)
    if network == "apple":
        return router(rr, "apple", 714, place)
    if network == "github":
        return router(rr, "github", 36459, place)
    if network == "gcp":
        return router(rr, "google.core", 15169, place)
    if network == "cloudflare":
        return cloudflare_hops(rr, place, 1, DESTINATION)[0]
    return router(rr, "microsoft", 8075, place, _msn(rr, "ibr", place))


def world_target_hops(
    rr: random.Random, spec: Target, hand: Place, target_ip: str
) -> list[RouteHop]:
    """Hops of a destination network beyond the DEX set, from the handoff `hand` on.

    Anycast and CDN networks (Cloudflare, CloudFront, Akamai, Fastly, Meta, Apple) answer at
    `hand`, the PoP the path reached; regional ones (GCP, Azure, GitHub) carry the packet over
    their backbone to the region or site.
    """
    network = spec.network
    if network == "other":
        # Unattributed space: only the destination itself, with nothing claimed about it.
        return [RouteHop(target_ip, None, None, None, DESTINATION, rr.uniform(0.5, 3.0))]
    home = spec.place or hand
    hops: list[RouteHop] = []
    if network == "azure":
        hops.append(router(rr, "microsoft", 8075, hand, _msn(rr, "ear", hand)))
    else:
        hops.append(_world_router(rr, network, hand))
    for _ in range(rr.random() < 0.6):
        hops.append(_world_router(rr, network, hand))
    if home.metro != hand.metro:
        for _ in range(1 + (rr.random() < 0.5)):
            hops.append(_world_router(rr, network, home))
    if network in ("gcp", "azure") and rr.random() < 0.4:
        # The region's internal fabric hides one hop (as AWS's does, realism.md §3).
        hops.append(silent(home, DESTINATION, 0.3))
    for hop in hops:
        hop.segment = DESTINATION
    ptr = target_name(rr, spec, target_ip, home.metro)
    if network == "github":
        site = "iad" if home.metro == "dc" else home.metro
        ptr = f"lb-{target_ip.replace('.', '-')}-{site}.github.com"
    elif network == "meta":
        code = nw.GOOGLE_CODE.get(home.metro) or nw.AIRPORT_CODE.get(home.metro, "iad")
        ptr = f"edge-star-mini-shv-0{rr.randrange(1, 3)}-{code}{rr.randrange(1, 6)}.facebook.com"
    hops.append(RouteHop(target_ip, spec.asn, ptr, home, DESTINATION, rr.uniform(0.1, 0.8)))
    return hops
