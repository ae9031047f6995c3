"""A git ref of the project as a benchmark target (`make bench BASELINE=<ref>`).

The ref's tree is exported (`git archive`, so the repository's worktrees and index are left alone)
into a temporary folder and served by this venv's Python with that folder's package first on
`PYTHONPATH`: the libraries (uvicorn, uvloop, orjson, ...) are the very ones the working tree
uses, so a side-by-side run compares the project's code only. The package and command come from
the ref's own pyproject.toml (`[project.scripts] netpath-mock` and the wheel's `packages`), so
refs from before the package was renamed (`app`) and after (`netpath_mock`) both work.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
import tempfile
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bench.common import ROOT, Target


def resolve(ref: str) -> str:
    """The commit `ref` names (exit 2 with git's message when it names none)."""
    done = subprocess.run(
        ["git", "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        print(f"BASELINE={ref}: not a commit of this repository", file=sys.stderr)
        raise SystemExit(2)
    return done.stdout.strip()


def target_for(tree: Path, label: str) -> Target:
    """How to run the project exported at `tree` with this venv's Python."""
    project = tomllib.loads((tree / "pyproject.toml").read_text())
    entry = project["project"]["scripts"]["netpath-mock"]  # e.g. "netpath_mock.cli:main"
    module, function = entry.split(":")
    packages = (
        project.get("tool", {})
        .get("hatch", {})
        .get("build", {})
        .get("targets", {})
        .get("wheel", {})
        .get("packages", [])
    )
    roots = sorted({str((tree / package).parent) for package in packages}) or [str(tree)]
    code = (
        f"import sys; from {module} import {function} as main; "
        "sys.argv[0] = 'netpath-mock'; sys.exit(main())"
    )
    target = Target(
        label,
        (sys.executable, "-c", code),
        cwd=tree,
        env=(("PYTHONPATH", os.pathsep.join(roots)),),
    )
    # The working tree's editable install is on sys.path too: make sure the ref's copy wins.
    top = module.split(".")[0]
    found = subprocess.run(
        [sys.executable, "-c", f"import {top}; print({top}.__file__)"],
        env=target.environ(dict(os.environ)),
        cwd=tree,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    if not Path(found).resolve().is_relative_to(tree.resolve()):
        raise RuntimeError(f"baseline imports {top} from {found}, not from {tree}")
    return target


@contextmanager
def checkout(ref: str) -> Iterator[Target]:
    """The project at `ref`, exported to a temporary folder for the duration of the block."""
    commit = resolve(ref)
    with tempfile.TemporaryDirectory(prefix="netpath-baseline-") as scratch:
        archive = Path(scratch) / "tree.tar"
        subprocess.run(
            ["git", "archive", "--format=tar", "-o", str(archive), commit], cwd=ROOT, check=True
        )
        tree = Path(scratch) / "tree"
        with tarfile.open(archive) as tar:
            tar.extractall(tree, filter="data")
        yield target_for(tree, f"baseline {ref} ({commit[:10]})")
