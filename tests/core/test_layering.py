"""Core and main hold no vendor knowledge: they loop over the registry (issue 10, item 4)."""

from __future__ import annotations

import ast
from pathlib import Path

import netpath_mock.core
import netpath_mock.main

CORE = Path(netpath_mock.core.__file__).parent


def _imports(path: Path) -> list[tuple[str, list[str]]]:
    """(module, names) of every import statement in `path`."""
    found: list[tuple[str, list[str]]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(alias.name, []) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.append((node.module, [alias.name for alias in node.names]))
    return found


def test_core_imports_no_vendor() -> None:
    modules = sorted(CORE.glob("*.py"))
    assert len(modules) >= 20
    for path in modules:
        for module, _ in _imports(path):
            assert not module.startswith("netpath_mock.vendors"), (path.name, module)


def test_main_takes_only_the_registry_from_the_vendors() -> None:
    vendor_imports = [
        (module, names)
        for module, names in _imports(Path(netpath_mock.main.__file__))
        if module.startswith("netpath_mock.vendors")
    ]
    assert vendor_imports == [("netpath_mock.vendors", ["REGISTRY"])]
