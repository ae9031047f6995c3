"""The `netpath-mock` command: serve | catalog | generate."""

from __future__ import annotations

import gc
import os
import signal
import sys
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Annotated, Any

import orjson
import typer
from pydantic import ValidationError
from pydantic_settings import SettingsError

from netpath_mock.core.credentials import ConfigError, validation_message
from netpath_mock.core.settings import Settings

if TYPE_CHECKING:
    from netpath_mock.core.vendor import VendorSpec

cli = typer.Typer(
    add_completion=False,
    pretty_exceptions_enable=False,
    no_args_is_help=True,
    help="Deterministic contract simulator for Cloudflare DEX and Datadog Network Path APIs.",
)


def _fail(message: str) -> typer.Exit:
    typer.echo(f"netpath-mock: error: {message}", err=True)
    return typer.Exit(code=2)


def load_settings(**overrides: Any) -> Settings:
    """Settings from MOCK_* variables with the given CLI values on top; exits 2 if invalid."""
    given = {k: v for k, v in overrides.items() if v is not None}
    try:
        return Settings(**given)
    except ValidationError as exc:
        raise _fail("invalid setting\n" + validation_message("settings", exc)) from None
    except SettingsError as exc:
        cause = f": {exc.__cause__}" if exc.__cause__ else ""
        raise _fail(f"invalid setting: {exc}{cause}") from None


def _exit_cleanly(signum: int, frame: FrameType | None) -> None:
    """SIGTERM outside uvicorn's own handling: a clean, successful exit.

    uvicorn handles SIGTERM by shutting down gracefully (requests in flight finish), then restores
    the previous handler and re-raises the signal. With the default handler still in place that
    re-raise kills the process, so a clean stop would report "killed by SIGTERM" (status 143 / -15)
    to supervisors; with this one it exits 0. A SIGTERM before uvicorn starts also exits 0.
    """
    raise SystemExit(0)


def _check_vendor(vendor: str) -> VendorSpec:
    from netpath_mock.vendors import REGISTRY  # imported on use: keeps `--help` fast

    specs = {spec.name: spec for spec in REGISTRY}
    if vendor not in specs:
        raise _fail(f"--vendor must be one of {', '.join(specs)}, got {vendor!r}")
    return specs[vendor]


SeedOpt = Annotated[
    int | None, typer.Option("--seed", help="Seed of the generated universe [env MOCK_SEED].")
]


def _tune_gc() -> None:
    """Keep the cyclic GC off the hot path of the server process.

    Start-up builds large permanent tables (ISPs, prefixes, name lists): frozen, no
    collection walks them again. Each generated body allocates a few hundred short-lived,
    acyclic objects that reference counting frees at once; with the default gen-0 threshold of
    700 they would still trigger a collection every few requests.
    """
    gc.collect()
    gc.freeze()
    gc.set_threshold(20_000, 20, 20)


