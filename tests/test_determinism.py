"""Served bytes for seed 1234 match tests/determinism/digests.json, in any order and process.

The table of pinned operations and the way to regenerate the pins deliberately are in
tests/determinism/__init__.py.
"""

from __future__ import annotations

import importlib.util
import json
import os
import pkgutil
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

import netpath_mock
from tests.determinism import (
    DOC_ACCOUNT,
    DOC_DATADOG_TESTS,
    DOC_RESULT,
    ENDPOINTS,
    REGENERATE,
    Endpoint,
    collect,
    differences,
    fill,
    load_pins,
)

ROOT = Path(__file__).resolve().parent.parent

# Modules allowed to import Faker: none feeds served bytes. netpath_mock.faker is the provider
# for users' own tests (fake.add_provider(NetpathProvider)). Everything else must import with
# Faker absent.
FAKER_USERS: frozenset[str] = frozenset({"netpath_mock.faker"})


def _check(served: dict[str, str], where: str) -> None:
    problems = differences(load_pins(), served)
    if problems:
        shown = "\n  ".join(problems[:15])
        more = f"\n  ... and {len(problems) - 15} more" if len(problems) > 15 else ""
        pytest.fail(
            f"served bytes ({where}) differ from tests/determinism/digests.json:\n  {shown}{more}\n"
            f"If the change is deliberate (or the endpoint is new), regenerate the pins with "
            f"`.venv/bin/python -m tests.determinism --update`, review the diff of digests.json "
            f"and say why in the commit.",
            pytrace=False,
        )


def _in_subprocess(prelude: str, order_seed: int, hash_seed: str) -> dict[str, str]:
    """Digests served by a fresh interpreter (MOCK_* variables dropped) after `prelude` ran."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("MOCK_")}
    env["PYTHONHASHSEED"] = hash_seed
    code = (
        f"import sys\n{prelude}\n"
        "from tests.determinism.__main__ import main\n"
        f"sys.exit(main(['--print', '--order-seed', '{order_seed}']))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    served: dict[str, str] = json.loads(done.stdout)
    return served


@pytest.fixture(scope="module")
def order_seed() -> int:
    seed = secrets.randbelow(2**32)
    print(f"request order seed: {seed}")  # noqa: T201 - shown on failure, to replay the order
    return seed


def test_every_vendor_pins_about_fifty_bodies_including_the_docs_ids() -> None:
    pins = load_pins()
    for vendor in ("cloudflare", "datadog"):
        keys = [k for k in pins if ("/client/v4/" in k) == (vendor == "cloudflare")]
        assert len(keys) >= 50, (vendor, len(keys))
    doc_result = f"/accounts/{DOC_ACCOUNT}/dex/traceroute-test-results/{DOC_RESULT}/network-path"
    assert f"GET /client/v4{doc_result}" in pins
    for public_id in DOC_DATADOG_TESTS:
        assert f"GET /api/v2/synthetics/tests/network/{public_id}" in pins
    assert all(value.startswith("200 sha256:") for value in pins.values())


def test_served_bodies_match_the_pins_in_a_random_order(order_seed: int) -> None:
    _check(collect(order_seed), f"order seed {order_seed}")


def test_a_second_process_serves_the_pinned_bytes(order_seed: int) -> None:
    # Another interpreter, another hash seed (str hashes, set order) and another order.
    served = _in_subprocess("", order_seed + 1, str(order_seed % 4_294_967_295 + 1))
    _check(served, f"second process, order seed {order_seed + 1}")


def test_bytes_do_not_depend_on_the_installed_faker(order_seed: int) -> None:
    # With `faker` unimportable the same bytes are served: the name tables are the project's own.
    served = _in_subprocess("sys.modules['faker'] = None", order_seed + 2, "0")
    _check(served, "Faker blocked")


def test_no_module_of_the_package_imports_faker() -> None:
    names = sorted(
        info.name
        for info in pkgutil.walk_packages(netpath_mock.__path__, "netpath_mock.")
        if info.name not in FAKER_USERS and not info.name.endswith(".__main__")
    )
    code = (
        "import importlib, sys\n"
        "sys.modules['faker'] = None\n"
        f"for name in {names!r}:\n"
        "    importlib.import_module(name)\n"
        "assert not any(m == 'faker' or m.startswith('faker.') for m in sys.modules if "
        "sys.modules[m] is not None), 'faker imported'\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert "netpath_mock.vendors.cloudflare.generator" in names
    assert importlib.util.find_spec("netpath_mock.data.names") is not None


def test_an_unpinned_request_fails_naming_it_and_how_to_regenerate() -> None:
    key = "GET /api/v2/synthetics/tests/network/c7a-uwa-wn2?unpinned=1"
    with pytest.raises(pytest.fail.Exception) as failed:
        _check({**load_pins(), key: "200 sha256:00"}, "test")
    assert f"not pinned: {key}" in str(failed.value)
    assert REGENERATE in str(failed.value)


def test_a_template_field_missing_from_the_catalog_is_named() -> None:
    endpoint = Endpoint("datadog", "/api/v2/synthetics/tests/network/{test_id}", count=1)
    assert endpoint not in ENDPOINTS
    with pytest.raises(KeyError, match=r"'test_id' is neither a field"):
        fill(endpoint.template, {"public_id": "c7a-uwa-wn2"}, endpoint)
