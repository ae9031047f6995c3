"""What installing the project puts on sys.path: the `netpath_mock` package and nothing named app.

The source lives under the top-level app/ folder (src-layout style, app/netpath_mock/), so a user
project with its own `app` package never collides with this one.
"""

from __future__ import annotations

import subprocess
import sys
import zipfile
from importlib.metadata import distribution
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _importable(folder: Path) -> set[str]:
    """Top-level module and package names a sys.path entry `folder` provides."""
    names = {p.stem for p in folder.glob("*.py")}
    names |= {p.name for p in folder.iterdir() if (p / "__init__.py").is_file()}
    return names


def test_import_app_fails_and_netpath_mock_is_this_source(tmp_path: Path) -> None:
    code = (
        "import importlib.util, sys\n"
        "assert importlib.util.find_spec('app') is None, importlib.util.find_spec('app')\n"
        "import netpath_mock\n"
        "sys.stdout.write(netpath_mock.__file__)\n"
    )
    done = subprocess.run(  # a neutral cwd: nothing but the venv's own sys.path
        [sys.executable, "-I", "-c", code], cwd=tmp_path, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert Path(done.stdout) == ROOT / "app" / "netpath_mock" / "__init__.py"


def test_the_installed_distribution_exposes_only_netpath_mock() -> None:
    dist = distribution("netpath-mock")
    files = [Path(str(f)) for f in dist.files or ()]
    top = {f.parts[0] for f in files if f.parts[0] != ".." and f.suffix != ".pth"}
    top = {name.removesuffix(".py") for name in top if not name.endswith(".dist-info")}
    # An editable install adds folders to sys.path through a .pth file instead of copying.
    for pth in (f for f in files if f.suffix == ".pth"):
        for line in Path(str(dist.locate_file(pth))).read_text().splitlines():
            if line.strip() and not line.startswith(("#", "import ")):
                top |= _importable(Path(line.strip()))
    assert top == {"netpath_mock"}
    groups = {ep.group: ep.value for ep in dist.entry_points}
    assert groups == {
        "console_scripts": "netpath_mock.cli:main",
        "pytest11": "netpath_mock.pytest_plugin",
    }


def test_the_wheel_holds_only_netpath_mock(tmp_path: Path) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, hatchling.build as b; sys.stdout.write(b.build_wheel(sys.argv[1]))",
            str(tmp_path),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    with zipfile.ZipFile(tmp_path / done.stdout) as wheel:
        names = wheel.namelist()
        dist_info = next(n.split("/")[0] for n in names if n.endswith(".dist-info/METADATA"))
        entry_points = wheel.read(f"{dist_info}/entry_points.txt").decode()
    assert {n.split("/")[0] for n in names} == {"netpath_mock", dist_info}
    assert "netpath_mock/pytest_plugin.py" in names
    # The explorer's page and modules ship in the wheel (served offline from the package).
    static = ROOT / "app" / "netpath_mock" / "ui" / "static"
    shipped = {f"netpath_mock/ui/static/{p.name}" for p in static.iterdir() if p.is_file()}
    assert {"netpath_mock/ui/static/index.html", "netpath_mock/ui/static/app.js"} <= shipped
    assert shipped <= set(names), shipped - set(names)
    assert "netpath_mock = netpath_mock.pytest_plugin" in entry_points