@cli.command()
def serve(
    host: Annotated[
        str | None, typer.Option(help="Interface to listen on [env MOCK_HOST; default 127.0.0.1].")
    ] = None,
    port: Annotated[
        int | None,
        typer.Option(help="TCP port [env MOCK_PORT; default 8000].", min=0, max=65535),
    ] = None,
    seed: SeedOpt = None,
    fixtures_dir: Annotated[
        Path | None,
        typer.Option(help="Folder of fixture files [env MOCK_FIXTURES_DIR; default ./fixtures]."),
    ] = None,
    credentials_file: Annotated[
        Path | None,
        typer.Option(help="Strict-mode credentials JSON [env MOCK_CREDENTIALS_FILE]."),
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option(
            help="Worker processes [env MOCK_WORKERS]; with --state-url they share all state.",
            min=1,
        ),
    ] = None,
    state_url: Annotated[
        str | None,
        typer.Option(
            help="Keep all mutable state in Redis (redis://host:port/db), shared by every worker "
            "and replica [env MOCK_STATE_URL; default: in this process].",
        ),
    ] = None,
    log_level: Annotated[
        str | None, typer.Option(help="uvicorn log level [env MOCK_LOG_LEVEL; default info].")
    ] = None,
    access_log: Annotated[
        bool | None,
        typer.Option(
            "--access-log/--no-access-log",
            help="Log every request; costs throughput [env MOCK_ACCESS_LOG; default off].",
        ),
    ] = None,
) -> None:
    """Serve both vendors' APIs (and the /_mock control plane) over HTTP."""
    settings = load_settings(
        host=host,
        port=port,
        seed=seed,
        fixtures_dir=fixtures_dir,
        credentials_file=credentials_file,
        workers=workers,
        state_url=state_url,
        log_level=log_level,
        access_log=access_log,
    )
    import uvicorn

    from netpath_mock.main import create_app

    try:
        app = create_app(settings)  # validates fixtures and credentials before listening
    except ConfigError as exc:
        raise _fail(str(exc)) from None
    common: dict[str, Any] = {
        "host": settings.host,
        "port": settings.port,
        "log_level": settings.log_level,
        "access_log": settings.access_log,
        # Cloudflare answers carry `server: cloudflare` only: uvicorn must not add its own.
        "server_header": False,
        "timeout_graceful_shutdown": 5,
    }
    signal.signal(signal.SIGTERM, _exit_cleanly)
    _tune_gc()
    if settings.workers == 1:
        uvicorn.run(app, **common)
        return
    # Workers re-create the app from the environment: hand them the same settings there.
    for name, value in (
        ("SEED", settings.seed),
        ("FIXTURES_DIR", settings.fixtures_dir),
        ("CREDENTIALS_FILE", settings.credentials_file),
        ("STATE_URL", settings.state_url.get_secret_value() if settings.state_url else None),
    ):
        if value is not None:
            os.environ[f"MOCK_{name}"] = str(value)
    if settings.state_url is None:
        typer.echo(
            "netpath-mock: note: without --state-url each worker keeps its own sessions, "
            "journal, rate limits and edits; add --state-url redis://... to share them",
            err=True,
        )
    uvicorn.run("netpath_mock.main:create_app", factory=True, workers=settings.workers, **common)


@cli.command()
def catalog(
    vendor: Annotated[str, typer.Option(help="cloudflare or datadog.")],
    limit: Annotated[int, typer.Option(help="How many resources to list.", min=1)] = 10,
    seed: SeedOpt = None,
    kind: Annotated[
        str | None,
        typer.Option(
            help="Which ids, where a vendor has several (cloudflare: results|tests|devices)."
        ),
    ] = None,
) -> None:
    """Print existing resources of the seeded universe as JSON lines."""
    settings = load_settings(seed=seed)
    spec = _check_vendor(vendor)
    listing = spec.catalog
    if kind is not None:
        kinds = spec.extra.get("catalog_kinds", {})
        if kind not in kinds:
            raise _fail(f"--kind must be one of {', '.join(kinds) or '(none)'} for {vendor}")
        listing = kinds[kind]
    out = sys.stdout.buffer
    for item in listing(settings, settings.seed, limit):
        out.write(orjson.dumps(item) + b"\n")
    out.flush()


@cli.command()
def generate(
    vendor: Annotated[str, typer.Option(help="cloudflare or datadog.")],
    out: Annotated[Path, typer.Option(help="Folder to write fixture files into.")],
    count: Annotated[int, typer.Option(help="How many resources to write.", min=1)] = 10,
    seed: SeedOpt = None,
) -> None:
    """Write resources as fixture files (the format the fixtures folder loads)."""
    settings = load_settings(seed=seed)
    files = _check_vendor(vendor).write_fixtures(settings, count)
    written = 0
    with typer.progressbar(files, length=count, label=f"Writing {vendor} fixtures") as bar:
        for relative, document in bar:
            target = out / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(orjson.dumps(document, option=orjson.OPT_INDENT_2) + b"\n")
            written += 1
    typer.echo(f"wrote {written} {vendor} fixture files under {out}", err=True)


def main() -> None:
    """Console-script entry point."""
    cli()
