import pytest

from core.ids import ID_MAX, row_id


@pytest.mark.parametrize("value", [1, "1", " 42 ", ID_MAX, str(ID_MAX)])
def test_a_positive_integer_that_fits_is_an_id(value):
    assert row_id(value) == int(str(value).strip())


@pytest.mark.parametrize(
    "value",
    [
        None,
        "",
        "abc",
        "1.5",
        1.5,
        "1e20",
        0,
        -3,
        "-3",
        ID_MAX + 1,
        str(ID_MAX + 1),
        True,
        [1],
        "²",
        "\u0661",
        "9" * 400,
    ],
)
def test_anything_else_names_no_row(value):
    assert row_id(value) is None
