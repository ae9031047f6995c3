"""Cloudflare colos (IATA code -> place) and the colo anycast lands on from a place.

North American colos are from realism.md Part 1 §7 (Cloudflare status page), each placed at its
Part 4 triple; colos without a verified triple (BUF, HNL, MFE, MEM, MGM, ORF, TLH) are left out
so every US Cloudflare hop location stays a verified triple (R24). Colos elsewhere are the
Cloudflare data centres of the metros where cloud regions and agents run (the status page lists
them by IATA code); their places are the metro's [infer] place (see `places`).
"""

from __future__ import annotations

from typing import Final

from netpath_mock.netmodel.places import BY_ZIP, WORLD_PLACES, Place, km, nearest_in_country

# Order matters: a colo's index seeds its routes (keep the US list first and unchanged).
US_COLOS: Final[tuple[tuple[str, str], ...]] = (
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
WORLD_COLOS: Final[tuple[tuple[str, str], ...]] = (
    ("YUL", "montreal"),
    ("YYZ", "toronto"),
    ("FRA", "frankfurt"),
    ("AMS", "amsterdam"),
    ("LHR", "london"),
    ("CDG", "paris"),
    ("DUB", "dublin"),
    ("ARN", "stockholm"),
    ("MXP", "milan"),
    ("MUC", "munich"),
    ("TXL", "berlin"),
    ("NRT", "tokyo"),
    ("KIX", "osaka"),
    ("ICN", "seoul"),
    ("SIN", "singapore"),
    ("HKG", "hong-kong"),
    ("SYD", "sydney"),
    ("BOM", "mumbai"),
    ("CGK", "jakarta"),
    ("GRU", "sao-paulo"),
    ("BAH", "manama"),
    ("CPT", "cape-town"),
    ("JNB", "johannesburg"),
)

COLO_PLACE: Final[dict[str, Place]] = {
    **{code: BY_ZIP[zip_] for code, zip_ in US_COLOS},
    **{code: WORLD_PLACES[key] for code, key in WORLD_COLOS},
}
COLO_INDEX: Final[dict[str, int]] = {code: i for i, code in enumerate(COLO_PLACE)}


def colos_by_distance(origin: Place) -> tuple[str, ...]:
    """Colo codes from nearest to farthest, in `origin`'s country first when it has colos."""
    local = [c for c, p in COLO_PLACE.items() if p.country == origin.country]
    pool = local or list(COLO_PLACE)
    return tuple(sorted(pool, key=lambda code: km(origin, COLO_PLACE[code])))


def nearest_colos(origin: Place) -> tuple[str, str]:
    """The colo anycast normally lands on from `origin` (R24), and the second-nearest."""
    found = _NEAREST.get(origin)
    if found is None:
        ordered = colos_by_distance(origin)
        found = (ordered[0], ordered[1] if len(ordered) > 1 else ordered[0])
    return found


_NEAREST: Final[dict[Place, tuple[str, str]]] = {}
for _place in (*BY_ZIP.values(), *WORLD_PLACES.values()):
    _ordered = colos_by_distance(_place)
    _NEAREST[_place] = (_ordered[0], _ordered[1] if len(_ordered) > 1 else _ordered[0])


def nearest_colo_code(origin: Place) -> str:
    """IATA code of the colo nearest `origin` (same-country first)."""
    return nearest_in_country(origin, COLO_PLACE)
