"""Independent reference tables for the realism tests (shared/docs/realism.md), and helpers.

Nothing here is read from the model: Part 3 prefixes and rDNS domains, Part 4 triples, rDNS
location tokens, and the extra networks the internet model documents for cloud and data-centre
paths (each cited next to the model's own table). The tests compare generated paths with these.
"""

from __future__ import annotations

import ipaddress
import math
import re

# --- Independent reference tables (realism.md) --------------------------------------------

# Part 4: (city, state, zip) -> (lat, lon), and the metro group each belongs to.
PART4: dict[tuple[str, str, str], tuple[float, float, str]] = {
    ("Ashburn", "VA", "20147"): (39.0373, -77.4805, "dc"),
    ("Reston", "VA", "20190"): (38.9615, -77.3418, "dc"),
    ("Herndon", "VA", "20170"): (38.9839, -77.3675, "dc"),
    ("Washington", "DC", "20001"): (38.9122, -77.0177, "dc"),
    ("New York", "NY", "10011"): (40.7402, -73.9996, "nyc"),
    ("New York", "NY", "10013"): (40.7185, -74.0025, "nyc"),
    ("Newark", "NJ", "07102"): (40.7320, -74.1765, "nyc"),
    ("Secaucus", "NJ", "07094"): (40.7910, -74.0634, "nyc"),
    ("Long Island City", "NY", "11101"): (40.7446, -73.9345, "nyc"),
    ("Boston", "MA", "02110"): (42.3576, -71.0514, "bos"),
    ("Boston", "MA", "02108"): (42.3576, -71.0684, "bos"),
    ("Needham", "MA", "02492"): (42.2798, -71.2501, "bos"),
    ("Philadelphia", "PA", "19103"): (39.9513, -75.1741, "phl"),
    ("Chicago", "IL", "60616"): (41.8426, -87.6306, "chi"),
    ("Chicago", "IL", "60601"): (41.8858, -87.6181, "chi"),
    ("Elk Grove Village", "IL", "60007"): (42.0076, -87.9931, "chi"),
    ("Detroit", "MI", "48226"): (42.3333, -83.0484, "dtw"),
    ("Pontiac", "MI", "48342"): (42.6439, -83.2792, "dtw"),
    ("Columbus", "OH", "43215"): (39.9671, -83.0044, "cmh"),
    ("Atlanta", "GA", "30303"): (33.7525, -84.3888, "atl"),
    ("Tucker", "GA", "30084"): (33.8570, -84.2160, "atl"),
    ("Miami", "FL", "33131"): (25.7629, -80.1895, "mia"),
    ("Tampa", "FL", "33602"): (27.9614, -82.4597, "tpa"),
    ("Dallas", "TX", "75207"): (32.7939, -96.8319, "dfw"),
    ("Dallas", "TX", "75201"): (32.7904, -96.8044, "dfw"),
    ("Houston", "TX", "77002"): (29.7594, -95.3594, "hou"),
    ("Austin", "TX", "78701"): (30.2713, -97.7426, "aus"),
    ("Denver", "CO", "80202"): (39.7491, -104.9946, "den"),
    ("Salt Lake City", "UT", "84101"): (40.7559, -111.8967, "slc"),
    ("Phoenix", "AZ", "85004"): (33.4557, -112.0686, "phx"),
    ("Las Vegas", "NV", "89101"): (36.1721, -115.1224, "las"),
    ("Los Angeles", "CA", "90017"): (34.0559, -118.2666, "lax"),
    ("San Diego", "CA", "92101"): (32.7185, -117.1593, "san"),
    ("San Jose", "CA", "95110"): (37.3391, -121.9016, "bay"),
    ("San Jose", "CA", "95134"): (37.4087, -121.9406, "bay"),
    ("Santa Clara", "CA", "95054"): (37.3924, -121.9623, "bay"),
    ("Sunnyvale", "CA", "94085"): (37.3886, -122.0177, "bay"),
    ("Palo Alto", "CA", "94301"): (37.4443, -122.1497, "bay"),
    ("Sacramento", "CA", "95814"): (38.5804, -121.4922, "smf"),
    ("Seattle", "WA", "98121"): (47.6151, -122.3447, "sea"),
    ("Portland", "OR", "97204"): (45.5181, -122.6745, "pdx"),
    ("Hillsboro", "OR", "97124"): (45.5387, -122.9636, "pdx"),
    ("Minneapolis", "MN", "55402"): (44.9762, -93.2759, "msp"),
    ("Kansas City", "MO", "64105"): (39.1025, -94.5901, "mci"),
    ("Saint Louis", "MO", "63101"): (38.6346, -90.1913, "stl"),
    ("Nashville", "TN", "37203"): (36.1504, -86.7916, "bna"),
    ("Charlotte", "NC", "28202"): (35.2290, -80.8419, "clt"),
    ("Pittsburgh", "PA", "15222"): (40.4477, -79.9933, "pit"),
    ("Indianapolis", "IN", "46204"): (39.7720, -86.1535, "ind"),
    ("Omaha", "NE", "68102"): (41.2590, -95.9409, "oma"),
    ("Richmond", "VA", "23219"): (37.5463, -77.4378, "ric"),
    ("Jacksonville", "FL", "32202"): (30.3299, -81.6517, "jax"),
}
BY_ZIP = {key[2]: (key, value) for key, value in PART4.items()}

