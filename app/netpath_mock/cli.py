"""The `netpath-mock` command: serve | catalog | generate."""

from __future__ import annotations

import gc
import logging
import os
import signal
import socket
import sys
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Annotated, Any

import orjson
import typer
from pydantic import ValidationError
from pydantic_settings import SettingsError

from netpath_mock.core.credentials import ConfigError
from netpath_mock.core.settings import (
    Settings,
    describe_errors,
    env_name,
    option_name,
    unknown_variables,
)

if TYPE_CHECKING:
    from netpath_mock.core.vendor import VendorSpec

cli = typer.Typer(
    add_completion=False,
    pretty_exceptions_enable=False,
    no_args_is_help=True,
    # Plain help text: with Rich markup, "[env MOCK_SEED; default 1234]" is read as a markup tag
    # and silently dropped.
    rich_markup_mode=None,
    help="Deterministic contract simulator for Cloudflare DEX and Datadog Network Path APIs.",
)


def _fail(message: str) -> typer.Exit:
    typer.echo(f"netpath-mock: error: {message}", err=True)
    return typer.Exit(code=2)


def _help(field: str, text: str | None = None, default: Any = "") -> str:
    """An option's help: its meaning, its MOCK_* variable and its default, from Settings."""
    info = Settings.model_fields[field]
    if default == "":
        default = info.default
        if isinstance(default, bool):
            default = "on" if default else "off"
    shown = "none" if default is None else default
    return f"{text or info.description} [env {env_name(field)}; default: {shown}]"


def _version(value: bool) -> None:
    if value:
        try:
            typer.echo(f"netpath-mock {version('netpath-mock')}")
        except PackageNotFoundError:  # pragma: no cover - running from a source tree
            typer.echo("netpath-mock (version unknown: not installed)")
        raise typer.Exit()


