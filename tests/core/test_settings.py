"""Settings: MOCK_* environment variables, parsing and rejection of bad values."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from netpath_mock.core.settings import RateLimit, Settings, parse_latency, parse_rate_limit


def test_defaults() -> None:
    settings = Settings()
    assert settings.seed == 1234
    assert settings.cloudflare_rate_limit == RateLimit(1200, 300)
    assert settings.datadog_rate_limit == RateLimit(1000, 60)


def test_environment_prefix(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MOCK_SEED", "77")
    monkeypatch.setenv("MOCK_CLOUDFLARE_RATE_LIMIT", "5/60")
    monkeypatch.setenv("MOCK_DATADOG_RATE_LIMIT", " 10 / 1 ")
    monkeypatch.setenv("MOCK_LATENCY", "realistic")
    settings = Settings()
    assert settings.seed == 77
    assert settings.cloudflare_rate_limit == RateLimit(5, 60)
    assert settings.datadog_rate_limit == RateLimit(10, 1)
    assert settings.latency == "realistic"


@pytest.mark.parametrize("value", ["abc", "5", "5/0", "0/5", "-1/5", "5/60/1", ""])
def test_bad_rate_limits_are_rejected(value: str) -> None:
    with pytest.raises(ValueError, match="requests"):
        parse_rate_limit(value)


@pytest.mark.parametrize(("value", "parsed"), [("0", "0-0"), ("50", "50-50"), ("20-80", "20-80")])
def test_latency_values(value: str, parsed: str) -> None:
    assert parse_latency(value) == parsed


@pytest.mark.parametrize("value", ["-5", "80-20", "fast", "99999999"])
def test_bad_latency_is_rejected(value: str) -> None:
    with pytest.raises(ValueError, match=r"latency|milliseconds"):
        parse_latency(value)


@pytest.mark.parametrize(
    ("field", "value"),
    [("seed", -1), ("fault_rate", 1.5), ("journal_size", -1), ("fixtures_dir", "/no/such/dir")],
)
def test_bad_settings_are_rejected(field: str, value: object) -> None:
    with pytest.raises(ValidationError) as caught:
        Settings(**{field: value})
    assert field in str(caught.value)