# Part 4 "Cloudflare colo / role" column.
COLO_ZIP = {
    "IAD": "20147", "EWR": "07102", "BOS": "02110", "PHL": "19103", "ORD": "60616",
    "DTW": "48226", "CMH": "43215", "ATL": "30303", "MIA": "33131", "TPA": "33602",
    "DFW": "75207", "IAH": "77002", "DEN": "80202", "SLC": "84101", "PHX": "85004",
    "LAS": "89101", "LAX": "90017", "SAN": "92101", "SJC": "95110", "SMF": "95814",
    "SEA": "98121", "PDX": "97204", "MSP": "55402", "MCI": "64105", "STL": "63101",
    "BNA": "37203", "CLT": "28202", "PIT": "15222", "IND": "46204", "OMA": "68102",
    "RIC": "23219", "JAX": "32202",
}  # fmt: skip

# Part 3 prefixes per ASN ("96.120.x" read as a /16, "68.x" as a /8), Cloudflare's published
# ranges plus 104.28.0.0/16 and 1.1.1.0/24 / 1.0.0.0/24, and the target blocks the generator
# documents (AWS ip-ranges.json EC2 regions, Microsoft 365 endpoints, 8.8.8.0/24 dns.google).
ASN_PREFIXES: dict[int, tuple[str, ...]] = {
    7922: ("96.120.0.0/16", "68.85.0.0/16", "68.86.0.0/16", "68.87.0.0/16", "69.139.0.0/16",
           "96.108.0.0/16", "96.109.0.0/16", "96.110.0.0/16", "162.151.0.0/16", "24.153.0.0/16"),
    20115: ("68.173.0.0/16", "66.109.0.0/16", "107.14.0.0/16"),
    7018: ("12.83.0.0/16", "12.122.0.0/16", "12.123.0.0/16", "12.242.0.0/16", "107.212.0.0/16",
           "108.232.0.0/16", "71.145.0.0/16"),
    701: ("100.36.0.0/16", "100.37.0.0/16", "100.38.0.0/16", "100.39.0.0/16", "100.40.0.0/16",
          "100.41.0.0/16", "130.81.0.0/16", "140.222.0.0/16", "152.63.0.0/16", "71.0.0.0/8",
          "72.80.0.0/16", "108.52.0.0/16"),
    22773: ("68.0.0.0/8", "70.0.0.0/8", "72.0.0.0/8"),
    21928: ("172.32.0.0/11",),
    14593: ("98.97.0.0/16",),  # not in Part 3; the generator's documented assumption
    3356: ("4.68.0.0/16", "4.69.0.0/16", "4.53.0.0/16"),
    174: ("154.54.0.0/16", "38.0.0.0/8"),
    2914: ("129.250.0.0/16", "157.238.0.0/16"),
    1299: ("62.115.0.0/16", "80.239.0.0/16", "213.248.0.0/16"),
    6461: ("64.125.0.0/16", "64.124.0.0/16"),
    6939: ("184.105.0.0/16", "209.51.0.0/16"),
    3257: ("89.149.0.0/16", "213.200.0.0/16"),
    16509: ("52.93.0.0/16", "52.95.0.0/16", "54.240.0.0/16", "150.222.0.0/16", "99.82.0.0/16",
            "34.192.0.0/12", "34.208.0.0/12", "18.216.0.0/14", "52.52.0.0/15"),
    15169: ("108.170.0.0/16", "142.250.0.0/15", "172.253.0.0/16", "209.85.0.0/16",
            "216.239.0.0/16", "72.14.0.0/16", "8.8.8.0/24", "8.8.4.0/24"),
    8075: ("104.44.0.0/16", "207.46.0.0/16", "52.96.0.0/14", "52.112.0.0/14",
           "20.190.128.0/18", "40.126.0.0/18"),
    13335: ("173.245.48.0/20", "103.21.244.0/22", "103.22.200.0/22", "103.31.4.0/22",
            "141.101.64.0/18", "108.162.192.0/18", "190.93.240.0/20", "188.114.96.0/20",
            "197.234.240.0/22", "198.41.128.0/17", "162.158.0.0/15", "104.16.0.0/13",
            "104.24.0.0/14", "172.64.0.0/13", "131.0.72.0/22", "104.28.0.0/16", "1.1.1.0/24",
            "1.0.0.0/24"),
}  # fmt: skip
NETS = {
    asn: tuple(ipaddress.ip_network(cidr) for cidr in cidrs) for asn, cidrs in ASN_PREFIXES.items()
}
RFC1918 = tuple(ipaddress.ip_network(c) for c in ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"))
CGNAT = ipaddress.ip_network("100.64.0.0/10")  # RFC 6598: exactly 100.64.0.0-100.127.255.255

# R12: rDNS domain -> ASN (Part 3), and interconnect names exempt at AS boundaries.
DOMAIN_ASN: dict[str, int] = {
    "comcast.net": 7922, "rr.com": 20115, "charter.com": 20115, "spectrum.com": 20115,
    "att.net": 7018, "sbcglobal.net": 7018, "verizon-gni.net": 701, "alter.net": 701,
    "cox.net": 22773, "level3.net": 3356, "lumen.tech": 3356, "cogentco.com": 174,
    "ntt.net": 2914, "twelve99.net": 1299, "telia.net": 1299, "twelve99-cust.net": 1299,
    "zayo.com": 6461, "he.net": 6939, "gtt.net": 3257, "amazonaws.com": 16509,
    "1e100.net": 15169, "dns.google": 15169, "googleusercontent.com": 15169,
    "msn.net": 8075, "one.one.one.one": 13335, "cloudflare.com": 13335, "as13335.com": 13335,
}  # fmt: skip
BOUNDARY_NAME = re.compile(r"(^as\d+-.*\.ibone\.comcast\.net$|-cust\.net$|\.customer\.alter\.net$)")
LAN_NAMES = {
    "router.lan", "homeportal", "dsldevice.attlocal.net", "fios_quantum_gateway", "unifi",
    "CR1000A.mynetworksettings.com",
}  # fmt: skip
# Verizon and Level3/Lumen names are mixed case (R13: `L100.DLLSTX-VFTTP-65.verizon-gni.net`,
# `ae-3-3.ebr2.NewYork1.Level3.net`, Part 3 `ae21.3621.ear1.Chicago3.net.lumen.tech`).
MIXED_CASE_DOMAINS = (
    "verizon-gni.net", "alter.net", "level3.net", "lumen.tech", "mynetworksettings.com",
)  # fmt: skip

# R13 location tokens: CLLI place codes, 3-letter metro/airport codes, Level3 CamelCase cities.
CLLI_METRO = {
    "asbnva": "dc", "rstnva": "dc", "hrndva": "dc", "washdc": "dc", "nycmny": "nyc",
    "nyquny": "nyc", "nwrknj": "nyc", "bstnma": "bos", "phlapa": "phl", "pitbpa": "pit",
    "rcmdva": "ric", "chcgil": "chi", "dtrtmi": "dtw", "clmboh": "cmh", "iplsin": "ind",
    "atlnga": "atl", "tukrga": "atl", "miamfl": "mia", "tampfl": "tpa", "jcvlfl": "jax",
    "dllstx": "dfw", "hstntx": "hou", "austtx": "aus", "dnvrco": "den", "lsanca": "lax",
    "sndgca": "san", "snjsca": "bay", "scrmca": "smf", "sttlwa": "sea", "nsvltn": "bna",
    "chrlnc": "clt", "stlsmo": "stl", "kscymo": "mci",
}  # fmt: skip
CODE3_METRO = {
    "iad": "dc", "ash": "dc", "was": "dc", "lga": "nyc", "jfk": "nyc", "nyc": "nyc",
    "nyk": "nyc", "ewr": "nyc", "ord": "chi", "chi": "chi", "dfw": "dfw", "dal": "dfw",
    "dls": "dfw", "lax": "lax", "sjc": "bay", "sjo": "bay", "sea": "sea", "atl": "atl",
    "mia": "mia", "mai": "mia", "den": "den", "bos": "bos", "phl": "phl",
}  # fmt: skip
CAMEL_METRO = {
    "washington": "dc", "newyork": "nyc", "chicago": "chi", "dallas": "dfw",
    "losangeles": "lax", "sanjose": "bay", "seattle": "sea", "atlanta": "atl", "miami": "mia",
    "denver": "den", "sacramento": "smf", "phoenix": "phx", "boston": "bos",
    "philadelphia": "phl", "houston": "hou",
}  # fmt: skip
COMCAST_SITES = {
    "onesummer": "bos", "111eighthave": "nyc", "350ecermak": "chi", "56marietta": "atl",
    "600wseventh": "lax",
}  # fmt: skip
AWS_REGION_STATE = {"us-east-1": "VA", "us-east-2": "OH", "us-west-1": "CA", "us-west-2": "OR"}
ATT_CODES = {"dlstx": "dfw", "cgcil": "chi"}
# Cox market labels (`ip68-13-110-204.om.om.cox.net` is Omaha).
COX_MARKETS = {"om": "oma", "ph": "phx", "lv": "las", "sd": "san", "la": "lax"}
TOKEN_RULES: tuple[tuple[re.Pattern[str], dict[str, str]], ...] = (
    (re.compile(r"\.(?:lightspeed|dsl)\.([a-z]{6})\.sbcglobal\.net$"), CLLI_METRO),
    (re.compile(r"^(?:cr|gar)\d+\.([a-z]{5})\.ip\.att\.net$"), ATT_CODES),
    (re.compile(r"\.([a-z]{6})-(?:vfttp|lcr)-\d+\.verizon-gni\.net$", re.I), CLLI_METRO),
    (re.compile(r"\.([a-z]{3})\d+\.alter\.net$", re.I), CODE3_METRO),
    (re.compile(r"\.([a-z]{6})\d+[a-z]+\.netops\.charter\.com$"), CLLI_METRO),
    (re.compile(r"\.pr\d+\.([a-z]{3})\d+\.netops\.charter\.com$"), CODE3_METRO),
    (re.compile(r"\.([a-z]+?)\d+\.(?:level3\.net|net\.lumen\.tech)$", re.I), CAMEL_METRO),
    (re.compile(r"\.([a-z]{3})\d{2}\.atlas\.cogentco\.com$"), CODE3_METRO),
    (re.compile(r"\.([a-z]{6})\d{2}\.us\.bb\.gin\.ntt\.net$"), CLLI_METRO),
    (re.compile(r"^([a-z]{3})-bb?\d+-link\.ip\.twelve99\.net$"), CODE3_METRO),
    (re.compile(r"\.([a-z]{3})\d+\.us\.(?:zip|eth)\.zayo\.com$"), CODE3_METRO),
    (re.compile(r"\.core\d+\.([a-z]{3})\d+\.he\.net$"), CODE3_METRO),
    (re.compile(r"\.cr\d+-([a-z]{3})\d+\.ip4\.gtt\.net$"), CODE3_METRO),
    (re.compile(r"\.([a-z]{3})\d+\.ntwk\.msn\.net$"), CODE3_METRO),
    (re.compile(r"^([a-z]{3})\d+s\d+-in-f\d+\.1e100\.net$"), CODE3_METRO),
    (re.compile(r"\.rd\.([a-z]{2})\.cox\.net$"), COX_MARKETS),
)
COMCAST_TOKEN = re.compile(r"\.([a-z0-9]+)\.([a-z]{2})\.[a-z]+\.comcast\.net$")
EC2_TOKEN = re.compile(r"\.(?:compute-1|(us-[a-z]+-\d)\.compute)\.amazonaws\.com$")

# R15 access-technology step bands (ms); office uplinks are business fiber.
ACCESS_BAND = {
    "fiber": (1, 9), "office": (1, 9), "cable": (7, 25), "dsl": (10, 30),
    "fixed-wireless": (15, 60), "satellite": (25, 45),
}  # fmt: skip
MILES = ("client-to-isp", "client-to-cf-ingress", "client-to-cf-egress", "client-to-app")
HOP_KEYS = {"ttl", "asn", "aso", "ipAddress", "location", "mile", "name", "packetLossPct", "rttMs"}
LOSS_VALUES = {0.0, 33.3, 66.7, 100.0}
US_STATES = {
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN",
    "IA", "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH",
    "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT",
    "VT", "VA", "WA", "WV", "WI", "WY",
}  # fmt: skip


def km_between(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def in_nets(ip: str, nets: tuple[ipaddress.IPv4Network, ...]) -> bool:
    addr = ipaddress.ip_address(ip)
    return any(addr in net for net in nets)


def is_private(ip: str) -> bool:
    return in_nets(ip, RFC1918)


def is_cgnat(ip: str) -> bool:
    return ipaddress.ip_address(ip) in CGNAT


def domain_asn(name: str) -> int | None:
    lowered = name.lower()
    for domain, asn in DOMAIN_ASN.items():
        if lowered == domain or lowered.endswith("." + domain):
            return asn
    return None


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


# --- Beyond the DEX world: cloud, data-centre and office sources ---------------------------

# Networks of cloud and data-centre paths, as documented next to the model's tables (AWS
# ip-ranges.json EC2 and CloudFront blocks, Google Cloud and Azure customer space, hosting
# providers, CDNs, enterprises, IXP peering LANs, Deutsche Telekom).
WORLD_ASN_PREFIXES: dict[int, tuple[str, ...]] = {
    16509: ("13.32.0.0/15", "13.224.0.0/14", "18.64.0.0/14", "54.230.0.0/16", "99.84.0.0/16",
            "143.204.0.0/16", "15.222.0.0/15", "35.182.0.0/15", "18.228.0.0/16",
            "54.232.0.0/16", "34.240.0.0/13", "52.208.0.0/13", "35.176.0.0/15", "3.8.0.0/14",
            "35.180.0.0/16", "15.236.0.0/15", "3.120.0.0/14", "18.184.0.0/15", "52.28.0.0/16",
            "13.48.0.0/15", "13.53.0.0/16", "15.160.0.0/16", "35.72.0.0/13", "13.112.0.0/14",
            "54.64.0.0/15", "13.124.0.0/16", "52.78.0.0/16", "13.208.0.0/16", "13.232.0.0/14",
            "65.0.0.0/14", "13.228.0.0/15", "18.136.0.0/16", "54.169.0.0/16", "13.236.0.0/14",
            "54.252.0.0/16", "108.136.0.0/16", "18.162.0.0/16", "16.162.0.0/15",
            "15.184.0.0/16", "157.175.0.0/16", "13.244.0.0/15"),
    396982: ("34.64.0.0/10", "35.184.0.0/13"),
    8075: ("20.36.0.0/14", "20.40.0.0/13", "40.64.0.0/10", "52.224.0.0/11"),
    24940: ("88.198.0.0/16", "5.9.0.0/16", "78.46.0.0/15", "95.216.0.0/15", "213.239.192.0/18"),
    16276: ("51.68.0.0/16", "51.75.0.0/16", "54.36.0.0/16", "137.74.0.0/16", "145.239.0.0/16",
            "149.56.0.0/16", "139.99.0.0/16"),
    14061: ("138.197.0.0/16", "159.89.0.0/16", "167.99.0.0/16", "142.93.0.0/16",
            "134.209.0.0/16", "104.248.0.0/16", "161.35.0.0/16", "206.189.0.0/16"),
    63949: ("45.79.0.0/16", "139.162.0.0/16", "172.104.0.0/15", "173.255.192.0/18"),
    20940: ("23.32.0.0/11", "23.192.0.0/11", "104.64.0.0/10", "184.24.0.0/13"),
    54113: ("151.101.0.0/16", "199.232.0.0/16", "146.75.0.0/16"),
    714: ("17.0.0.0/8",),
    32934: ("157.240.0.0/16", "31.13.64.0/18"),
    36459: ("140.82.112.0/20",),
    3320: ("217.5.0.0/16", "62.154.0.0/15"),
    6695: ("80.81.192.0/21",),
    1200: ("80.249.208.0/21",),
    5459: ("195.66.224.0/22",),
    24115: ("206.126.236.0/22", "27.111.228.0/22"),
    4635: ("123.255.88.0/21",),
}  # fmt: skip
ALL_NETS = {
    asn: tuple(ipaddress.ip_network(c) for c in (*ASN_PREFIXES.get(asn, ()), *cidrs))
    for asn, cidrs in {**ASN_PREFIXES, **WORLD_ASN_PREFIXES}.items()
}
# 13335 also answers from Cloudflare's customer ranges 104.16.0.0/13 and 172.64.0.0/14, part of
# its published list above.

WORLD_DOMAIN_ASN: dict[str, int] = {
    **DOMAIN_ASN,
    "hetzner.com": 24940, "tfbnw.net": 32934, "facebook.com": 32934, "github.com": 36459,
    "cloudfront.net": 16509, "akamaitechnologies.com": 20940, "dtag.de": 3320,
}  # fmt: skip
# Organisations owning several ASNs (R10 holds per organisation).
ORGANISATION = {16509: "amazon", 14618: "amazon", 15169: "google", 396982: "google"}

# Eyeball ISPs: residential networks (realism.md Part 3 "Eyeball ISPs" and mobile / satellite).
RESIDENTIAL_ASNS = frozenset((7922, 20115, 7018, 701, 22773, 21928, 14593, 3320, 6167, 20057))
# Business lines an office agent may sit behind (the same companies' business services).
BUSINESS_ASNS = frozenset((7922, 7018, 701, 3356, 3320))
TRANSIT_ASNS = frozenset((3356, 174, 2914, 1299, 6461, 6939, 3257))
IXP_ASNS = frozenset((6695, 1200, 5459, 24115, 4635))
PROVIDER_ROUTER_ASN = {"aws": 16509, "gcp": 15169, "azure": 8075}

# Cities of cloud regions, hosting parks and interconnection metros outside Part 4, with
# approximate coordinates (atlas values, to 0.1 degree).
WORLD_CITIES: dict[str, tuple[float, float]] = {
    "Council Bluffs": (41.26, -95.86), "The Dalles": (45.59, -121.18), "Boydton": (36.67, -78.39),
    "Quincy": (47.23, -119.85), "Des Moines": (41.59, -93.62), "San Antonio": (29.42, -98.49),
    "Montreal": (45.50, -73.57), "Toronto": (43.65, -79.38), "Frankfurt am Main": (50.11, 8.68),
    "Amsterdam": (52.37, 4.90), "Eemshaven": (53.44, 6.83), "London": (51.51, -0.09),
    "Paris": (48.86, 2.35), "Dublin": (53.35, -6.26), "Stockholm": (59.33, 18.07),
    "Milan": (45.46, 9.19), "Saint-Ghislain": (50.45, 3.82), "Munich": (48.14, 11.58),
    "Berlin": (52.52, 13.40), "Falkenstein": (50.48, 12.37), "Nuremberg": (49.45, 11.08),
    "Helsinki": (60.17, 24.94), "Roubaix": (50.69, 3.17), "Gravelines": (50.99, 2.13),
    "Strasbourg": (48.57, 7.75), "Beauharnois": (45.32, -73.87), "Tokyo": (35.68, 139.77),
    "Osaka": (34.69, 135.50), "Seoul": (37.57, 126.98), "Singapore": (1.29, 103.85),
    "Hong Kong": (22.32, 114.17), "Sydney": (-33.87, 151.21), "Mumbai": (19.08, 72.88),
    "Jakarta": (-6.18, 106.83), "Bengaluru": (12.97, 77.59), "São Paulo": (-23.55, -46.63),
    "Manama": (26.23, 50.59), "Cape Town": (-33.92, 18.42), "Johannesburg": (-26.20, 28.05),
}  # fmt: skip


def city_coords(city: str, state: str, zip_: str) -> tuple[float, float] | None:
    """Reference coordinates of a hop location: a Part 4 triple or a world city."""
    found = PART4.get((city, state, zip_))
    if found is not None:
        return found[0], found[1]
    return WORLD_CITIES.get(city)


def world_domain_asn(name: str) -> int | None:
    lowered = name.lower()
    for domain, asn in WORLD_DOMAIN_ASN.items():
        if lowered == domain or lowered.endswith("." + domain):
            return asn
    return None


def same_org(a: int, b: int) -> bool:
    return a == b or (a in ORGANISATION and ORGANISATION.get(a) == ORGANISATION.get(b))
