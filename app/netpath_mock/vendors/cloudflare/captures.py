"""Remote-capture artifacts: the ZIP a SUCCESS command's `filename` downloads as.

Pure functions of (seed, command): the same command gives byte-identical archives in every
process. Entries are STORED (not deflated), with fixed timestamps and attributes, because
deflate output may differ between zlib builds while stored bytes cannot.

- pcap: two libpcap files, as a real capture holds (universe doc §3.4): the device's default
  interface (Ethernet, the WARP tunnel's encrypted UDP to Cloudflare plus the LAN's DNS) and the
  WARP tunnel interface (raw IP: DNS to Gateway, TCP/TLS handshakes, ICMP echoes), each packet cut
  to the command's `packet-size-bytes`.
- warp-diag: the text files of a WARP diagnostic bundle (status, settings, account, network,
  connectivity checks, daemon log; route checks when `test-all-routes`). The file set follows
  common warp-diag bundles (low confidence on exact names).
- speed-test: one JSON summary per requested interface.
"""

from __future__ import annotations

import io
import random
import struct
import time
import zipfile
from collections.abc import Iterator

import orjson

from netpath_mock.core.seeding import rng_for

VENDOR = "cloudflare"
US = 1_000_000
LINKTYPE_ETHERNET = 1
LINKTYPE_RAW = 101
# Addresses the WARP client really uses: its tunnel interface is 172.16.0.2 and the WARP
# endpoints are in 162.159.192.0/22 (ports 2408 WireGuard, 443 MASQUE); Gateway DNS resolves
# at 172.64.36.1/2.
TUNNEL_IP = "172.16.0.2"
WARP_ENDPOINTS = ("162.159.192.1", "162.159.193.1", "162.159.195.1")
GATEWAY_DNS = "172.64.36.1"
APP_HOSTS = (
    ("dash.cloudflare.com", "104.16.124.96"),
    ("login.microsoftonline.com", "20.190.151.68"),
    ("app.datadoghq.com", "3.233.148.142"),
    ("id.atlassian.com", "104.192.142.20"),
    ("slack.com", "34.226.36.47"),
)


def _ip(text: str) -> bytes:
    return bytes(int(part) for part in text.split("."))


def _checksum(data: bytes) -> int:
    if len(data) % 2:
        data += b"\0"
    total: int = sum(struct.unpack(f"!{len(data) // 2}H", data))
    while total >> 16:
        total = (total & 0xFFFF) + (total >> 16)
    return ~total & 0xFFFF


def _ipv4(src: str, dst: str, proto: int, payload: bytes, ident: int, ttl: int = 64) -> bytes:
    header = struct.pack(
        "!BBHHHBBH4s4s", 0x45, 0, 20 + len(payload), ident & 0xFFFF, 0x4000, ttl, proto, 0,
        _ip(src), _ip(dst),
    )  # fmt: skip
    header = header[:10] + struct.pack("!H", _checksum(header)) + header[12:]
    return header + payload


def _pseudo(src: str, dst: str, proto: int, length: int) -> bytes:
    return _ip(src) + _ip(dst) + struct.pack("!BBH", 0, proto, length)


def _udp(src: str, dst: str, sport: int, dport: int, payload: bytes, ident: int) -> bytes:
    segment = struct.pack("!HHHH", sport, dport, 8 + len(payload), 0) + payload
    checksum = _checksum(_pseudo(src, dst, 17, len(segment)) + segment) or 0xFFFF
    segment = segment[:6] + struct.pack("!H", checksum) + segment[8:]
    return _ipv4(src, dst, 17, segment, ident)


def _tcp(
    src: str, dst: str, ports: tuple[int, int], seq: int, ack: int, flags: int, payload: bytes,
    ident: int,
) -> bytes:  # fmt: skip
    segment = struct.pack("!HHIIBBHHH", ports[0], ports[1], seq, ack, 5 << 4, flags, 64240, 0, 0)
    segment += payload
    checksum = _checksum(_pseudo(src, dst, 6, len(segment)) + segment)
    segment = segment[:16] + struct.pack("!H", checksum) + segment[18:]
    return _ipv4(src, dst, 6, segment, ident)


