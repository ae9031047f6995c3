"""Run schedules: one source for intervals and run timestamps (netmodel.schedule)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from netpath_mock.netmodel import schedule
from netpath_mock.vendors.cloudflare import service, universe
from netpath_mock.vendors.cloudflare.generator import format_interval

SEED = 1234
EPOCH = 1_760_000_000


def test_served_tests_report_the_interval_their_runs_follow() -> None:
    for account in universe.catalog_accounts(SEED, 12):
        shape = universe.account_shape(SEED, account)
        for index, test in enumerate(service.account_tests(SEED, account)):
            minutes = shape.intervals_min[index]
            assert test.interval == format_interval(minutes)
            # Device 0's consecutive runs are exactly one interval apart.
            first = shape.run_timestamp(EPOCH, index, 0)
            second = shape.run_timestamp(EPOCH, index, shape.devices)
            assert first - second == minutes * 60
            assert EPOCH - minutes * 60 < first <= EPOCH


def test_interval_format() -> None:
    assert format_interval(5) == "0h5m0s"
    assert format_interval(30) == "0h30m0s"
    assert format_interval(60) == "1h0m0s"


@given(
    interval=st.integers(30, 86_400),
    key=st.text(min_size=1, max_size=12),
    slot=st.integers(0, 10_000),
)
def test_runs_count_back_from_the_epoch(interval: int, key: str, slot: int) -> None:
    offset = schedule.phase(interval, "seed", key)
    assert 0 <= offset < interval
    assert offset == schedule.phase(interval, "seed", key)  # stable
    start = schedule.run_start(EPOCH, interval, slot, offset)
    assert start <= EPOCH
    assert schedule.run_start(EPOCH, interval, slot + 1, offset) == start - interval
    assert schedule.slot_at(EPOCH, interval, offset, start) == slot
    # Until the next run starts, the newest run at that time is still this one.
    assert schedule.slot_at(EPOCH, interval, offset, start + interval - 1) == slot
    assert schedule.slot_at(EPOCH, interval, offset, start - 1) == slot + 1
    window = schedule.runs_between(EPOCH, interval, offset, start - interval, start)
    assert list(window) == [slot, slot + 1]


def test_slots_within_retention() -> None:
    week = 7 * 24 * 3600
    assert schedule.slots_within(week, 300) == 2016
    assert schedule.slots_within(week, 3600) == 168
    assert schedule.pick_interval(13, (5, 10, 15)) == 10
