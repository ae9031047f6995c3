"""Static network tables behind the Cloudflare DEX traceroute generator: places, colos, ASNs.

Everything here is plain data (tuples of tuples and string constants); `generator.py` parses and
indexes it once at import. Sources are cited per table; "realism.md" means
`shared/docs/realism.md`, whose Part 3 (ASNs, rDNS, prefixes) and Part 4 (verified US
city/state/zip triples) most of these tables come from. Values tagged [infer] are plausible
choices that no stored source confirms; keep them cosmetic.
"""

from __future__ import annotations

from typing import NamedTuple


class Place(NamedTuple):
    """A verified US (city, state, zip) triple with its zip-centroid coordinates."""

    city: str
    state: str
    zip: str
    lat: float
    lon: float
    metro: str  # metro group key: places sharing one interconnection area / rDNS token family


# realism.md Part 4: every triple checked with the PyPI `zipcodes` 3.0.0 table. Zip is a
# 5-char string (leading zeros kept), state a 2-letter code (realism.md Part 1 §7).
PLACES: tuple[Place, ...] = (
    Place("Ashburn", "VA", "20147", 39.0373, -77.4805, "dc"),
    Place("Reston", "VA", "20190", 38.9615, -77.3418, "dc"),
    Place("Herndon", "VA", "20170", 38.9839, -77.3675, "dc"),
    Place("Washington", "DC", "20001", 38.9122, -77.0177, "dc"),
    Place("New York", "NY", "10011", 40.7402, -73.9996, "nyc"),
    Place("New York", "NY", "10013", 40.7185, -74.0025, "nyc"),
    Place("Newark", "NJ", "07102", 40.7320, -74.1765, "nyc"),
    Place("Secaucus", "NJ", "07094", 40.7910, -74.0634, "nyc"),
    Place("Long Island City", "NY", "11101", 40.7446, -73.9345, "nyc"),
    Place("Boston", "MA", "02110", 42.3576, -71.0514, "bos"),
    Place("Boston", "MA", "02108", 42.3576, -71.0684, "bos"),
    Place("Needham", "MA", "02492", 42.2798, -71.2501, "bos"),
    Place("Philadelphia", "PA", "19103", 39.9513, -75.1741, "phl"),
    Place("Chicago", "IL", "60616", 41.8426, -87.6306, "chi"),
    Place("Chicago", "IL", "60601", 41.8858, -87.6181, "chi"),
    Place("Elk Grove Village", "IL", "60007", 42.0076, -87.9931, "chi"),
    Place("Detroit", "MI", "48226", 42.3333, -83.0484, "dtw"),
    Place("Pontiac", "MI", "48342", 42.6439, -83.2792, "dtw"),
    Place("Columbus", "OH", "43215", 39.9671, -83.0044, "cmh"),
    Place("Atlanta", "GA", "30303", 33.7525, -84.3888, "atl"),
    Place("Tucker", "GA", "30084", 33.8570, -84.2160, "atl"),
    Place("Miami", "FL", "33131", 25.7629, -80.1895, "mia"),
    Place("Tampa", "FL", "33602", 27.9614, -82.4597, "tpa"),
    Place("Dallas", "TX", "75207", 32.7939, -96.8319, "dfw"),
    Place("Dallas", "TX", "75201", 32.7904, -96.8044, "dfw"),
    Place("Houston", "TX", "77002", 29.7594, -95.3594, "hou"),
    Place("Austin", "TX", "78701", 30.2713, -97.7426, "aus"),
    Place("Denver", "CO", "80202", 39.7491, -104.9946, "den"),
    Place("Salt Lake City", "UT", "84101", 40.7559, -111.8967, "slc"),
    Place("Phoenix", "AZ", "85004", 33.4557, -112.0686, "phx"),
    Place("Las Vegas", "NV", "89101", 36.1721, -115.1224, "las"),
    Place("Los Angeles", "CA", "90017", 34.0559, -118.2666, "lax"),
    Place("San Diego", "CA", "92101", 32.7185, -117.1593, "san"),
    Place("San Jose", "CA", "95110", 37.3391, -121.9016, "bay"),
    Place("San Jose", "CA", "95134", 37.4087, -121.9406, "bay"),
    Place("Santa Clara", "CA", "95054", 37.3924, -121.9623, "bay"),
    Place("Sunnyvale", "CA", "94085", 37.3886, -122.0177, "bay"),
    Place("Palo Alto", "CA", "94301", 37.4443, -122.1497, "bay"),
    Place("Sacramento", "CA", "95814", 38.5804, -121.4922, "smf"),
    Place("Seattle", "WA", "98121", 47.6151, -122.3447, "sea"),
    Place("Portland", "OR", "97204", 45.5181, -122.6745, "pdx"),
    Place("Hillsboro", "OR", "97124", 45.5387, -122.9636, "pdx"),
    Place("Minneapolis", "MN", "55402", 44.9762, -93.2759, "msp"),
    Place("Kansas City", "MO", "64105", 39.1025, -94.5901, "mci"),
    # USPS spells it "Saint Louis", not "St. Louis" (realism.md Part 4).
    Place("Saint Louis", "MO", "63101", 38.6346, -90.1913, "stl"),
    Place("Nashville", "TN", "37203", 36.1504, -86.7916, "bna"),
    Place("Charlotte", "NC", "28202", 35.2290, -80.8419, "clt"),
    Place("Pittsburgh", "PA", "15222", 40.4477, -79.9933, "pit"),
    Place("Indianapolis", "IN", "46204", 39.7720, -86.1535, "ind"),
    Place("Omaha", "NE", "68102", 41.2590, -95.9409, "oma"),
    Place("Richmond", "VA", "23219", 37.5463, -77.4378, "ric"),
    Place("Jacksonville", "FL", "32202", 30.3299, -81.6517, "jax"),
)

