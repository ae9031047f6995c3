"""The README's Python examples of the explorer-era sections run as written.

Each fenced ```python block under the headings below is executed in a fresh namespace (the
Hypothesis example calls its own test function, the scenario example starts a server).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

README = Path(__file__).resolve().parent.parent / "README.md"
SECTIONS = (
    "## Named scenarios",
    "## Test data without a server: Faker provider and Hypothesis strategies",
)


def _blocks(heading: str) -> list[str]:
    text = README.read_text(encoding="utf-8")
    start = text.index(heading + "\n")
    end = text.find("\n## ", start + len(heading))
    section = text[start : end if end != -1 else len(text)]
    return re.findall(r"```python\n(.*?)```", section, flags=re.S)


@pytest.mark.parametrize("heading", SECTIONS)
def test_the_readme_examples_run(heading: str) -> None:
    blocks = _blocks(heading)
    assert blocks, f"no python example under {heading!r}"
    for code in blocks:
        exec(compile(code, f"README.md ({heading})", "exec"), {"__name__": "readme_example"})


def test_the_readme_names_every_scenario() -> None:
    from netpath_mock.netmodel.scenarios import NAMES

    text = README.read_text(encoding="utf-8")
    for name in NAMES:
        assert f"| `{name}` |" in text, name
