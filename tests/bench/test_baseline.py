"""`make bench BASELINE=<ref>`: a git ref's tree runs as its own `netpath-mock`, either layout."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from bench.baseline import checkout, target_for
from bench.common import bench_env
from bench.scenarios import SCENARIOS, fill, scenario_paths

FAKE_CLI = """
import sys

def main():
    sys.stdout.write(f"{__name__} from the baseline: {sys.argv[1:]}")
    return 0
"""


def _tree(root: Path, package: str, script: str) -> Path:
    (root / package).mkdir(parents=True)
    (root / package / "__init__.py").write_text("")
    (root / package / "cli.py").write_text(FAKE_CLI)
    (root / "pyproject.toml").write_text(
        f'[project]\nname = "netpath-mock"\n[project.scripts]\nnetpath-mock = "{script}"\n'
        f'[tool.hatch.build.targets.wheel]\npackages = ["{package}"]\n'
    )
    return root


@pytest.mark.parametrize(
    ("package", "script"),
    [("app", "app.cli:main"), ("app/netpath_mock", "netpath_mock.cli:main")],
    ids=["before-rename", "after-rename"],
)
def test_the_refs_own_package_runs(tmp_path: Path, package: str, script: str) -> None:
    # After the rename the working tree's editable netpath_mock is importable too: the ref's
    # copy must win.
    target = target_for(_tree(tmp_path, package, script), "fake")
    done = subprocess.run(
        [*target.command, "catalog", "--limit", "1"],
        env=target.environ(bench_env()),
        cwd=target.cwd,
        capture_output=True,
        text=True,
        check=True,
    )
    module = script.split(":")[0]
    assert done.stdout == f"{module} from the baseline: ['catalog', '--limit', '1']"


def test_a_real_ref_lists_its_catalog() -> None:
    inside = subprocess.run(["git", "rev-parse", "HEAD"], capture_output=True, check=False)
    if inside.returncode != 0:
        pytest.skip("not a git clone")
    with checkout("HEAD") as target:
        assert target.cwd != Path(__file__).resolve().parents[2]
        items = target.catalog("datadog", 2, bench_env())
    assert [i["public_id"] for i in items] == ["c7a-uwa-wn2", "abc-def-123"]


def test_an_unknown_ref_exits_2() -> None:
    with pytest.raises(SystemExit) as stopped, checkout("no-such-ref-anywhere"):
        pass
    assert stopped.value.code == 2


def test_every_scenario_fills_from_the_catalog_fields() -> None:
    # The fields of every catalog kind the scenarios use (results, tests, public ids); a Datadog
    # test with no result in the retention window lacks `result_id`.
    items = [
        {"public_id": "p0"},
        {
            "account_id": "a" * 32,
            "test_result_id": "r1",
            "test_id": "t1",
            "public_id": "p1",
            "result_id": "1",
        },
    ]
    for scenario in SCENARIOS:
        assert scenario_paths(scenario, items)[0].startswith("/")
    assert fill("/r/{public_id}/{result_id}", items, 2) == ["/r/p1/1"]
    with pytest.raises(KeyError, match="rule_id"):
        fill("/x/{rule_id}", items, 1)
