"""Datadog's section of the credentials file: org API keys and application keys."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, Field, SecretStr

from netpath_mock.core.credentials import StrictModel, permission_name

# The permissions of the served Synthetics operations (x-permission in the Datadog contracts);
# others may be listed to test a key without them, if they read like Datadog's: snake_case
# ("dashboards_read").
KNOWN_PERMISSIONS = frozenset(
    {
        "synthetics_read",
        "synthetics_write",
        "synthetics_create_edit_trigger",
        "synthetics_private_location_read",
        "synthetics_private_location_write",
        "synthetics_default_settings_read",
        "synthetics_default_settings_write",
        "synthetics_global_variable_read",
        "synthetics_global_variable_write",
    }
)
_PERMISSION_SHAPE = re.compile(r"[a-z][a-z0-9_]{1,80}")


def _permission(value: str) -> str:
    return permission_name(
        value, KNOWN_PERMISSIONS, _PERMISSION_SHAPE, "Datadog (e.g. 'dashboards_read')"
    )


Permission = Annotated[str, AfterValidator(_permission)]


class DatadogApplicationKey(StrictModel):
    """An application key and the permissions of its user."""

    key: SecretStr = Field(min_length=1)
    permissions: list[Permission] = Field(default_factory=lambda: ["synthetics_read"])


class DatadogCredentials(StrictModel):
    """Datadog's part of the file: org API keys and application keys."""

    api_keys: list[SecretStr] = Field(default_factory=list)
    application_keys: list[DatadogApplicationKey] = Field(default_factory=list)
