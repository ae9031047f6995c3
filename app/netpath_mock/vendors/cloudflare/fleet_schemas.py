"""Wire models of the DEX fleet operations, named like the official SDK's types.

They document the 200 answers in the generated OpenAPI and let the tests hold the services'
bytes to an exact shape (extra="forbid"); the services build plain dicts of this shape. Field
names follow the SDK 5.9.0 types (`DeviceListResponse`, `FleetStatusLiveResponse`,
`FleetStatusOverTimeResponse`, `ISPs`, `ColoListResponse`, `WARPChangeEventGetResponse`).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from netpath_mock.vendors.cloudflare.schemas import CamelModel, ResponseInfo


class _Wire(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class IpLocation(_Wire):
    """Where an address is; every field is "REDACTED" without the PII permission."""

    city: str | None = None
    country_iso: str | None = None
    state_iso: str | None = None
    zip: str | None = None


class IpInfo(_Wire):
    """An address with its network (`ispIpv4`, an ISP entry's `ip`); version 1 is IPv4."""

    address: str | None = None
    asn: int | None = None
    aso: str | None = None
    location: IpLocation | None = None
    name: str | None = None
    netmask: str | None = None
    version: int | None = None


class FleetDevice(CamelModel):
    """One row of fleet-status/devices, and the bare body of devices/{id}/fleet-status/live."""

    colo: str
    device_id: str
    device_name: str | None = None
    mode: str
    person_email: str | None = None
    platform: str
    registration_id: str | None = None
    status: Literal["connected", "disconnected", "paused", "connecting"]
    timestamp: str
    version: str
    always_on: bool | None = None
    battery_charging: bool | None = None
    battery_cycles: int | None = None
    battery_pct: float | None = None
    connection_type: Literal["wifi", "ethernet", "cellular"] | None = None
    cpu_pct: float | None = None
    device_ipv4: IpInfo | None = Field(default=None, alias="deviceIpv4")
    device_registration: str | None = None
    disk_usage_pct: float | None = None
    firewall_enabled: bool | None = None
    gateway_ipv4: IpInfo | None = Field(default=None, alias="gatewayIpv4")
    handshake_latency_ms: float | None = None
    isp_ipv4: IpInfo | None = Field(default=None, alias="ispIpv4")
    network_ssid: str | None = None
    ram_used_pct: float | None = None
    switch_locked: bool | None = None
    tunnel_type: str | None = None
    wifi_strength_dbm: int | None = None


class ResultInfo(_Wire):
    """Paging of a collection: `count` is the number of items on this page."""

    count: int
    page: int
    per_page: int
    total_count: int


class _Envelope(_Wire):
    errors: list[ResponseInfo]
    messages: list[ResponseInfo]
    success: Literal[True]


class FleetDevicesEnvelope(_Envelope):
    """GET fleet-status/devices."""

    result: list[FleetDevice]
    result_info: ResultInfo


class LiveStat(CamelModel):
    """How many devices have one value of a dimension."""

    unique_devices_total: int
    value: str


class LiveDeviceStats(CamelModel):
    """Each dimension's list sums to uniqueDevicesTotal (every device counts once)."""

    by_colo: list[LiveStat]
    by_mode: list[LiveStat]
    by_platform: list[LiveStat]
    by_status: list[LiveStat]
    by_version: list[LiveStat]
    unique_devices_total: int


class FleetLive(CamelModel):
    """`result` of GET fleet-status/live."""

    device_stats: LiveDeviceStats


class FleetLiveEnvelope(_Envelope):
    """GET fleet-status/live."""

    result: FleetLive


class AggregateStat(CamelModel):
    """Devices with one value in one hourly bucket (labelled by its start)."""

    timestamp: str
    unique_devices_total: int
    value: str


class OverTimeDeviceStats(CamelModel):
    """Hourly counts by mode and by status; the total counts devices seen in the window."""

    by_mode: list[AggregateStat]
    by_status: list[AggregateStat]
    unique_devices_total: int


class FleetOverTime(CamelModel):
    """`result` of GET fleet-status/over-time."""

    device_stats: OverTimeDeviceStats


class FleetOverTimeEnvelope(_Envelope):
    """GET fleet-status/over-time."""

    result: FleetOverTime


class MetricPoint(_Wire):
    """One bucket of a device metric."""

    timestamp: str
    value: float | int | str


class TopNetwork(_Wire):
    """A network (Wi-Fi SSID) the device reported from, with its number of reports."""

    name: str
    count: int


class DeviceOverTime(_Wire):
    """`result` of GET devices/{id}/fleet-status/over-time."""

    top_networks: list[TopNetwork]
    over_time: dict[str, list[MetricPoint]]


class DeviceOverTimeEnvelope(_Envelope):
    """GET devices/{id}/fleet-status/over-time."""

    result: DeviceOverTime


class Isp(_Wire):
    """The access network one traceroute run went through."""

    ip: IpInfo | None = None
    test_id: str
    test_result_id: str
    time_start: str


class Isps(_Wire):
    """`result` of GET devices/{id}/isps (an object, whatever the collection envelope says)."""

    isps: list[Isp]


class IspsEnvelope(_Envelope):
    """GET devices/{id}/isps."""

    result: Isps
    result_info: ResultInfo


class Colo(CamelModel):
    """A Cloudflare data centre."""

    airport_code: str
    city: str
    country_code: str


class ColosEnvelope(_Envelope):
    """GET colos (not paginated)."""

    result: list[Colo]


class WarpConfig(_Wire):
    """A WARP configuration of an organisation."""

    account_name: str
    account_tag: str
    config_name: str


class _WarpEvent(_Wire):
    device_id: str
    device_registration: str
    hostname: str
    registration_id: str
    serial_number: str
    timestamp: str
    user_email: str


class WarpToggleEvent(_WarpEvent):
    """The user switched WARP on or off."""

    account_name: str
    account_tag: str
    toggle: Literal["on", "off"]


class WarpConfigEvent(_WarpEvent):
    """The device moved between configurations (possibly of another organisation)."""

    from_: WarpConfig = Field(alias="from")
    to: WarpConfig


class WarpEventsEnvelope(_Envelope):
    """GET warp-change-events."""

    result: list[WarpToggleEvent | WarpConfigEvent]
    result_info: ResultInfo
