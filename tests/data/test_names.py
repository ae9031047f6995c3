"""The owned name tables: the copy of Faker 40.54.0's en_US tables they say they are."""

from __future__ import annotations

from importlib.metadata import version

import pytest

from netpath_mock.data.names import FIRST_NAMES, LAST_NAMES


def test_tables_are_plain_ascii_words() -> None:
    assert len(FIRST_NAMES) == 690
    assert len(LAST_NAMES) == 1000
    for name in (*FIRST_NAMES, *LAST_NAMES):
        assert name.isascii() and name.isalpha() and name[0].isupper(), name


def test_tables_match_the_cited_faker_release() -> None:
    # Provenance only (the bytes never read Faker): checkable where that release is installed.
    pytest.importorskip("faker")
    if version("faker") != "40.54.0":
        pytest.skip(f"faker {version('faker')} installed; the tables cite 40.54.0")
    from faker.providers.person.en_US import Provider

    assert tuple(Provider.first_names) == FIRST_NAMES
    assert tuple(Provider.last_names) == LAST_NAMES
