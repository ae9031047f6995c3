"""Remote-capture archives: valid ZIPs holding valid pcap files, byte-identical per command."""

from __future__ import annotations

import io
import struct
import zipfile
from dataclasses import replace

import orjson

from netpath_mock.vendors.cloudflare import captures
from netpath_mock.vendors.cloudflare.commands import CommandRec, artifact, command_history
from tests.vendors.cloudflare.dex_state import DOC_ACCOUNT, make_state


def history() -> tuple[CommandRec, ...]:
    state = make_state()
    return command_history(state.seed, DOC_ACCOUNT, state.settings.epoch)


def archive_of(command: CommandRec, seed: int = 1234) -> zipfile.ZipFile:
    state = make_state(seed)
    data = artifact(seed, DOC_ACCOUNT, state.settings.epoch, command)
    return zipfile.ZipFile(io.BytesIO(data))


def ones_complement_ok(header: bytes) -> bool:
    total = sum(struct.unpack(f"!{len(header) // 2}H", header))
    while total >> 16:
        total = (total & 0xFFFF) + (total >> 16)
    return total == 0xFFFF


def read_pcap(data: bytes) -> tuple[int, int, list[tuple[float, bytes, int]]]:
    magic, major, minor, _, _, snaplen, linktype = struct.unpack("<IHHiIII", data[:24])
    assert (magic, major, minor) == (0xA1B2C3D4, 2, 4)
    packets, offset = [], 24
    while offset < len(data):
        seconds, micros, kept, original = struct.unpack("<IIII", data[offset : offset + 16])
        assert micros < 1_000_000 and kept <= snaplen and kept <= original
        frame = data[offset + 16 : offset + 16 + kept]
        assert len(frame) == kept
        packets.append((seconds + micros / 1e6, frame, original))
        offset += 16 + kept
    return snaplen, linktype, packets


def test_every_success_archive_is_a_valid_zip() -> None:
    done = [c for c in history() if c.outcome == "SUCCESS"]
    assert {c.type for c in done} >= {"pcap", "warp-diag"}
    for command in done:
        archive = archive_of(command)
        assert archive.testzip() is None and archive.namelist()


def test_archives_are_byte_identical_per_command_and_seed() -> None:
    command = next(c for c in history() if c.type == "warp-diag" and c.outcome == "SUCCESS")
    state = make_state()
    first = artifact(state.seed, DOC_ACCOUNT, state.settings.epoch, command)
    artifact.cache_clear()
    assert artifact(state.seed, DOC_ACCOUNT, state.settings.epoch, command) == first
    other = replace(command, command_id="00000000-0000-4000-8000-000000000001")
    assert artifact(state.seed, DOC_ACCOUNT, state.settings.epoch, other) != first
    assert artifact(99, DOC_ACCOUNT, state.settings.epoch, command) != first


def test_pcap_archive_holds_two_valid_captures() -> None:
    command = next(c for c in history() if c.type == "pcap" and c.outcome == "SUCCESS")
    archive = archive_of(command)
    default = read_pcap(archive.read("default-interface.pcap"))
    tunnel = read_pcap(archive.read("warp-tunnel.pcap"))
    assert default[1] == captures.LINKTYPE_ETHERNET and tunnel[1] == captures.LINKTYPE_RAW
    for snaplen, linktype, packets in (default, tunnel):
        assert snaplen == int(dict(command.args)["packet-size-bytes"])
        assert len(packets) >= 6
        stamps = [p[0] for p in packets]
        assert stamps == sorted(stamps)
        for _, frame, original in packets:
            ip = frame[14:] if linktype == captures.LINKTYPE_ETHERNET else frame
            assert ip[0] == 0x45 and ones_complement_ok(ip[:20])
            assert struct.unpack("!H", ip[2:4])[0] == original - (len(frame) - len(ip))
    # Some packets are longer than the snap length and were cut to it, as a real capture does.
    assert any(original > len(frame) for _, frame, original in tunnel[2])


def test_warp_diag_names_the_device_and_account() -> None:
    command = next(c for c in history() if c.type == "warp-diag" and c.outcome == "SUCCESS")
    archive = archive_of(command)
    names = set(archive.namelist())
    assert {"warp-status.txt", "warp-settings.txt", "warp-account.txt", "daemon.log"} <= names
    account = archive.read("warp-account.txt").decode()
    assert command.device_id in account and DOC_ACCOUNT in account and command.user_email in account
    assert ("route-checks.txt" in names) == (dict(command.args)["test-all-routes"] == "true")


def test_speed_test_archive_reports_each_interface() -> None:
    files = captures.speed_test_files(1, "c", ["default", "tunnel"], 0)
    document = orjson.loads(dict(files)["speed-test.json"])
    assert [r["interface"] for r in document["results"]] == ["default", "tunnel"]
    assert all(r["downloadMbps"] > 0 and r["uploadMbps"] > 0 for r in document["results"])
