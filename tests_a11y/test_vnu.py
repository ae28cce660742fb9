"""The HTML validator the axe suite runs finds what it should (so 0 errors means something)."""

import os

import pytest

from tests_a11y import vnu


@pytest.fixture
def validator():
    absent = vnu.missing()
    if absent:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true requires the HTML validator: {absent}")
        pytest.skip(absent)


def test_the_validator_reports_a_time_with_microseconds_and_passes_a_valid_page(validator):
    head = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>T</title></head>'
    found = vnu.validate(
        {
            "bad": f'{head}<body><time datetime="2026-12-02T03:05:18.123456+00:00">x</time>',
            "good": f'{head}<body><time datetime="2026-12-02T03:05:18+00:00">x</time>',
        }
    )
    assert list(found) == ["bad"]
    assert "fraction of a second" in found["bad"][0]["message"]