def _icmp_echo(src: str, dst: str, kind: int, ident: int, seq: int) -> bytes:
    payload = bytes(range(0x10, 0x10 + 32))
    message = struct.pack("!BBHHH", kind, 0, 0, ident, seq) + payload
    message = message[:2] + struct.pack("!H", _checksum(message)) + message[4:]
    return _ipv4(src, dst, 1, message, ident + seq)


def _dns_query(rng: random.Random, name: str) -> tuple[int, bytes]:
    qid = rng.getrandbits(16)
    labels = b"".join(bytes([len(p)]) + p.encode() for p in name.split(".")) + b"\0"
    return qid, struct.pack("!HHHHHH", qid, 0x0100, 1, 0, 0, 0) + labels + struct.pack("!HH", 1, 1)


def _dns_answer(qid: int, query: bytes, address: str) -> bytes:
    answer = struct.pack("!HHHIH", 0xC00C, 1, 1, 300, 4) + _ip(address)
    return struct.pack("!HHHHHH", qid, 0x8180, 1, 1, 0, 0) + query[12:] + answer


def _pcap(packets: list[tuple[int, bytes]], snaplen: int, linktype: int) -> bytes:
    out = io.BytesIO()
    out.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, snaplen, linktype))
    for stamp_us, frame in packets:
        seconds, micros = divmod(stamp_us, US)
        kept = frame[:snaplen]
        out.write(struct.pack("<IIII", seconds, micros, len(kept), len(frame)))
        out.write(kept)
    return out.getvalue()


def _mac(rng: random.Random) -> bytes:
    return bytes([0x02 | (rng.getrandbits(8) & 0xFC)] + [rng.getrandbits(8) for _ in range(5)])


def _conversations(
    rng: random.Random, client: str, start_us: int, seconds: int
) -> Iterator[tuple[int, bytes]]:
    """Inner (tunnel) traffic: DNS lookups, TCP + TLS handshakes and pings, in time order."""
    now = start_us
    ident = rng.getrandbits(16)
    span = max(1, seconds) * US
    while now < start_us + span:
        host, address = rng.choice(APP_HOSTS)
        qid, query = _dns_query(rng, host)
        sport = rng.randrange(49152, 65535)
        yield now, _udp(client, GATEWAY_DNS, sport, 53, query, ident)
        now += rng.randrange(4_000, 30_000)
        yield now, _udp(GATEWAY_DNS, client, 53, sport, _dns_answer(qid, query, address), ident)
        ident += 1
        port = rng.randrange(49152, 65535)
        seq, peer = rng.getrandbits(32), rng.getrandbits(32)
        rtt = rng.randrange(8_000, 60_000)
        now += 1_000
        yield now, _tcp(client, address, (port, 443), seq, 0, 0x02, b"", ident)
        now += rtt
        yield now, _tcp(address, client, (443, port), peer, seq + 1, 0x12, b"", ident + 1)
        now += 300
        yield now, _tcp(client, address, (port, 443), seq + 1, peer + 1, 0x10, b"", ident + 2)
        hello = b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03" + rng.randbytes(505)
        yield (
            now + 200,
            _tcp(client, address, (port, 443), seq + 1, peer + 1, 0x18, hello, ident + 3),
        )
        now += rtt
        reply = b"\x16\x03\x03\x00\x7a\x02" + rng.randbytes(600)
        yield now, _tcp(address, client, (443, port), peer + 1, seq + 518, 0x18, reply, ident + 4)
        ident += 5
        if rng.random() < 0.3:
            yield now + 5_000, _icmp_echo(client, "1.1.1.1", 8, ident, 1)
            yield now + 5_000 + rtt // 2, _icmp_echo("1.1.1.1", client, 0, ident, 1)
        now += rng.randrange(200_000, 2_000_000)


