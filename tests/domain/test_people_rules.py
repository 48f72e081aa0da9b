"""Names, postcodes and dates of birth: the data-quality rules staff ran into."""

from datetime import date

import pytest

from reference_system.domain.people import (
    Address,
    address_errors,
    date_of_birth_errors,
    name_errors,
    normalise_postcode,
    pnc_id_errors,
)


@pytest.mark.parametrize("name", [
    "Christopher", "O'Brien", "O’Brien", "Siân", "Nguyễn", "Llŷr", "ap Iorwerth", "Smith-Jones",
    "Zoë", "José María", "Ngũgĩ", "Αλέξανδρος", "Дмитрий", "محمد", "王", "St. John", "X",
])
def test_valid_names_are_accepted_as_written(name):
    assert name_errors(name, "first_name") == []


def test_a_name_of_exactly_one_hundred_characters_is_accepted():
    assert name_errors("a" * 100, "last_name") == []


def test_a_name_over_one_hundred_characters_is_refused():
    assert name_errors("a" * 101, "last_name")[0].message == "Name must be 100 characters or fewer"


@pytest.mark.parametrize(("name", "reason"), [
    ("", "Enter a name"),
    ("   ", "Enter a name"),
    ("R2D2", "Name must not contain digits"),
    ("'-", "Name must contain at least one letter"),
    ("<b>Bob</b>", "Name must not contain the character '<'"),
])
def test_names_are_refused_with_a_reason(name, reason):
    assert name_errors(name, "first_name")[0].message == reason


def test_a_postcode_is_normalised_to_royal_mail_form():
    assert normalise_postcode("sw1a1aa") == "SW1A 1AA"


def test_an_address_needs_a_first_line_and_a_real_postcode():
    assert address_errors(Address(line1="1 High St", postcode="ng1 1aa"), "address") == []
    assert [e.field for e in address_errors(Address(line1=" ", postcode="12345"), "address")] == [
        "address.line1", "address.postcode"
    ]


def test_a_date_of_birth_must_be_in_the_past():
    assert date_of_birth_errors(date(2026, 11, 27), date(2026, 11, 27), "dob")
    assert date_of_birth_errors(date(1990, 1, 1), date(2026, 11, 27), "dob") == []


def test_a_pnc_id_has_the_police_national_computer_format():
    assert pnc_id_errors("2024/0012345A", "pnc_id") == []
    assert pnc_id_errors("12345", "pnc_id")
