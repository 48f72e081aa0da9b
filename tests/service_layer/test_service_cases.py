"""Case intake and reading a case: names as people write them, unique URNs, one court centre's cases."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from reference_system.adapters.orm import CaseRow
from reference_system.domain.errors import ValidationFailed
from reference_system.service_layer import cases
from reference_system.service_layer.errors import DuplicateReference, NotFound


def _case_count(database) -> int:
    with database.reading() as session:
        return session.scalar(select(func.count()).select_from(CaseRow))


@pytest.mark.parametrize(
    ("first_name", "last_name"),
    [("Christopher", "Adams"), ("Aoife", "O'Brien"), ("Siân", "Evans"), ("Thi Mai", "Nguyễn"),
     ("Jean-Luc", "Smith-Jones"), ("Zoë", "O’Connor")],
)
def test_names_as_people_write_them_are_accepted(court, new_case, new_defendant, first_name, last_name):
    court.create_case(new_case("01AB1234526", new_defendant(first_name, last_name)))

    case = court.read(cases.get_case, court.listing_officer, "01AB1234526")
    assert [(d.first_name, d.last_name) for d in case.defendants] == [(first_name, last_name)]


def test_a_new_case_is_active_with_its_defendants_in_order_and_no_hearings(court, new_case, new_defendant):
    court.create_case(new_case("01AB1234526", new_defendant("Siân", "Evans"), new_defendant("Thi Mai", "Nguyễn")))

    case = court.read(cases.get_case, court.listing_officer, "01AB1234526")
    assert case.status == "ACTIVE"
    assert case.court_centre == "MAG01"
    assert [d.last_name for d in case.defendants] == ["Evans", "Nguyễn"]
    assert all(isinstance(d.id, int) for d in case.defendants)
    assert all(d.custody_status == "NOT_APPLICABLE" for d in case.defendants)
    assert case.hearings == []


def test_a_postcode_is_stored_as_royal_mail_writes_it(court, new_case, new_defendant):
    address = {"line1": "1 High Street", "line2": None, "town": None, "postcode": "sw1a1aa"}

    case = court.create_case(new_case("01AB1234526", new_defendant(address=address)))

    assert case.defendants[0].address["postcode"] == "SW1A 1AA"


def test_a_name_with_digits_is_refused_with_the_field_named(court, database, new_case, new_defendant):
    command = new_case("01AB1234526", new_defendant("Chr1stopher", "Adams"))

    with pytest.raises(ValidationFailed) as refused:
        court.create_case(command)

    assert [e.field for e in refused.value.errors] == ["defendants.0.first_name"]
    assert "digits" in refused.value.errors[0].message
    assert _case_count(database) == 0


def test_every_broken_rule_of_every_defendant_is_reported_at_once(court, database, new_case, new_defendant):
    command = new_case("01AB1234526", new_defendant(), new_defendant("Grace", "Okafor 2nd", offences=[]))

    with pytest.raises(ValidationFailed) as refused:
        court.create_case(command)

    assert {e.field for e in refused.value.errors} == {"defendants.1.last_name", "defendants.1.offences"}
    assert _case_count(database) == 0


def test_a_duplicate_urn_is_refused_and_the_first_case_is_kept(court, database, new_case, new_defendant):
    court.create_case(new_case("01AB1234526", new_defendant("Siân", "Evans")))

    with pytest.raises(DuplicateReference):
        court.create_case(new_case("01AB1234526", new_defendant("Mohammed", "Khan")))

    case = court.read(cases.get_case, court.listing_officer, "01AB1234526")
    assert [d.last_name for d in case.defendants] == ["Evans"]
    assert _case_count(database) == 1


def test_a_listing_officer_cannot_create_a_case_for_another_court_centre(court, database, new_case):
    with pytest.raises(ValidationFailed) as refused:
        court.create_case(new_case("01AB1234526", court_centre="MAG02"))

    assert [e.field for e in refused.value.errors] == ["court_centre"]
    assert _case_count(database) == 0


def test_a_case_of_another_court_centre_is_reported_as_not_found(court, southbridge_adviser):
    court.create_case()

    with pytest.raises(NotFound):
        court.read(cases.get_case, southbridge_adviser, "01AB1234526")


def test_a_search_finds_a_defendant_by_the_start_of_their_surname(court, legal_adviser, new_case, new_defendant):
    court.create_case(new_case("01AB1234526", new_defendant("Aoife", "O'Brien")))
    court.create_case(new_case("01AB1234527", new_defendant("Thi Mai", "Nguyễn")))

    found, total = court.read(cases.search_cases, legal_adviser, court_centre=None, text="o'br", page=1, page_size=20)

    assert (total, [c.urn for c in found]) == (1, ["01AB1234526"])


def test_a_search_never_returns_another_centres_cases(court, southbridge_adviser):
    court.create_case()

    found, total = court.read(cases.search_cases, southbridge_adviser, court_centre=None, text=None, page=1, page_size=20)
    with pytest.raises(NotFound):
        court.read(cases.search_cases, southbridge_adviser, court_centre="MAG01", text=None, page=1, page_size=20)

    assert (found, total) == ([], 0)
