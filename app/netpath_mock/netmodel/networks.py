"""Networks of the internet model: ASNs and organisation names, prefixes, rDNS conventions.

Plain data (tuples, dicts and strings); `addressing`, `segments` and `route` index it once at
import. Sources are cited per table; "realism.md" means `shared/docs/realism.md`, whose Part 3
(ASNs, rDNS, prefixes) most of these tables come from. Values tagged [infer] are plausible
choices that no stored source confirms; keep them cosmetic.
"""

from __future__ import annotations

from typing import Final

# Client home zips: every Part 4 place that is a plausible home/office, i.e. without the pure
# carrier-hotel entries (10013, 07094, 60616, 02110, 75207, 95134).
CLIENT_ZIPS: tuple[str, ...] = (
    "20147", "20190", "20170", "20001", "10011", "07102", "11101", "02108", "02492", "19103",
    "60601", "60007", "48226", "48342", "43215", "30303", "30084", "33131", "33602", "75201",
    "77002", "78701", "80202", "84101", "85004", "89101", "90017", "92101", "95110", "95054",
    "94085", "94301", "95814", "98121", "97204", "97124", "55402", "64105", "63101", "37203",
    "28202", "15222", "46204", "68102", "23219", "32202",
)  # fmt: skip

# --- Autonomous systems -------------------------------------------------------------------
# One `aso` naming style everywhere: the organisation style of the DEX docs example
# "Cloudflare, Inc." (realism.md Part 1 §4, R10; the "Org" columns of Part 3).
ASO: tuple[tuple[int, str], ...] = (
    (7922, "Comcast Cable Communications, LLC"),
    (20115, "Charter Communications Inc"),
    (7018, "AT&T Enterprises, LLC"),
    (701, "Verizon Business"),
    (22773, "Cox Communications Inc."),
    (21928, "T-Mobile USA, Inc."),
    (14593, "Space Exploration Technologies Corporation"),
    (3356, "Level 3 Parent, LLC"),
    (174, "Cogent Communications, LLC"),
    (2914, "NTT America, Inc."),
    (1299, "Arelion Sweden AB"),
    (6461, "Zayo Bandwidth"),
    (6939, "Hurricane Electric LLC"),
    (3257, "GTT Communications Inc."),
    (16509, "Amazon.com, Inc."),
    (15169, "Google LLC"),
    (8075, "Microsoft Corporation"),
    (13335, "Cloudflare, Inc."),
    # Beyond the DEX world: cloud customer space, hosting, CDNs, enterprises, IXPs, Europe.
    # Related ASNs of one company share its organisation name (AMAZON-02 16509 / AMAZON-AES
    # 14618; GOOGLE 15169 / GOOGLE-CLOUD-PLATFORM 396982: realism.md Part 3) [org names infer
    # from ipinfo-style renderings].
    (14618, "Amazon.com, Inc."),
    (396982, "Google LLC"),
    (24940, "Hetzner Online GmbH"),
    (16276, "OVH SAS"),
    (14061, "DigitalOcean, LLC"),
    (63949, "Akamai Connected Cloud"),
    (20940, "Akamai International B.V."),
    (54113, "Fastly, Inc."),
    (714, "Apple Inc."),
    (32934, "Meta Platforms, Inc."),
    (36459, "GitHub, Inc."),
    (3320, "Deutsche Telekom AG"),
    (6695, "DE-CIX Management GmbH"),
    (1200, "Amsterdam Internet Exchange B.V."),
    (5459, "London Internet Exchange Ltd."),
    (24115, "Equinix, Inc."),
    (4635, "Hong Kong Internet Exchange Limited"),
)
# The organisation name of each ASN above, for lookups.
ASO_NAME: Final[dict[int, str]] = dict(ASO)

# Organisations that own several ASNs (R10: one name, related ASNs).
ORGANISATION_ASNS: Final[dict[str, tuple[int, ...]]] = {
    "Amazon.com, Inc.": (16509, 14618),
    "Google LLC": (15169, 396982),
}

CLOUDFLARE_ASN = 13335

