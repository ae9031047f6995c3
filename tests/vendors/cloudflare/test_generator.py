"""Interface, determinism and speed of the Cloudflare DEX traceroute generator."""

from __future__ import annotations

import ipaddress
import random
import re

from netpath_mock.vendors.cloudflare.generator import (
    DeviceProfile,
    PathRun,
    TracerouteTestProfile,
    device_profile,
    network_path,
    traceroute_test_profile,
)
from tests.netmodel.reference import COLO_ZIP, NETS, PART4

HOSTNAME = re.compile(r"^(?=.{1,253}$)([a-z0-9-]{1,63}\.)+[a-z]{2,63}$")
INTERVAL = re.compile(r"^(\d+)h(\d+)m0s$")


def make_devices(n: int) -> list[DeviceProfile]:
    return [device_profile(random.Random(f"device:{i}")) for i in range(n)]


def make_tests(n: int) -> list[TracerouteTestProfile]:
    return [traceroute_test_profile(random.Random(f"test:{i}")) for i in range(n)]


def test_device_profile_fields() -> None:
    for device in make_devices(300):
        assert device.platform in ("windows", "mac", "android", "chromeos")
        assert device.name and device.name.isascii() and " " not in device.name
        assert (device.home.city, device.home.state, device.home.zip) in PART4
        assert device.tunnel_type in ("masque", "wireguard", "http2", None)
        assert device.colo in COLO_ZIP and device.alt_colo in COLO_ZIP
        assert device.colo != device.alt_colo
        assert 1 <= len(device.lan) <= 3
        for ip, _ in device.lan:
            assert ipaddress.ip_address(ip).is_private
        assert device.aso and device.asn > 0


def test_device_names_look_like_their_platform() -> None:
    by_platform: dict[str, list[str]] = {}
    for device in make_devices(600):
        by_platform.setdefault(device.platform, []).append(device.name)
    assert any(n.startswith(("DESKTOP-", "LAPTOP-")) for n in by_platform["windows"])
    assert any("MacBook" in n or n.endswith(("-mbp", "-mba")) for n in by_platform["mac"])
    assert any(n.startswith(("Pixel", "Galaxy", "SM-")) for n in by_platform["android"])
    assert any("hromebook" in n for n in by_platform["chromeos"])
    names = [n for group in by_platform.values() for n in group]
    assert len(set(names)) >= 0.9 * len(names)


def test_traceroute_test_profile_fields() -> None:
    for test in make_tests(200):
        m = INTERVAL.match(test.interval)
        assert m, test.interval
        minutes = int(m.group(1)) * 60 + int(m.group(2))
        assert 5 <= minutes <= 60  # DEX test frequency range
        assert test.kind in ("cf-edge", "app")
        assert test.name
        try:
            ipaddress.ip_address(test.host)
        except ValueError:
            assert HOSTNAME.match(test.host), test.host


def test_targets_resolve_into_their_network() -> None:
    device = device_profile(random.Random("resolver"))
    for i, test in enumerate(make_tests(60)):
        run = network_path(random.Random(i), device, test)
        assert any(ipaddress.ip_address(run.target_ip) in net for net in NETS[test.target_asn])
        if test.kind == "cf-edge":
            assert test.target_asn == 13335


def test_profiles_are_deterministic() -> None:
    assert device_profile(random.Random(7)) == device_profile(random.Random(7))
    assert device_profile(random.Random(7)) != device_profile(random.Random(8))
    assert traceroute_test_profile(random.Random(7)) == traceroute_test_profile(random.Random(7))


def test_network_path_uses_only_the_given_rng() -> None:
    device = device_profile(random.Random(1))
    test = traceroute_test_profile(random.Random(2))
    random.seed(123)
    state = random.getstate()
    first = network_path(random.Random(3), device, test)
    assert random.getstate() == state  # the module-level generator is never touched
    random.seed(456)
    assert network_path(random.Random(3), device, test) == first


def test_route_is_stable_across_runs() -> None:
    device = device_profile(random.Random("stable"))
    test = traceroute_test_profile(random.Random("stable-test"))
    runs = [network_path(random.Random(k), device, test) for k in range(40)]
    main = [r for r in runs if r.colo == device.colo]
    assert len(main) >= 30
    # Named routers (rDNS) are the same every run; RTTs differ.
    names = {tuple(h["name"] for h in r.hops if h["ipAddress"] and h["name"]) for r in main}
    assert len(names) <= 3
    assert len({tuple(h["rttMs"] for h in r.hops) for r in main}) > len(main) // 2


def test_hop_dicts_are_independent() -> None:
    device = device_profile(random.Random(11))
    test = traceroute_test_profile(random.Random(12))
    a = network_path(random.Random(1), device, test)
    located = [h for h in a.hops if h["location"] is not None]
    assert located
    located[0]["location"]["city"] = "Mutated"  # type: ignore[index]
    b = network_path(random.Random(1), device, test)
    assert all(h["location"] is None or h["location"]["city"] != "Mutated" for h in b.hops)  # type: ignore[index]


def test_path_run_fields() -> None:
    run = network_path(
        random.Random(5),
        device_profile(random.Random(5)),
        traceroute_test_profile(random.Random(5)),
    )
    assert isinstance(run, PathRun)
    assert run.colo in COLO_ZIP
    assert run.execution_context in ("IN_TUNNEL", "OUT_OF_TUNNEL")
