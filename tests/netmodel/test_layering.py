"""The internet model is vendor-neutral: nothing in netpath_mock.netmodel imports a vendor."""

from __future__ import annotations

import ast
from pathlib import Path

import netpath_mock.netmodel

PACKAGE = Path(netpath_mock.netmodel.__file__).parent


def test_netmodel_imports_no_vendor() -> None:
    modules = sorted(PACKAGE.glob("*.py"))
    assert len(modules) >= 10
    for path in modules:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                # Relative imports resolve against this package, and the imported names count
                # too: `from netpath_mock import vendors` imports a vendor.
                parts = ["netpath_mock", "netmodel"][: 3 - node.level] if node.level else []
                base = ".".join([*parts, *([node.module] if node.module else [])])
                names = [base, *(f"{base}.{alias.name}" for alias in node.names)]
            for name in names:
                assert not name.startswith("netpath_mock.vendors"), (path.name, name)
                assert not name.startswith(("fastapi", "starlette", "faker")), (path.name, name)