# Prefix pools, by network and hop role. All from the "Prefixes" columns of realism.md Part 3
# ("96.120.x" is read as 96.120.0.0/16) unless marked otherwise.
PREFIXES: dict[str, tuple[str, ...]] = {
    # Comcast 7922: CMTS 96.120.x carries no PTR; regional and ibone ranges.
    "comcast.cmts": ("96.120.0.0/16",),
    "comcast.regional": (
        "68.85.0.0/16",
        "68.87.0.0/16",
        "69.139.0.0/16",
        "96.108.0.0/16",
        "96.109.0.0/16",
        "162.151.0.0/16",
        "24.153.0.0/16",
    ),
    "comcast.backbone": ("68.86.0.0/16", "96.110.0.0/16"),
    # Charter 20115 (legacy TWC rr.com names and current netops.charter.com names).
    "charter.regional": ("68.173.0.0/16",),
    "charter.backbone": ("66.109.0.0/16", "107.14.0.0/16"),
    # AT&T 7018: lightspeed fiber access (IP spelled in the PTR), DSL access, metro, backbone.
    "att.lightspeed": ("108.232.0.0/16",),
    "att.dsl": ("71.145.0.0/16",),
    "att.metro": ("107.212.0.0/16", "12.83.0.0/16"),
    "att.backbone": ("12.122.0.0/16", "12.123.0.0/16", "12.242.0.0/16"),
    # Verizon 701: 100.36-100.41 are *public* Verizon addresses, not CGNAT (realism.md §4).
    "verizon.vfttp": ("72.80.0.0/16", "108.52.0.0/16"),
    "verizon.metro": ("100.36.0.0/14", "100.40.0.0/15", "130.81.0.0/16"),
    "verizon.backbone": ("140.222.0.0/16", "152.63.0.0/16"),
    # Cox 22773: Part 3 lists 68.x / 70.x / 72.x; these /16s sit inside them [infer].
    "cox": ("68.2.0.0/16", "68.13.0.0/16", "70.160.0.0/16", "72.211.0.0/16"),
    # T-Mobile 21928: 172.32.0.0/11 (incl. 172.58.x) is public, outside RFC 1918 172.16/12.
    "tmobile": ("172.32.0.0/11",),
    # Starlink 14593: Part 3 lists no prefix; 98.97.0.0/16 is its commonly seen customer
    # space [infer].
    "starlink": ("98.97.0.0/16",),
    "lumen": ("4.68.0.0/16", "4.69.0.0/16", "4.53.0.0/16"),
    "cogent": ("154.54.0.0/16",),
    "ntt": ("129.250.0.0/16", "157.238.0.0/16"),
    "arelion": ("62.115.0.0/16", "80.239.0.0/16", "213.248.0.0/16"),
    "zayo": ("64.125.0.0/16", "64.124.0.0/16"),
    "he": ("184.105.0.0/16", "209.51.0.0/16"),
    "gtt": ("89.149.0.0/16", "213.200.0.0/16"),
    # Cloud infrastructure hops (Part 3 "Clouds and CDN"): usually unnamed.
    "aws.border": ("52.95.0.0/16", "99.82.0.0/16", "150.222.0.0/16"),
    "aws.core": ("52.93.0.0/16", "54.240.0.0/16", "150.222.0.0/16"),
    "google": ("108.170.0.0/16", "142.251.0.0/16", "209.85.0.0/16", "72.14.0.0/16"),
    "google.core": ("216.239.0.0/16", "108.170.0.0/16", "172.253.0.0/16"),
    "microsoft": ("104.44.0.0/16", "207.46.0.0/16"),
    # Cloudflare 13335 edge routers, from the published ranges (Part 3; cloudflare.com/ips-v4).
    # Edge hops are usually unnamed.
    "cloudflare.edge": (
        "162.158.0.0/15",
        "172.68.0.0/14",
        "108.162.192.0/18",
        "141.101.64.0/18",
        "173.245.48.0/20",
    ),
    # WARP egress space (Part 3: "WARP egress also uses 104.28.0.0/16").
    "cloudflare.warp": ("104.28.0.0/16",),
    # --- Beyond the DEX world -----------------------------------------------------------
    # AWS-internal hops of a VPC's path out: RFC 6598 space, no PTR, no public ASN [infer from
    # published EC2 traces showing 100.65.x / 100.66.x / 100.100.x hops before 52.93.x].
    "aws.internal": ("100.65.0.0/16", "100.66.0.0/16", "100.100.0.0/16"),
    # Google Cloud customer space (AS396982) [infer: 34.64.0.0/10 and 35.184.0.0/13 are
    # Google Cloud blocks in Google's published cloud.json].
    "gcp.compute": ("34.64.0.0/10", "35.184.0.0/13"),
    # Azure customer space (AS8075) [infer: Azure service-tag blocks].
    "azure.compute": ("20.36.0.0/14", "20.40.0.0/13", "40.64.0.0/10", "52.224.0.0/11"),
    # Amazon CloudFront (AS16509) [infer: CLOUDFRONT entries of ip-ranges.json].
    "cloudfront": (
        "13.32.0.0/15",
        "13.224.0.0/14",
        "18.64.0.0/14",
        "54.230.0.0/16",
        "99.84.0.0/16",
        "143.204.0.0/16",
    ),
    # Akamai (AS20940) edge servers, PTR a<A>-<B>-<C>-<D>.deploy.static.akamaitechnologies.com.
    "akamai": ("23.32.0.0/11", "23.192.0.0/11", "104.64.0.0/10", "184.24.0.0/13"),
    "akamai.backbone": ("23.32.0.0/11",),
    # Fastly (AS54113); Fastly edge addresses carry no PTR.
    "fastly": ("151.101.0.0/16", "199.232.0.0/16", "146.75.0.0/16"),
    # Enterprises announcing their own space: Apple 17.0.0.0/8, Meta 157.240.0.0/16 and
    # 31.13.64.0/18, GitHub 140.82.112.0/20.
    "apple": ("17.0.0.0/8",),
    "meta": ("157.240.0.0/16", "31.13.64.0/18"),
    "github": ("140.82.112.0/20",),
    # Hosting providers [infer: their commonly seen customer blocks].
    "hetzner": ("88.198.0.0/16", "5.9.0.0/16", "78.46.0.0/15", "95.216.0.0/15"),
    "hetzner.core": ("213.239.192.0/18",),
    "ovh": (
        "51.68.0.0/16",
        "51.75.0.0/16",
        "54.36.0.0/16",
        "137.74.0.0/16",
        "145.239.0.0/16",
        "149.56.0.0/16",
        "139.99.0.0/16",
    ),
    "digitalocean": (
        "138.197.0.0/16",
        "159.89.0.0/16",
        "167.99.0.0/16",
        "142.93.0.0/16",
        "134.209.0.0/16",
        "104.248.0.0/16",
        "161.35.0.0/16",
        "206.189.0.0/16",
    ),
    "linode": ("45.79.0.0/16", "139.162.0.0/16", "172.104.0.0/15", "173.255.192.0/18"),
    # Deutsche Telekom 3320 (Part 3: 217.5.x backbone; 84.x / 91.x customers).
    "dtag": ("217.5.0.0/16", "62.154.0.0/15"),
    # IXP peering LANs: an interface on the LAN answers from the exchange's space [infer:
    # the exchanges' published LAN prefixes].
    "ixp.decix": ("80.81.192.0/21",),
    "ixp.amsix": ("80.249.208.0/21",),
    "ixp.linx": ("195.66.224.0/22",),
    "ixp.equinix.ash": ("206.126.236.0/22",),
    "ixp.equinix.sg": ("27.111.228.0/22",),
    "ixp.hkix": ("123.255.88.0/21",),
}

