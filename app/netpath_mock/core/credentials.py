"""Strict-mode credentials: the documented JSON file that lists who may authenticate.

Without a file every well-formed credential is accepted (so vendor doc examples work untouched).
With one, only the listed credentials authenticate. Each vendor declares its section's model
(VendorSpec.credentials_model, in vendors/<v>/credentials.py); this module reads the file.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from pathlib import Path
from typing import Any, TypeVar

import orjson
from pydantic import BaseModel, ConfigDict, Field, ValidationError, create_model

M = TypeVar("M", bound=BaseModel)


class StrictModel(BaseModel):
    """Base of the credentials file's models: unknown keys are errors, values never change."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Credentials:
    """The credentials file: one validated section per registered vendor."""

    def __init__(self, sections: Mapping[str, BaseModel]) -> None:
        self.sections = dict(sections)

    def section(self, name: str, model: type[M]) -> M:
        """Vendor `name`'s part of the file, as its model."""
        value = self.sections[name]
        if not isinstance(value, model):
            raise TypeError(f"credentials section {name!r} is not a {model.__name__}")
        return value


class ConfigError(Exception):
    """A settings, credentials or fixture file is invalid; the message names the file and field."""


def fingerprint(*parts: str) -> str:
    """A short one-way digest of a credential: used as a bucket key, never the secret itself."""
    return hashlib.blake2b("\x00".join(parts).encode(), digest_size=12).hexdigest()


def validation_message(source: str, error: ValidationError) -> str:
    """'<file>: <field.path>: <problem>' lines for every problem pydantic found."""
    lines = []
    for problem in error.errors():
        where = ".".join(str(p) for p in problem["loc"]) or "(root)"
        lines.append(f"{source}: {where}: {problem['msg']}")
    return "\n".join(lines)


def read_json_file(path: Path) -> Any:
    """The parsed JSON of a configuration file, or ConfigError naming the file."""
    try:
        return orjson.loads(path.read_bytes())
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror}") from exc
    except orjson.JSONDecodeError as exc:
        raise ConfigError(f"{path}: invalid JSON: {exc}") from exc


def load_credentials(path: Path, sections: Mapping[str, type[BaseModel]]) -> Credentials:
    """Read and validate the credentials file, raising ConfigError naming the file and field.

    `sections` are the vendors' models (VendorSpec.credentials_model), one top-level key each.
    """
    fields: dict[str, Any] = {
        name: (model, Field(default_factory=model)) for name, model in sections.items()
    }
    document = create_model("CredentialsFile", __base__=StrictModel, **fields)
    raw = read_json_file(path)
    try:
        parsed = document.model_validate(raw)
    except ValidationError as exc:
        raise ConfigError(validation_message(str(path), exc)) from exc
    return Credentials({name: getattr(parsed, name) for name in sections})