# Cloudflare North American colos (realism.md Part 1 §7, from the Cloudflare status page), each
# placed at its Part 4 triple. Colos without a verified triple (BUF, HNL, MFE, MEM, MGM, ORF,
# TLH) are left out so every Cloudflare hop location stays a verified triple (R24).
COLOS: tuple[tuple[str, str], ...] = (
    ("IAD", "20147"),
    ("ATL", "30303"),
    ("BOS", "02110"),
    ("ORD", "60616"),
    ("CMH", "43215"),
    ("DFW", "75207"),
    ("DEN", "80202"),
    ("DTW", "48226"),
    ("IAH", "77002"),
    ("IND", "46204"),
    ("JAX", "32202"),
    ("MCI", "64105"),
    ("LAS", "89101"),
    ("LAX", "90017"),
    ("MIA", "33131"),
    ("MSP", "55402"),
    ("BNA", "37203"),
    # NYC clients are served from EWR, Newark NJ (realism.md Part 1 §7, R24).
    ("EWR", "07102"),
    ("OMA", "68102"),
    ("PHL", "19103"),
    ("PHX", "85004"),
    ("PIT", "15222"),
    ("PDX", "97204"),
    ("RIC", "23219"),
    ("SMF", "95814"),
    ("SLC", "84101"),
    ("SAN", "92101"),
    ("SJC", "95110"),
    ("SEA", "98121"),
    ("STL", "63101"),
    ("TPA", "33602"),
    ("CLT", "28202"),
)

# Interconnection hubs where backbone, transit and cloud peering hops concentrate
# (realism.md Part 1 §7 and R24), keyed by metro group, placed at the carrier hotel triple.
HUBS: tuple[tuple[str, str], ...] = (
    ("dc", "20147"),  # Ashburn, the largest US interconnect hub
    ("nyc", "10013"),  # 60 Hudson area
    ("chi", "60616"),  # 350 E Cermak
    ("dfw", "75207"),  # Infomart area
    ("lax", "90017"),  # One Wilshire / 600 W 7th
    ("bay", "95134"),  # San Jose
    ("sea", "98121"),  # Westin Building
    ("atl", "30303"),  # 56 Marietta
    ("mia", "33131"),
    ("den", "80202"),
)

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
)

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
# verified triple; geolocation commonly reports the Portland area) [infer].
AWS_REGIONS: dict[str, str] = {
    "us-east-1": "20147",
    "us-east-2": "43215",
    "us-west-1": "95134",
    "us-west-2": "97204",
}


