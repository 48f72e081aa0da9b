"""Listing hearings and reading them back: the case's court centre, London wall-clock, one centre's list."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from reference_system.domain.calendar import LONDON
from reference_system.domain.model import Role
from reference_system.service_layer import hearings
from reference_system.service_layer.access import Principal
from reference_system.service_layer.commands import ListHearing
from reference_system.service_layer.errors import NotFound
from reference_system.service_layer.unit_of_work import UnitOfWork


def test_a_listed_hearing_starts_listed_at_version_one_in_the_cases_court_centre(court):
    case = court.create_case()

    hearing = court.list_hearing(case.urn, starts_at=datetime(2026, 7, 14, 10, 0, tzinfo=LONDON), type="TRIAL")

    stored = court.hearing(hearing.id)
    assert (stored.state, stored.version, stored.type) == ("LISTED", 1, "TRIAL")
    assert stored.court_centre == "MAG01"
    assert stored.case.urn == case.urn
    assert stored.results == []
    assert stored.starts_at == datetime(2026, 7, 14, 10, 0, tzinfo=LONDON)


def test_a_start_time_without_an_offset_is_read_as_london_wall_clock(court):
    case = court.create_case()

    hearing = court.list_hearing(case.urn, starts_at=datetime(2026, 7, 14, 10, 0))

    assert court.hearing(hearing.id).starts_at == datetime(2026, 7, 14, 9, 0, tzinfo=UTC)  # 10:00 summer time


def test_the_court_list_shows_the_days_hearings_of_the_users_centre(court, legal_adviser, southbridge_adviser):
    case = court.create_case()
    today = court.list_hearing(case.urn, starts_at=datetime(2026, 7, 14, 10, 0, tzinfo=LONDON))
    court.list_hearing(case.urn, starts_at=datetime(2026, 7, 15, 10, 0, tzinfo=LONDON))

    assert [h.id for h in court.read(hearings.court_list, court.clock, legal_adviser, None, None)] == [today.id]
    assert court.read(hearings.court_list, court.clock, southbridge_adviser, None, date(2026, 7, 14)) == []


def test_a_hearing_of_another_court_centre_is_reported_as_not_found(court, southbridge_adviser):
    case = court.create_case()
    hearing = court.list_hearing(case.urn)

    with pytest.raises(NotFound):
        court.read(hearings.get_hearing, southbridge_adviser, hearing.id)


def test_a_hearing_cannot_be_listed_on_another_centres_case(court, database, clock):
    court.create_case()
    southbridge_listing = Principal("listing@MAG02", Role.LISTING_OFFICER, "MAG02")

    with UnitOfWork(database, write=True) as uow, pytest.raises(NotFound):
        hearings.list_hearing(uow, clock, southbridge_listing,
                              ListHearing(urn="01AB1234526", type="TRIAL", courtroom="1",
                                          starts_at=datetime(2026, 7, 14, 10, 0, tzinfo=LONDON)))

    assert court.read(hearings.court_list, clock, court.legal_adviser, None, None) == []
