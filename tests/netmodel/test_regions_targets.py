"""Cloud regions by id, and host names resolved to the networks that host them."""

from __future__ import annotations

from collections import Counter

import pytest

from netpath_mock.netmodel import regions, sources, targets
from tests.netmodel.reference import ALL_NETS, in_nets, is_private, km_between

# Datadog's 29 managed locations and the country (and US state) their names point at
# (datadog-contract-notes §9.1 ListLocations: "N. Virginia (AWS)", "Frankfurt (GCP)", ...).
MANAGED: dict[str, tuple[str, str]] = {
    "aws:af-south-1": ("ZA", ""), "aws:ap-east-1": ("HK", ""), "aws:ap-northeast-1": ("JP", ""),
    "aws:ap-northeast-2": ("KR", ""), "aws:ap-northeast-3": ("JP", ""),
    "aws:ap-south-1": ("IN", ""), "aws:ap-southeast-1": ("SG", ""),
    "aws:ap-southeast-2": ("AU", ""), "aws:ap-southeast-3": ("ID", ""),
    "aws:ca-central-1": ("CA", ""), "aws:eu-central-1": ("DE", ""), "aws:eu-north-1": ("SE", ""),
    "aws:eu-south-1": ("IT", ""), "aws:eu-west-1": ("IE", ""), "aws:eu-west-2": ("GB", ""),
    "aws:eu-west-3": ("FR", ""), "aws:me-south-1": ("BH", ""), "aws:sa-east-1": ("BR", ""),
    "aws:us-east-1": ("US", "VA"), "aws:us-east-2": ("US", "OH"), "aws:us-west-1": ("US", "CA"),
    "aws:us-west-2": ("US", "OR"), "azure:eastus": ("US", "VA"),
    "gcp:asia-northeast1": ("JP", ""), "gcp:europe-west3": ("DE", ""),
    "gcp:us-east4": ("US", "VA"), "gcp:us-south1": ("US", "TX"), "gcp:us-west1": ("US", "OR"),
    "gcp:us-west2": ("US", "CA"),
}  # fmt: skip


def test_every_managed_location_is_a_region_in_its_country() -> None:
    assert set(regions.DATADOG_MANAGED) == set(MANAGED)
    for rid, (country, state) in MANAGED.items():
        region = regions.get(rid)
        assert region.id == rid and rid == f"{region.provider}:{region.code}"
        assert region.place.country == country, rid
        if state:
            assert region.place.state == state, rid


def test_region_lookup_and_networks() -> None:
    assert regions.get("aws:eu-central-1").place.city == "Frankfurt am Main"
    assert regions.find("aws:mars-north-1") is None
    with pytest.raises(KeyError):
        regions.get("gcp:nowhere1")
    for region in regions.REGIONS.values():
        assert {"aws": 16509, "gcp": 396982, "azure": 8075}[region.provider] == region.asn
    # Regions of the three providers in the US, Europe and Asia-Pacific.
    seen = {(r.provider, r.place.country) for r in regions.REGIONS.values()}
    for provider in ("aws", "gcp", "azure"):
        assert {c for p, c in seen if p == provider} >= {"US", "DE", "JP"}


def test_cloud_sources_sit_in_their_region_with_a_near_colo() -> None:
    for rid in regions.REGIONS:
        source = sources.cloud(rid)
        assert source.place == regions.get(rid).place
        assert source.colo != source.alt_colo or source.place.country not in ("US", "DE", "JP")
    # Anycast lands in-country: Frankfurt -> FRA, Tokyo -> NRT, Ashburn -> IAD.
    assert sources.cloud("aws:eu-central-1").colo == "FRA"
    assert sources.cloud("gcp:asia-northeast1").colo == "NRT"
    assert sources.cloud("gcp:us-east4").colo == "IAD"


@pytest.mark.parametrize(
    ("host", "network", "asn", "kind"),
    [
        ("1.1.1.1", "cloudflare", 13335, "cf-edge"),
        ("dash.cloudflare.com", "cloudflare", 13335, "cf-edge"),
        ("my-site.pages.dev", "cloudflare", 13335, "cf-edge"),
        ("app.datadoghq.com", "aws", 16509, "app"),
        ("bucket.s3.eu-west-1.amazonaws.com", "aws", 16509, "app"),
        ("d1234abcd.cloudfront.net", "cloudfront", 16509, "app"),
        ("www.google.com", "google", 15169, "app"),
        ("myapp.westeurope.cloudapp.azure.com", "azure", 8075, "app"),
        ("teams.microsoft.com", "microsoft", 8075, "app"),
        ("media.akamaized.net", "akamai", 20940, "app"),
        ("pkg.fastly.net", "fastly", 54113, "app"),
        ("github.com", "github", 36459, "app"),
        ("www.apple.com", "apple", 714, "app"),
        ("10.20.30.40", "private", 0, "private"),
        ("52.28.1.2", "aws", 16509, "app"),
    ],
)
def test_resolve_known_hosts(host: str, network: str, asn: int, kind: str) -> None:
    target = targets.resolve(host, 443)
    assert (target.network, target.asn, target.kind, target.port) == (network, asn, kind, 443)
    for address in target.ips:
        if kind == "private":
            assert is_private(address)
        else:
            assert in_nets(address, ALL_NETS[asn]), (host, address)


def test_unattributed_addresses_keep_their_literal() -> None:
    target = targets.resolve("203.0.113.10", 443)
    assert target.network == "other" and target.ips == ("203.0.113.10",)
    assert target.asn == 0 and target.kind == "app"
    assert targets.resolve("52.28.1.2").region == "aws:eu-central-1"


def test_region_names_place_the_target() -> None:
    target = targets.resolve("bucket.s3.eu-west-1.amazonaws.com")
    assert target.region == "aws:eu-west-1"
    assert target.place is not None and target.place.country == "IE"
    azure = targets.resolve("myapp.westeurope.cloudapp.azure.com")
    assert azure.place is not None and azure.place.country == "NL"
    assert targets.resolve("www.google.com").place is None  # answers from the nearest PoP


def test_resolution_is_deterministic_and_spread() -> None:
    names = [f"svc{i}.customer{i % 37}.example.com" for i in range(400)]
    first = [targets.resolve(n) for n in names]
    # resolve() is cached: without a cold cache the second pass would return the same objects.
    targets._resolve.cache_clear()
    again = [targets.resolve(n) for n in names]
    assert all(a is not b for a, b in zip(first, again, strict=True))
    assert first == again
    assert targets.resolve("x.example.com", 443).port == 443
    assert targets.resolve("x.example.com").port is None
    networks = Counter(t.network for t in first)
    assert len(networks) >= 6
    assert networks.most_common(1)[0][0] == "aws"  # most SaaS runs in AWS
    for t in first:
        assert 1 <= len(t.ips) <= 2
        for address in t.ips:
            assert in_nets(address, ALL_NETS[t.asn]), (t.host, address)
        if t.place is not None:  # a hosted target sits in a real region
            assert km_between((t.place.lat, t.place.lon), (0.0, 0.0)) > 1000
