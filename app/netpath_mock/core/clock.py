"""Per-session simulated clocks: write times that are a function of the request sequence.

The universe's clock is fixed at the settings' epoch, so what a session writes cannot take its
time from the host (two runs of the same requests would differ, and the host's date has nothing
to do with the universe's). A session's simulated clock starts at the epoch and a vendor moves it
a fixed step forward on each request to one of its write operations; a timestamp is then a
function of (epoch, number of writes so far), whatever the host's date or the session's name.
Rate limits are the one thing that keeps the real clock (MockState.clock): they measure real
requests per real second.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from netpath_mock.core import codec

US = 1_000_000
# The session store the clocks live in, one per vendor (Session.clock).
CLOCK_STORE = "clocks"


def simulated_us(epoch: datetime, ticks: int, step_seconds: int) -> int:
    """Unix microseconds `ticks` steps of `step_seconds` after `epoch` (its whole second)."""
    return int(epoch.timestamp()) * US + ticks * step_seconds * US


@dataclass(slots=True)
class SessionClock:
    """One vendor's simulated clock in one session: the epoch plus `ticks` steps."""

    epoch: datetime
    step_seconds: int
    ticks: int = 0

    def tick(self) -> int:
        """Advance one step; the new now, in Unix microseconds."""
        self.ticks += 1
        return self.now_us()

    def now_us(self) -> int:
        """The clock's now, in Unix microseconds."""
        return simulated_us(self.epoch, self.ticks, self.step_seconds)


codec.register(SessionClock)