class TargetSpec(NamedTuple):
    """One admin-configurable DEX traceroute target."""

    name: str  # testName, as an admin would type it
    host: str  # the configured host: an IP or a hostname
    kind: str  # "cf-edge" (path ends inside Cloudflare) or "app"
    asn: int  # the target's ASN
    pool: str  # TARGET_PREFIXES key, or "" when `ips` lists the fixed addresses
    ips: tuple[str, ...]  # fixed anycast addresses, if any
    region: str  # AWS region key, or "" for anycast / nearest-edge front doors
    ptr: str  # PTR style of the destination: "" none, a literal name, or "ec2", "1e100"
    exclude_share: float  # share of tests an admin puts in the split-tunnel Exclude list


# DEX test targets (Cloudflare docs: target is an IP or host, e.g. 1.1.1.1; the API example
# name is "Atlassian Sign In Page"). Cloudflare resolver names are from Part 3
# (`one.one.one.one`, `dns.google`). Microsoft 365 is often excluded from WARP (the "Directly
# route Microsoft 365 traffic" setting), so those tests often run out of tunnel [infer].
TARGETS: tuple[TargetSpec, ...] = (
    TargetSpec("Cloudflare DNS 1.1.1.1", "1.1.1.1", "cf-edge", 13335, "", ("1.1.1.1",), "",
               "one.one.one.one", 0.05),
    TargetSpec("Cloudflare DNS 1.0.0.1", "1.0.0.1", "cf-edge", 13335, "", ("1.0.0.1",), "",
               "one.one.one.one", 0.05),
    TargetSpec("Cloudflare Resolver", "one.one.one.one", "cf-edge", 13335, "",
               ("1.1.1.1", "1.0.0.1"), "", "one.one.one.one", 0.05),
    TargetSpec("Cloudflare Website", "www.cloudflare.com", "cf-edge", 13335, "",
               ("104.16.123.96", "104.16.124.96"), "", "", 0.05),
    TargetSpec("Cloudflare Dashboard", "dash.cloudflare.com", "cf-edge", 13335,
               "cloudflare.proxied", (), "", "", 0.05),
    TargetSpec("Google DNS 8.8.8.8", "8.8.8.8", "app", 15169, "", ("8.8.8.8",), "",
               "dns.google", 0.1),
    TargetSpec("Google Workspace", "www.google.com", "app", 15169, "google.www", (), "",
               "1e100", 0.1),
    TargetSpec("Microsoft 365 Outlook", "outlook.office365.com", "app", 8075,
               "microsoft.exchange", (), "", "", 0.5),
    TargetSpec("Microsoft Teams", "teams.microsoft.com", "app", 8075, "microsoft.teams", (),
               "", "", 0.5),
    TargetSpec("Microsoft Entra Sign In", "login.microsoftonline.com", "app", 8075,
               "microsoft.entra", (), "", "", 0.5),
    TargetSpec("Atlassian Sign In Page", "id.atlassian.com", "app", 16509, "aws.us-east-1", (),
               "us-east-1", "ec2", 0.1),
    TargetSpec("AWS us-east-1 (N. Virginia)", "ec2.us-east-1.amazonaws.com", "app", 16509,
               "aws.us-east-1", (), "us-east-1", "", 0.1),
    TargetSpec("AWS us-east-2 (Ohio)", "ec2.us-east-2.amazonaws.com", "app", 16509,
               "aws.us-east-2", (), "us-east-2", "", 0.1),
    TargetSpec("AWS us-west-1 (N. California)", "ec2.us-west-1.amazonaws.com", "app", 16509,
               "aws.us-west-1", (), "us-west-1", "", 0.1),
    TargetSpec("AWS us-west-2 (Oregon)", "ec2.us-west-2.amazonaws.com", "app", 16509,
               "aws.us-west-2", (), "us-west-2", "", 0.1),
    # Datadog's US1 site runs in AWS us-east-1 [infer].
    TargetSpec("Datadog US1", "app.datadoghq.com", "app", 16509, "aws.us-east-1", (),
               "us-east-1", "ec2", 0.1),
)  # fmt: skip

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
