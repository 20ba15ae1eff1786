"""Every code scheduling and contacts raise is a member of their app's Code enum."""

import pathlib
import re

import pytest

from contacts.errors import Code as ContactsCode
from scheduling.errors import Code as SchedulingCode

ROOT = pathlib.Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("code", [SchedulingCode, ContactsCode])
def test_each_code_has_its_own_value(code):
    assert len(list(code)) == len(code.__members__)  # a repeated value would be an alias


@pytest.mark.parametrize("app", ["scheduling", "contacts"])
def test_raise_sites_name_codes_from_the_enum_not_strings(app):
    sources = sorted((ROOT / app).rglob("*.py"))
    spelled = [
        f"{path.relative_to(ROOT)}: {match.group(0)}"
        for path in sources
        if "migrations" not in path.parts
        for match in re.finditer(r"code=[\"'][a-z_]+[\"']", path.read_text())
    ]
    assert spelled == []
