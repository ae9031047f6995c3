"""Places: real (city, subdivision, postal code) locations with coordinates, and their distances.

US entries are the verified (city, state, zip) triples of realism.md Part 4 (every one checked
with the PyPI `zipcodes` 3.0.0 table); they are the only places an end-user (DEX) path uses.
Entries outside Part 4 exist for cloud regions and interconnection metros in the US, Europe and
Asia-Pacific where Datadog's managed locations and agents run. Their coordinates are city-centre
(or data-centre town) values and their postal codes are a central code of the city; both are
[infer] (no stored source verifies them), so keep them to geography and cosmetics.

`state` is the subdivision part of the ISO 3166-2 code ("VA", "HE" for Hesse, "13" for Tokyo),
or "" where the country has none in use; `zip` is a string ("" where there are no postcodes).
"""

from __future__ import annotations

import math
from typing import Final, NamedTuple


class Place(NamedTuple):
    """A real location: (city, state, zip) with coordinates, metro group and country."""

    city: str
    state: str
    zip: str
    lat: float
    lon: float
    metro: str  # metro group key: places sharing one interconnection area / rDNS token family
    country: str = "US"  # ISO 3166-1 alpha-2


# realism.md Part 4: every triple checked with the PyPI `zipcodes` 3.0.0 table. Zip is a
# 5-char string (leading zeros kept), state a 2-letter code (realism.md Part 1 §7).
US_PLACES: Final[tuple[Place, ...]] = (
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

# Cloud-region towns and interconnection metros outside Part 4 [infer: coordinates of the town
# or city centre, a central postal code]. Keyed below by a short place key for the tables of
# regions, colos and hubs.
WORLD_PLACES: Final[dict[str, Place]] = {
    # US cloud-region towns: GCP us-central1 (Council Bluffs IA), us-west1 (The Dalles OR);
    # Azure eastus (Boydton VA), westus2 (Quincy WA), centralus (Des Moines IA),
    # southcentralus (San Antonio TX).
    "council-bluffs": Place("Council Bluffs", "IA", "51501", 41.2619, -95.8608, "oma"),
    "the-dalles": Place("The Dalles", "OR", "97058", 45.5946, -121.1787, "pdx"),
    "boydton": Place("Boydton", "VA", "23917", 36.6676, -78.3875, "ric"),
    "quincy": Place("Quincy", "WA", "98848", 47.2343, -119.8526, "sea"),
    "des-moines": Place("Des Moines", "IA", "50309", 41.5868, -93.6250, "msp"),
    "san-antonio": Place("San Antonio", "TX", "78205", 29.4241, -98.4936, "aus"),
    # Canada
    "montreal": Place("Montreal", "QC", "H3B", 45.5019, -73.5674, "yul", "CA"),
    "toronto": Place("Toronto", "ON", "M5H", 43.6532, -79.3832, "yyz", "CA"),
    # Europe
    "frankfurt": Place("Frankfurt am Main", "HE", "60313", 50.1109, 8.6821, "fra", "DE"),
    "amsterdam": Place("Amsterdam", "NH", "1012", 52.3728, 4.8936, "ams", "NL"),
    "eemshaven": Place("Eemshaven", "GR", "9979", 53.4386, 6.8355, "ams", "NL"),
    "london": Place("London", "ENG", "EC2V", 51.5155, -0.0922, "lon", "GB"),
    "paris": Place("Paris", "IDF", "75001", 48.8606, 2.3376, "par", "FR"),
    "dublin": Place("Dublin", "D", "D02", 53.3498, -6.2603, "dub", "IE"),
    "stockholm": Place("Stockholm", "AB", "11120", 59.3293, 18.0686, "sto", "SE"),
    "milan": Place("Milan", "25", "20121", 45.4642, 9.1900, "mil", "IT"),
    "st-ghislain": Place("Saint-Ghislain", "WHT", "7330", 50.4490, 3.8190, "bru", "BE"),
    "munich": Place("Munich", "BY", "80331", 48.1374, 11.5755, "muc", "DE"),
    "berlin": Place("Berlin", "BE", "10117", 52.5163, 13.3777, "ber", "DE"),
    # Hosting parks: Hetzner (Falkenstein, Nuremberg, Helsinki), OVHcloud (Roubaix,
    # Gravelines, Strasbourg, Beauharnois).
    "falkenstein": Place("Falkenstein", "SN", "08223", 50.4779, 12.3713, "fsn", "DE"),
    "nuremberg": Place("Nuremberg", "BY", "90402", 49.4521, 11.0767, "nbg", "DE"),
    "helsinki": Place("Helsinki", "18", "00100", 60.1699, 24.9384, "hel", "FI"),
    "roubaix": Place("Roubaix", "HDF", "59100", 50.6942, 3.1746, "rbx", "FR"),
    "gravelines": Place("Gravelines", "HDF", "59820", 50.9867, 2.1258, "gra", "FR"),
    "strasbourg": Place("Strasbourg", "GES", "67000", 48.5734, 7.7521, "sbg", "FR"),
    "beauharnois": Place("Beauharnois", "QC", "J6N", 45.3151, -73.8779, "bhs", "CA"),
    # Asia-Pacific
    "tokyo": Place("Tokyo", "13", "100-0005", 35.6812, 139.7671, "tyo", "JP"),
    "osaka": Place("Osaka", "27", "530-0001", 34.7025, 135.4959, "osa", "JP"),
    "seoul": Place("Seoul", "11", "04524", 37.5665, 126.9780, "sel", "KR"),
    "singapore": Place("Singapore", "", "018956", 1.2834, 103.8607, "sin", "SG"),
    "hong-kong": Place("Hong Kong", "", "", 22.3193, 114.1694, "hkg", "HK"),
    "sydney": Place("Sydney", "NSW", "2000", -33.8688, 151.2093, "syd", "AU"),
    "mumbai": Place("Mumbai", "MH", "400001", 18.9388, 72.8354, "bom", "IN"),
    "jakarta": Place("Jakarta", "JK", "10110", -6.1754, 106.8272, "jkt", "ID"),
    "bangalore": Place("Bengaluru", "KA", "560001", 12.9716, 77.5946, "blr", "IN"),
    # South America, Middle East, Africa
    "sao-paulo": Place("São Paulo", "SP", "01310-100", -23.5614, -46.6559, "sao", "BR"),
    "manama": Place("Manama", "13", "", 26.2285, 50.5860, "bah", "BH"),
    "cape-town": Place("Cape Town", "WC", "8001", -33.9249, 18.4241, "cpt", "ZA"),
    "johannesburg": Place("Johannesburg", "GP", "2001", -26.2041, 28.0473, "jnb", "ZA"),
}

PLACES: Final[tuple[Place, ...]] = (*US_PLACES, *WORLD_PLACES.values())

# Lookups. Part 4 zips are unique; world places are addressed by their key.
BY_ZIP: Final[dict[str, Place]] = {place.zip: place for place in US_PLACES}


def place(key: str) -> Place:
    """A place by US zip (Part 4) or world-place key ("frankfurt", "tokyo", ...)."""
    found = BY_ZIP.get(key) or WORLD_PLACES.get(key)
    if found is None:
        raise KeyError(key)
    return found


EARTH_RADIUS_KM: Final = 6371.0088


def haversine_km(a: Place, b: Place) -> float:
    """Great-circle distance between two places, in km."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


# Pairwise distances, memoised on first use (at most ~100 x 100 floats). Keyed by the places
# themselves; routes read it only when a route is built.
_KM: Final[dict[tuple[Place, Place], float]] = {}


def km(a: Place, b: Place) -> float:
    """Great-circle distance in km (memoised)."""
    found = _KM.get((a, b))
    if found is None:
        found = _KM[a, b] = haversine_km(a, b)
    return found


# Interconnection hubs where backbone, transit and cloud peering hops concentrate
# (realism.md Part 1 §7 and R24), keyed by metro group and placed at the carrier hotel. The US
# ones are Part 4 triples; the rest are the big exchange metros of each region [infer].
US_HUBS: Final[tuple[tuple[str, Place], ...]] = (
    ("dc", BY_ZIP["20147"]),  # Ashburn, the largest US interconnect hub
    ("nyc", BY_ZIP["10013"]),  # 60 Hudson area
    ("chi", BY_ZIP["60616"]),  # 350 E Cermak
    ("dfw", BY_ZIP["75207"]),  # Infomart area
    ("lax", BY_ZIP["90017"]),  # One Wilshire / 600 W 7th
    ("bay", BY_ZIP["95134"]),  # San Jose
    ("sea", BY_ZIP["98121"]),  # Westin Building
    ("atl", BY_ZIP["30303"]),  # 56 Marietta
    ("mia", BY_ZIP["33131"]),
    ("den", BY_ZIP["80202"]),
)
WORLD_HUBS: Final[tuple[tuple[str, Place], ...]] = tuple(
    (WORLD_PLACES[key].metro, WORLD_PLACES[key])
    for key in (
        "montreal", "toronto", "frankfurt", "amsterdam", "london", "paris", "stockholm", "milan",
        "dublin", "tokyo", "osaka", "seoul", "singapore", "hong-kong", "sydney", "mumbai",
        "jakarta", "sao-paulo", "manama", "johannesburg",
    )
)  # fmt: skip
HUBS: Final[dict[str, Place]] = dict((*US_HUBS, *WORLD_HUBS))


def nearest_in_country(origin: Place, candidates: dict[str, Place]) -> str:
    """Key of the candidate nearest `origin`, preferring candidates in the same country.

    Traffic stays in-country when it can (anycast and peering land on the nearest in-country
    site); only a country without any candidate looks abroad.
    """
    local = {k: p for k, p in candidates.items() if p.country == origin.country}
    pool = local or candidates
    return min(pool, key=lambda k: km(origin, pool[k]))


NEAREST_HUB: Final[dict[Place, Place]] = {p: HUBS[nearest_in_country(p, HUBS)] for p in PLACES}


def nearest_hub(origin: Place) -> Place:
    """The interconnection hub nearest `origin` (in its country when it has one)."""
    found = NEAREST_HUB.get(origin)
    return HUBS[nearest_in_country(origin, HUBS)] if found is None else found