# Target address ranges beyond Part 3. AWS EC2 regional blocks are from AWS `ip-ranges.json`
# (34.192.0.0/12 us-east-1 and 34.208.0.0/12 us-west-2 were cross-checked in stored copies;
# 18.216.0.0/14 us-east-2 and 52.52.0.0/15 us-west-1 [infer]). Microsoft 365 blocks are from
# Microsoft's published "Office 365 URLs and IP address ranges" (Exchange 52.96.0.0/14,
# Teams 52.112.0.0/14, Entra ID 20.190.128.0/18 and 40.126.0.0/18).
TARGET_PREFIXES: dict[str, tuple[str, ...]] = {
    "aws.us-east-1": ("34.192.0.0/12",),
    "aws.us-east-2": ("18.216.0.0/14",),
    "aws.us-west-1": ("52.52.0.0/15",),
    "aws.us-west-2": ("34.208.0.0/12",),
    "google.www": ("142.250.0.0/16", "172.253.0.0/16"),
    "microsoft.exchange": ("52.96.0.0/14",),
    "microsoft.teams": ("52.112.0.0/14",),
    "microsoft.entra": ("20.190.128.0/18", "40.126.0.0/18"),
    "cloudflare.proxied": ("104.16.0.0/13",),
    # Cloudflare-proxied customer hostnames answer from these anycast blocks (Part 3 ranges).
    "cloudflare.customers": ("104.16.0.0/13", "172.64.0.0/14"),
    # EC2 blocks of the other regions [infer: recalled ip-ranges.json EC2 entries; the one
    # stored sample is ec2-35-72-2-8.ap-northeast-1.compute.amazonaws.com].
    "aws.ca-central-1": ("15.222.0.0/15", "35.182.0.0/15"),
    "aws.sa-east-1": ("18.228.0.0/16", "54.232.0.0/16"),
    "aws.eu-west-1": ("34.240.0.0/13", "52.208.0.0/13"),
    "aws.eu-west-2": ("35.176.0.0/15", "3.8.0.0/14"),
    "aws.eu-west-3": ("35.180.0.0/16", "15.236.0.0/15"),
    "aws.eu-central-1": ("3.120.0.0/14", "18.184.0.0/15", "52.28.0.0/16"),
    "aws.eu-north-1": ("13.48.0.0/15", "13.53.0.0/16"),
    "aws.eu-south-1": ("15.160.0.0/16",),
    "aws.ap-northeast-1": ("35.72.0.0/13", "13.112.0.0/14", "54.64.0.0/15"),
    "aws.ap-northeast-2": ("13.124.0.0/16", "52.78.0.0/16"),
    "aws.ap-northeast-3": ("13.208.0.0/16",),
    "aws.ap-south-1": ("13.232.0.0/14", "65.0.0.0/14"),
    "aws.ap-southeast-1": ("13.228.0.0/15", "18.136.0.0/16", "54.169.0.0/16"),
    "aws.ap-southeast-2": ("13.236.0.0/14", "54.252.0.0/16"),
    "aws.ap-southeast-3": ("108.136.0.0/16",),
    "aws.ap-east-1": ("18.162.0.0/16", "16.162.0.0/15"),
    "aws.me-south-1": ("15.184.0.0/16", "157.175.0.0/16"),
    "aws.af-south-1": ("13.244.0.0/15",),
}