@cli.callback()
def _root(
    show_version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Deterministic contract simulator for Cloudflare DEX and Datadog Network Path APIs."""


def check_environment(environ: dict[str, str] | None = None) -> None:
    """Report MOCK_* variables no setting reads.

    A near-miss of a setting's name (a typo such as MOCK_ADMIN_TOKN) stops start-up; any other
    one is named in a warning (other tools may use the prefix too).
    """
    environ = dict(os.environ) if environ is None else environ
    typos = []
    for name, close in unknown_variables(environ):
        if close is not None:
            typos.append(f"{name} is not a setting; did you mean {close}?")
        else:
            typer.echo(f"netpath-mock: warning: {name} is not a setting; ignored", err=True)
    if typos:
        raise _fail("unknown setting\n" + "\n".join(typos))


def load_settings(**overrides: Any) -> Settings:
    """Settings from MOCK_* variables with the given CLI values on top; exits 2 if invalid.

    Messages name what the user set: the option (`--fixtures-dir`) or the variable and its value
    (`MOCK_FIXTURES_DIR='nope'`).
    """
    check_environment()
    given = {k: v for k, v in overrides.items() if v is not None}
    try:
        return Settings(**given)
    except ValidationError as exc:
        lines = describe_errors(exc, from_cli=set(given), environ=dict(os.environ))
        raise _fail("invalid setting\n" + "\n".join(lines)) from None
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


SeedOpt = Annotated[int | None, typer.Option("--seed", help=_help("seed"))]


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


def _check_listen(settings: Settings, from_cli: set[str]) -> None:
    """Exit 2 naming --host / MOCK_HOST when the host cannot be listened on at all."""
    try:
        socket.getaddrinfo(settings.host, settings.port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as exc:
        where = option_name("host") if "host" in from_cli else env_name("host")
        raise _fail(f"invalid setting\n{where}: cannot resolve {settings.host!r}: {exc}") from None


WORKERS_HELP = (
    "Worker processes, all serving identical data. Without --state-url each worker is its own "
    "process with its own memory: sessions, the journal, rate limits, stores and seed switches "
    "(POST /_mock/reset) are per worker, and a request may reach any worker; with --state-url "
    "they share all of it and behave as one server"
)


@cli.command()
def serve(
    host: Annotated[str | None, typer.Option(help=_help("host"))] = None,
    port: Annotated[
        int | None, typer.Option(help=_help("port", "TCP port."), min=0, max=65535)
    ] = None,
    seed: SeedOpt = None,
    fixtures_dir: Annotated[
        Path | None,
        typer.Option(
            help=_help("fixtures_dir", "Folder of fixture files; none is loaded unless given.")
        ),
    ] = None,
    credentials_file: Annotated[
        Path | None,
        typer.Option(
            help=_help(
                "credentials_file",
                "Strict-mode credentials JSON: each vendor with a section in it only accepts the "
                "credentials it lists.",
            )
        ),
    ] = None,
    workers: Annotated[
        int | None, typer.Option(help=_help("workers", WORKERS_HELP + "."), min=1)
    ] = None,
    state_url: Annotated[
        str | None,
        typer.Option(
            help=_help(
                "state_url",
                "Keep all mutable state in Redis (redis://host:port/db), shared by every worker "
                "and replica; unset: in this process.",
            )
        ),
    ] = None,
    log_level: Annotated[
        str | None, typer.Option(help=_help("log_level", "uvicorn log level."))
    ] = None,
    access_log: Annotated[
        bool | None,
        typer.Option(
            "--access-log/--no-access-log",
            help=_help("access_log", "Log every request (credentials masked); costs throughput."),
        ),
    ] = None,
) -> None:
    """Serve both vendors' APIs (and the /_mock control plane) over HTTP.

    Every other setting is a MOCK_* variable; see the README's settings table.
    """
    cli_values = {
        "host": host,
        "port": port,
        "seed": seed,
        "fixtures_dir": fixtures_dir,
        "credentials_file": credentials_file,
        "workers": workers,
        "state_url": state_url,
        "log_level": log_level,
        "access_log": access_log,
    }
    settings = load_settings(**cli_values)
    from_cli = {name for name, value in cli_values.items() if value is not None}
    _check_listen(settings, from_cli)
    import uvicorn

    from netpath_mock.core.guard import apply_limits, uvicorn_options
    from netpath_mock.core.state import startup_line
    from netpath_mock.main import create_app

    try:
        app = create_app(settings)  # validates fixtures and credentials before listening
    except ConfigError as exc:
        raise _fail(str(exc)) from None
    if logging.getLevelName(settings.log_level.upper()) <= logging.INFO:
        typer.echo(f"INFO:     {startup_line(app.state.describe())}", err=True)
    common: dict[str, Any] = {
        "host": settings.host,
        "port": settings.port,
        "log_level": settings.log_level,
        **uvicorn_options(settings),
    }
    signal.signal(signal.SIGTERM, _exit_cleanly)
    _tune_gc()
    if settings.workers == 1:
        config = uvicorn.Config(app, **common)
        apply_limits(config, settings)
        server = uvicorn.Server(config)
        server.run()
        if not server.started:
            raise typer.Exit(code=1)
        return
    # Workers re-create the app from the environment: hand them what the command line set.
    values = settings.model_dump()
    if settings.state_url is not None:
        values["state_url"] = settings.state_url.get_secret_value()  # not the masked form
    for name in from_cli:
        os.environ[env_name(name)] = str(values[name])
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
    out: Annotated[Path, typer.Option(help="Folder to write fixture files into (created).")],
    count: Annotated[int, typer.Option(help="How many resources to write.", min=1)] = 10,
    seed: SeedOpt = None,
) -> None:
    """Write resources as fixture files (the format the fixtures folder loads), one at a time."""
    settings = load_settings(seed=seed)
    spec = _check_vendor(vendor)
    if out.exists() and not out.is_dir():
        raise _fail(f"--out {out}: exists and is not a folder")
    files = spec.write_fixtures(settings, count)  # a generator: nothing is held up front
    written = 0
    try:
        with typer.progressbar(files, length=count, label=f"Writing {vendor} fixtures") as bar:
            for relative, document in bar:
                target = out / relative
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(orjson.dumps(document, option=orjson.OPT_INDENT_2) + b"\n")
                written += 1
    except OSError as exc:
        where = exc.filename or out
        raise _fail(f"--out {out}: cannot write {where}: {exc.strerror}") from None
    typer.echo(f"wrote {written} {vendor} fixture files under {out}", err=True)


def main() -> None:
    """Console-script entry point."""
    cli()
