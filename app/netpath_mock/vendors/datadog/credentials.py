"""Datadog's section of the credentials file: org API keys and application keys."""

from __future__ import annotations

from pydantic import Field, SecretStr

from netpath_mock.core.credentials import StrictModel


class DatadogApplicationKey(StrictModel):
    """An application key and the permissions of its user."""

    key: SecretStr = Field(min_length=1)
    permissions: list[str] = Field(default_factory=lambda: ["synthetics_read"])


class DatadogCredentials(StrictModel):
    """Datadog's part of the file: org API keys and application keys."""

    api_keys: list[SecretStr] = Field(default_factory=list)
    application_keys: list[DatadogApplicationKey] = Field(default_factory=list)