# --- rDNS location tokens (realism.md Part 1 §7, Part 3) --------------------------------
# Comcast names carry city.state: regional `be-126-ar01.needham.ma.boston.comcast.net` and
# backbone `be-1003-pe02.onesummer.ma.ibone.comcast.net`. Regional label per client zip
# (city token, regional domain label); the regional labels other than boston/sfba/minn are
# [infer] and cosmetic.
COMCAST_REGIONAL: dict[str, tuple[str, str]] = {
    "02108": ("boston", "boston"),
    "02492": ("needham", "boston"),
    "19103": ("philadelphia", "panjde"),
    "15222": ("pittsburgh", "pitt"),
    "20001": ("washington", "bad"),
    "20190": ("reston", "bad"),
    "20170": ("herndon", "bad"),
    "20147": ("ashburn", "bad"),
    "23219": ("richmond", "richmond"),
    "60601": ("chicago", "chicago"),
    "60007": ("elkgrovevillage", "chicago"),
    "48226": ("detroit", "michigan"),
    "48342": ("pontiac", "michigan"),
    "46204": ("indianapolis", "indiana"),
    "55402": ("minneapolis", "minn"),
    "30303": ("atlanta", "atlanta"),
    "30084": ("tucker", "atlanta"),
    "37203": ("nashville", "nash"),
    "33131": ("miami", "miami"),
    "32202": ("jacksonville", "jacksonville"),
    "77002": ("houston", "houston"),
    "80202": ("denver", "denver"),
    "84101": ("saltlakecity", "utah"),
    "98121": ("seattle", "seattle"),
    "97204": ("portland", "bverton"),
    "97124": ("hillsboro", "bverton"),
    "95814": ("sacramento", "ccal"),
    "95110": ("sanjose", "sfba"),
    "95054": ("santaclara", "sfba"),
    "94085": ("sunnyvale", "sfba"),
    "94301": ("paloalto", "sfba"),
}