def pcap_files(
    seed: int, command_id: str, lan_ip: str, gateway_ip: str, start_us: int, args: dict[str, str]
) -> list[tuple[str, bytes]]:
    """The default-interface and tunnel captures of one pcap command."""
    rng = rng_for(seed, VENDOR, "pcap", command_id)
    snaplen = int(float(args.get("packet-size-bytes", "160")))
    # Keep the archive small whatever the time limit: a few seconds of traffic stand for it.
    seconds = min(8, int(float(args.get("time-limit-min", "5"))) * 2)
    inner = list(_conversations(rng, TUNNEL_IP, start_us, seconds))
    endpoint = rng.choice(WARP_ENDPOINTS)
    port = rng.choice((2408, 443))
    device_mac, gateway_mac = _mac(rng), _mac(rng)
    sport = rng.randrange(49152, 65535)
    outer = []
    for position, (stamp, packet) in enumerate(inner):
        outbound = packet[12:16] == _ip(TUNNEL_IP)
        overhead = rng.randbytes(32 if port == 2408 else 24)
        if port == 2408:  # WireGuard transport data: type 4, receiver index, counter
            overhead = b"\x04\0\0\0" + overhead[4:]
        payload = overhead + rng.randbytes(len(packet))
        if outbound:
            ip = _udp(lan_ip, endpoint, sport, port, payload, position)
            frame = gateway_mac + device_mac + b"\x08\x00" + ip
        else:
            ip = _udp(endpoint, lan_ip, port, sport, payload, position)
            frame = device_mac + gateway_mac + b"\x08\x00" + ip
        outer.append((stamp + 150, frame))
    # The LAN resolver still answers the WARP client's own lookup of its endpoint.
    _, query = _dns_query(rng, "engage.cloudflareclient.com")
    lookup = _udp(lan_ip, gateway_ip, rng.randrange(49152, 65535), 53, query, 7)
    outer.insert(0, (start_us - 20_000, gateway_mac + device_mac + b"\x08\x00" + lookup))
    return [
        ("default-interface.pcap", _pcap(outer, snaplen, LINKTYPE_ETHERNET)),
        ("warp-tunnel.pcap", _pcap(inner, snaplen, LINKTYPE_RAW)),
    ]


def _stamp(us: int) -> str:
    seconds, micros = divmod(us, US)
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(seconds)) + f".{micros:06d}Z"


def warp_diag_files(
    seed: int,
    command_id: str,
    *,
    device_name: str,
    platform: str,
    version: str,
    device_id: str,
    account_id: str,
    email: str,
    colo: str,
    lan_ip: str,
    gateway_ip: str,
    start_us: int,
    test_all_routes: bool,
) -> list[tuple[str, bytes]]:
    """The text files of one warp-diag bundle."""
    rng = rng_for(seed, VENDOR, "warp-diag", command_id)
    endpoint = rng.choice(WARP_ENDPOINTS)
    protocol = rng.choice(("MASQUE", "WireGuard"))
    port = 443 if protocol == "MASQUE" else 2408
    files = [
        ("date.txt", f"{_stamp(start_us)}\n"),
        ("version.txt", f"{version}\n"),
        ("platform.txt", f"{platform}\n"),
        (
            "warp-status.txt",
            "Status update: Connected\nSuccess\n"
            f"Network: healthy\nProtocol: {protocol}\nEndpoint: {endpoint}:{port}\n",
        ),
        (
            "warp-settings.txt",
            "Merged configuration:\n"
            "(derived)  Mode: WarpWithDnsOverHttps\n"
            "(derived)  Always On: true\n"
            "(derived)  Switch Locked: false\n"
            "(derived)  Exclude mode, with hosts/ips:\n"
            "  10.0.0.0/8\n  100.64.0.0/10\n  169.254.0.0/16\n  172.16.0.0/12\n  192.168.0.0/16\n"
            f"(derived)  Tunnel protocol: {protocol}\n"
            "(derived)  Captive portal detection: 180s\n",
        ),
        (
            "warp-account.txt",
            "Account type: Team\n"
            f"Device ID: {device_id}\n"
            f"Account ID: {account_id}\n"
            f"Organization: {email.split('@')[1].split('.')[0]}\n"
            f"User: {email}\n",
        ),
        (
            "warp-network.txt",
            f"Device name: {device_name}\n"
            f"Default interface IPv4: {lan_ip}\nGateway IPv4: {gateway_ip}\n"
            f"Tunnel interface IPv4: {TUNNEL_IP}\nColo: {colo}\n",
        ),
        ("connectivity.txt", _connectivity(rng, colo)),
        ("daemon.log", _daemon_log(rng, start_us, endpoint, port, protocol, colo)),
    ]
    if test_all_routes:
        lines = [
            f"route get {address}: interface {'CloudflareWARP' if rng.random() < 0.8 else 'en0'}"
            for _, address in APP_HOSTS
        ]
        files.append(("route-checks.txt", "\n".join(lines) + "\n"))
    return [(name, content.encode()) for name, content in files]


