"""Hypothesis strategies for the mock's identifiers and seeds."""

from __future__ import annotations

from hypothesis import strategies as st

from netpath_mock.vendors.datadog.universe import ALPHABET


def seeds() -> st.SearchStrategy[int]:
    return st.integers(min_value=0, max_value=2**63 - 1)


def account_ids(*, valid: bool = True) -> st.SearchStrategy[str]:
    if valid:
        return st.text("0123456789abcdef", min_size=32, max_size=32)
    return st.text(min_size=0, max_size=80).filter(lambda s: len(s) != 32)


def public_ids() -> st.SearchStrategy[str]:
    part = st.text(ALPHABET, min_size=3, max_size=3)
    return st.builds(lambda a, b, c: f"{a}-{b}-{c}", part, part, part)


@st.composite
def run_refs(draw: st.DrawFn) -> tuple[int, str, int, int]:
    """(seed, account, test index, run index) of an existing run."""
    from netpath_mock.vendors.cloudflare.universe import account_shape

    seed = draw(seeds())
    account = draw(account_ids())
    shape = account_shape(seed, account)
    test = draw(st.integers(0, shape.tests - 1))
    run = draw(st.integers(0, shape.runs_per_test(test) - 1))
    return seed, account, test, run