# Comcast ibone sites by metro: (site token, state, zip). onesummer / 111eighthave /
# 350ecermak / 56marietta / 600wseventh come from Part 3 and Part 4; the city-named ones
# follow the same city.state pattern [infer].
COMCAST_IBONE: dict[str, tuple[str, str, str]] = {
    "bos": ("onesummer", "ma", "02110"),
    "nyc": ("111eighthave", "ny", "10011"),
    "chi": ("350ecermak", "il", "60616"),
    "atl": ("56marietta", "ga", "30303"),
    "lax": ("600wseventh", "ca", "90017"),
    "dc": ("ashburn", "va", "20147"),
    "bay": ("sanjose", "ca", "95134"),
    "sea": ("seattle", "wa", "98121"),
    "dfw": ("dallas", "tx", "75207"),
    "den": ("denver", "co", "80202"),
    "mia": ("miami", "fl", "33131"),
    "hou": ("houston", "tx", "77002"),
    "phl": ("philadelphia", "pa", "19103"),
}

# Six-letter CLLI place codes (Steenbergen NANOG 47 "Location identifiers"; realism.md
# Part 1 §7): used by AT&T access names (`tukrga`, `austtx`), Verizon VFTTP/LCR names
# (`DLLSTX`, `washdc`), Charter netops names and NTT. Keyed by zip.
CLLI: dict[str, str] = {
    "20147": "asbnva",
    "20190": "rstnva",
    "20170": "hrndva",
    "20001": "washdc",
    "10011": "nycmny",
    "10013": "nycmny",
    "11101": "nyquny",
    "07102": "nwrknj",
    "02108": "bstnma",
    "02110": "bstnma",
    "19103": "phlapa",
    "15222": "pitbpa",
    "23219": "rcmdva",
    "60601": "chcgil",
    "60616": "chcgil",
    "48226": "dtrtmi",
    "43215": "clmboh",
    "46204": "iplsin",
    "30303": "atlnga",
    "30084": "tukrga",
    "33131": "miamfl",
    "33602": "tampfl",
    "32202": "jcvlfl",
    "75201": "dllstx",
    "75207": "dllstx",
    "77002": "hstntx",
    "78701": "austtx",
    "80202": "dnvrco",
    "90017": "lsanca",
    "92101": "sndgca",
    "95110": "snjsca",
    "95134": "snjsca",
    "95814": "scrmca",
    "98121": "sttlwa",
    "37203": "nsvltn",
    "28202": "chrlnc",
    "63101": "stlsmo",
    "64105": "kscymo",
}

# Three-letter metro codes used by backbone names (Cogent `ord03`, Arelion `nyk`, HE `chi1`,
# Zayo `lax112`, GTT `sjc1`, Google `lga25s71`, ALTER.NET `EWR6`), per hub metro.
# Cogent / Zayo / HE / GTT / Google use airport-style codes; Arelion its own metro codes.
AIRPORT_CODE: dict[str, str] = {
    "dc": "iad",
    "nyc": "lga",
    "chi": "ord",
    "dfw": "dfw",
    "lax": "lax",
    "bay": "sjc",
    "sea": "sea",
    "atl": "atl",
    "mia": "mia",
    "den": "den",
}
ARELION_CODE: dict[str, str] = {
    "dc": "ash",
    "nyc": "nyk",
    "chi": "chi",
    "dfw": "dls",
    "lax": "lax",
    "bay": "sjo",
    "sea": "sea",
    "atl": "atl",
    "mia": "mai",
    "den": "den",
}
# Level3 / Lumen names spell the city in CamelCase plus an index (`ebr2.NewYork1`,
# `ear2.SanJose1`, `bear1.Sacramento1`, `ear1.Chicago3`).
LUMEN_CITY: dict[str, str] = {
    "dc": "Washington",
    "nyc": "NewYork",
    "chi": "Chicago",
    "dfw": "Dallas",
    "lax": "LosAngeles",
    "bay": "SanJose",
    "sea": "Seattle",
    "atl": "Atlanta",
    "mia": "Miami",
    "den": "Denver",
    "smf": "Sacramento",
    "phx": "Phoenix",
    "bos": "Boston",
    "phl": "Philadelphia",
    "hou": "Houston",
}

# AT&T backbone names carry a 5-letter code: `cr2.dlstx.ip.att.net`, `gar13.cgcil.ip.att.net`
# (Part 3). Only these two are verified; AT&T backbone hops elsewhere stay unnamed, as many
# 12.x hops are in real traces.
ATT_BACKBONE: dict[str, str] = {"dfw": "dlstx", "chi": "cgcil"}