def _connectivity(rng: random.Random, colo: str) -> str:
    checks = [
        ("engage.cloudflareclient.com", "DNS", rng.randrange(3, 40)),
        ("connectivity.cloudflareclient.com", "HTTPS", rng.randrange(10, 90)),
        ("1.1.1.1", "ICMP", rng.randrange(5, 60)),
    ]
    lines = [f"{host} {kind} ok {ms}ms" for host, kind, ms in checks]
    lines.append(f"cdn-cgi/trace: colo={colo} warp=on gateway=on")
    return "\n".join(lines) + "\n"


def _daemon_log(
    rng: random.Random, start_us: int, endpoint: str, port: int, protocol: str, colo: str
) -> str:
    events = [
        "INFO warp::warp_service: Starting WarpService",
        f"INFO warp::warp: Connecting to {endpoint}:{port} using {protocol}",
        "DEBUG warp::warp::tunnel: Handshake complete",
        f"INFO warp::warp_service: Connected to colo {colo}",
        "DEBUG warp::dns: DNS over HTTPS resolver ready",
        "INFO warp::dex: Running scheduled DEX tests",
        "INFO warp::warp_service::ipc_handlers: Remote command received: warp-diag",
    ]
    now = start_us - 3600 * US
    lines = []
    for event in events:
        now += rng.randrange(1, 600) * US + rng.randrange(US)
        lines.append(f"{_stamp(now)} {event}")
    return "\n".join(lines) + "\n"


def speed_test_files(
    seed: int, command_id: str, interfaces: list[str], start_us: int
) -> list[tuple[str, bytes]]:
    """One JSON summary per interface of a speed-test command."""
    rng = rng_for(seed, VENDOR, "speed-test", command_id)
    result = {
        "timestamp": _stamp(start_us),
        "results": [
            {
                "interface": name,
                "downloadMbps": round(rng.uniform(40, 900), 1),
                "uploadMbps": round(rng.uniform(10, 300), 1),
                "latencyMs": rng.randrange(5, 60),
                "jitterMs": round(rng.uniform(0.3, 8), 1),
            }
            for name in interfaces
        ],
    }
    return [("speed-test.json", orjson.dumps(result, option=orjson.OPT_INDENT_2) + b"\n")]


def build_zip(files: list[tuple[str, bytes]], modified_us: int) -> bytes:
    """A deterministic ZIP of `files` (stored, fixed metadata)."""
    t = time.gmtime(modified_us // US)
    date_time = (max(1980, t.tm_year), t.tm_mon, t.tm_mday, t.tm_hour, t.tm_min, t.tm_sec & ~1)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_STORED) as archive:
        for name, content in files:
            info = zipfile.ZipInfo(name, date_time)
            info.compress_type = zipfile.ZIP_STORED
            info.create_system = 3  # Unix, whatever system writes it
            info.external_attr = 0o100644 << 16
            archive.writestr(info, content)
    return out.getvalue()