# Verizon ALTER.NET backbone site codes per metro, with their place: `0.ae4.XL4.NYC1.ALTER.NET`
# and `0.et-8-1-5.gw7.ewr6.alter.net` are from Part 3; the others follow the same airport-code
# pattern [infer].
VERIZON_ALTER: dict[str, tuple[tuple[str, str], ...]] = {
    "nyc": (("NYC", "10013"), ("EWR", "07102")),
    "dc": (("IAD", "20147"),),
    "bos": (("BOS", "02110"),),
    "phl": (("PHL", "19103"),),
    "dfw": (("DFW", "75207"),),
    "chi": (("CHI", "60616"),),
}

# Charter backbone routers are named `lag-1.pr2.nyc20.netops.charter.com` (Part 3); the
# non-NYC site codes follow the same pattern [infer].
CHARTER_SITE: dict[str, str] = {
    "nyc": "nyc",
    "dfw": "dfw",
    "lax": "lax",
    "chi": "chi",
    "atl": "atl",
    "dc": "iad",
    "bay": "sjc",
    "sea": "sea",
    "den": "den",
    "mia": "mia",
}

# Cox market codes, as in the customer PTR `ip68-13-110-204.om.om.cox.net` (Part 3, Omaha);
# router names follow the `<site><role><nn>-<iface>.rd.<market>.cox.net` form seen in Cox
# traces [infer: Part 3 says Cox router naming is not verified, "keep *.cox.net"].
COX_MARKET: dict[str, tuple[str, str]] = {
    "68102": ("omah", "om"),
    "85004": ("phnx", "ph"),
    "89101": ("lsvg", "lv"),
    "92101": ("sndg", "sd"),
    "90017": ("lsan", "la"),
}

# Microsoft edge routers: `ae22-0.icr01.fra23.ntwk.msn.net` (Part 3) uses a metro code plus an
# index; the US codes below are [infer].
MICROSOFT_CODE: dict[str, str] = {
    # Outside the US: `fra23` and `sto31` are Part 3 examples; the others follow the same
    # metro-code pattern [infer].
    "fra": "fra",
    "ams": "ams",
    "lon": "lon",
    "par": "par",
    "sto": "sto",
    "dub": "dub",
    "mil": "mil",
    "tyo": "tyo",
    "osa": "osa",
    "sel": "sel",
    "sin": "sin",
    "hkg": "hkg",
    "syd": "syd",
    "bom": "bom",
    "jkt": "jkt",
    "sao": "sao",
    "bah": "bah",
    "jnb": "jnb",
    "cpt": "cpt",
    "yul": "ymq",
    "yyz": "tor",
    "ric": "bl",
    "oma": "oma",
    "msp": "dsm",
    "aus": "sat",
    "pdx": "pdx",
    "dc": "was",
    "nyc": "nyc",
    "chi": "chi",
    "dfw": "dal",
    "lax": "lax",
    "bay": "sjc",
    "sea": "sea",
    "atl": "atl",
    "mia": "mia",
    "den": "den",
}

# Backbone names outside the US, per transit family and metro group. Same patterns as the US
# names above (Cogent airport + index, NTT CLLI-like code + country, Arelion metro code, HE /
# GTT 3-letter codes, Level3 CamelCase city); the codes are [infer] and cosmetic. A family
# without an entry for a metro leaves its hop unnamed there, as many real hops are.
WORLD_TRANSIT_CODE: dict[str, dict[str, str]] = {
    "cogent": {"fra": "fra03", "lon": "lon13", "par": "par01", "ams": "ams03", "mil": "mil01",
               "sto": "sto01"},
    "ntt": {"fra": "frnkge.de", "lon": "londen.uk", "par": "parsfr.fr", "ams": "amstnl.nl",
            "tyo": "tokyjp.jp", "osa": "osakjp.jp", "sin": "sngpsi.sg"},
    "arelion": {"fra": "ffm", "lon": "ldn", "par": "prs", "ams": "adm"},
    "he": {"fra": "fra", "lon": "lon", "par": "par", "ams": "ams", "sto": "sto", "tyo": "tyo",
           "sin": "sin", "hkg": "hkg", "syd": "syd", "yyz": "tor", "yul": "ymq"},
    "gtt": {"fra": "fra", "lon": "lon", "par": "par", "ams": "ams", "mil": "mil", "sto": "sto"},
    "lumen": {"fra": "Frankfurt", "lon": "London", "par": "Paris", "ams": "Amsterdam",
              "mil": "Milan", "sto": "Stockholm", "tyo": "Tokyo", "sin": "Singapore",
              "hkg": "HongKong", "syd": "Sydney", "sao": "SaoPaulo", "yyz": "Toronto",
              "yul": "Montreal"},
}  # fmt: skip
# Transit families with a global backbone, used for paths outside the US.
WORLD_TRANSITS: tuple[str, ...] = ("arelion", "ntt", "cogent", "lumen", "he", "gtt")

# Google front-end and backbone names use IATA-style codes (`lga25s71-in-f14.1e100.net`,
# `bom07s36-in-f14.1e100.net`, `mba01s10-in-f14.1e100.net` in stored traces) [infer for the
# rest].
GOOGLE_CODE: dict[str, str] = {
    "fra": "fra", "ams": "ams", "lon": "lhr", "par": "par", "sto": "arn", "dub": "dub",
    "mil": "mil", "tyo": "nrt", "osa": "kix", "sel": "icn", "sin": "sin", "hkg": "hkg",
    "syd": "syd", "bom": "bom", "jkt": "cgk", "sao": "gru", "bah": "bah", "jnb": "jnb",
    "cpt": "cpt", "yul": "yul", "yyz": "yyz", "oma": "oma", "pdx": "pdx", "ric": "iad",
}  # fmt: skip

# CloudFront edge PTRs name the POP with an airport code and index:
# `server-13-32-1-2.fra56.r.cloudfront.net` [infer from the well-known pattern].
CLOUDFRONT_CODE: dict[str, str] = {
    "dc": "iad", "nyc": "jfk", "chi": "ord", "dfw": "dfw", "lax": "lax", "bay": "sfo",
    "sea": "sea", "atl": "atl", "mia": "mia", "den": "den", "fra": "fra", "ams": "ams",
    "lon": "lhr", "par": "cdg", "sto": "arn", "dub": "dub", "mil": "mxp", "tyo": "nrt",
    "osa": "kix", "sel": "icn", "sin": "sin", "hkg": "hkg", "syd": "syd", "bom": "bom",
    "jkt": "cgk", "sao": "gru", "bah": "bah", "jnb": "jnb", "cpt": "cpt", "yul": "yul",
    "yyz": "yto",
}  # fmt: skip

# Hetzner router names carry the data-centre park: `core21.fsn1.hetzner.com`,
# `core12.nbg1.hetzner.com`, `core31.hel1.hetzner.com`; its Frankfurt PoP `fra` [infer].
HETZNER_SITE: dict[str, str] = {"fsn": "fsn1", "nbg": "nbg1", "hel": "hel1", "fra": "fra",
                                "dc": "ash", "pdx": "hil"}  # fmt: skip

# Deutsche Telekom backbone names: `m-eb7-i.M.DE.NET.DTAG.DE` (Part 3, Munich); the letter is
# the city's (F Frankfurt, B Berlin) [infer].
DTAG_CITY: dict[str, str] = {"fra": "F", "muc": "M", "ber": "B"}

# IXPs in the metros where clouds and CDNs meet, with their LAN pool (PREFIXES) and ASN.
# Names on an IXP LAN come from the peer: `six.as13335.com`, `13335.sgw.equinix.com`,
# `cloudflare-RGE.hkix.net` (realism.md Part 3).
IXPS: dict[str, tuple[str, int]] = {
    "fra": ("ixp.decix", 6695),
    "ams": ("ixp.amsix", 1200),
    "lon": ("ixp.linx", 5459),
    "dc": ("ixp.equinix.ash", 24115),
    "sin": ("ixp.equinix.sg", 24115),
    "hkg": ("ixp.hkix", 4635),
}

# Hurricane Electric (`v1101.core1.nyc4.he.net`, `100ge9-1.core2.chi1.he.net`), Zayo and GTT
# use their own 3-letter metro codes; the NYC ones use "nyc" rather than an airport code.
TRANSIT_CODE: dict[str, str] = {
    "dc": "ash",
    "nyc": "nyc",
    "chi": "chi",
    "dfw": "dal",
    "lax": "lax",
    "bay": "sjc",
    "sea": "sea",
    "atl": "atl",
    "mia": "mia",
    "den": "den",
}

# --- Eyeball ISPs ---------------------------------------------------------------------------
# Client zips each residential ISP serves (coarse public footprints: Comcast/Xfinity, Charter/
# Spectrum, AT&T, Verizon Fios, Cox). T-Mobile 5G Home Internet and Starlink are nationwide.
ISP_FOOTPRINT: dict[str, tuple[str, ...]] = {
    "comcast": tuple(COMCAST_REGIONAL),
    "charter": ("10011", "11101", "90017", "75201", "78701", "33602", "28202", "63101",
                "43215", "64105"),
    "att": ("30303", "30084", "78701", "75201", "77002", "60601", "48226", "90017", "92101",
            "95110", "95814", "33131", "32202", "37203", "28202", "63101", "64105", "46204",
            "43215"),
    "verizon": ("10011", "11101", "07102", "02108", "19103", "15222", "20001", "20190",
                "20170", "23219", "75201"),
    "cox": ("68102", "85004", "89101", "92101"),
}  # fmt: skip
# Relative market weight of each wired residential ISP where it is available [infer].
ISP_WEIGHT: dict[str, int] = {"comcast": 35, "charter": 22, "att": 22, "verizon": 15, "cox": 12}
ISP_ASN: dict[str, int] = {
    "comcast": 7922,
    "charter": 20115,
    "att": 7018,
    "verizon": 701,
    "cox": 22773,
    "tmobile": 21928,
    "starlink": 14593,
    "lumen": 3356,
    "dtag": 3320,
}
# Share of routes on which an ISP reaches Cloudflare through a transit AS instead of direct
# peering (realism.md Part 1 §1: usually 2 ASes, sometimes a transit AS in between) [infer].
TRANSIT_SHARE: dict[str, float] = {
    "comcast": 0.03,
    "charter": 0.12,
    "att": 0.05,
    "verizon": 0.1,
    "cox": 0.35,
    "tmobile": 0.3,
    "starlink": 0.3,
    "lumen": 0.0,
    "dtag": 0.15,
}
# Transit networks of Part 3 "Transit", by family key.
TRANSITS: tuple[str, ...] = ("lumen", "cogent", "ntt", "arelion", "zayo", "he", "gtt")
TRANSIT_ASN: dict[str, int] = {
    "lumen": 3356,
    "cogent": 174,
    "ntt": 2914,
    "arelion": 1299,
    "zayo": 6461,
    "he": 6939,
    "gtt": 3257,
}

# --- Cloud regions and targets ------------------------------------------------------------
# AWS regions placed at a Part 4 triple: us-east-1 Ashburn (realism.md Part 5), us-east-2
# Columbus, us-west-1 San Jose, us-west-2 Portland (the region is in Boardman OR, which has no

# Home gateways (realism.md Part 1 §4 and R5): address and the LAN resolver's name for it.
# These names come from the LAN, never from public DNS (R7).
ISP_GATEWAYS: dict[str, tuple[tuple[str, str | None], ...]] = {
    "comcast": (("10.0.0.1", None),),  # Comcast xFi
    "att": (
        ("192.168.1.254", "dsldevice.attlocal.net"),
        ("192.168.1.254", "homeportal"),
        ("192.168.1.254", None),
    ),
    "verizon": (
        ("192.168.1.1", "fios_quantum_gateway"),
        ("192.168.1.1", "CR1000A.mynetworksettings.com"),
        ("192.168.1.1", None),
    ),
    "charter": (("192.168.1.1", None), ("192.168.0.1", None)),
    "cox": (("192.168.0.1", None),),
    "tmobile": (("192.168.12.1", None),),  # T-Mobile 5G gateway default
    "starlink": (("192.168.1.1", None),),  # Starlink router, then CGNAT 100.64.0.1 (R5)
}
# Customer-owned routers replacing the ISP gateway (Part 1 §4 table).
OWN_ROUTERS: tuple[tuple[str, str | None], ...] = (
    ("192.168.1.1", None),
    ("192.168.1.1", "router.lan"),
    ("192.168.0.1", None),
    ("192.168.50.1", "unifi"),
    ("10.0.1.1", None),  # Apple AirPort
    ("192.168.86.1", None),
)

# Hosting providers an agent host may rent from: ASN, customer pool, router pool.
HOSTING: dict[str, tuple[int, str, str]] = {
    "hetzner": (24940, "hetzner", "hetzner.core"),
    "ovh": (16276, "ovh", "ovh"),
    "digitalocean": (14061, "digitalocean", "digitalocean"),
    "linode": (63949, "linode", "linode"),
}
