"""The Hypothesis strategies build payloads the contract accepts (judged by the platform's own domain rules,
without HTTP), hit the boundaries they promise, and keep their malformed ones malformed."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from fixtures import strategies as s
from reference_system.domain.calendar import LONDON
from reference_system.domain.curfew import Curfew
from reference_system.domain.people import address_errors, date_of_birth_errors, name_errors, pnc_id_errors
from reference_system.domain.results import result_errors
from reference_system.service_layer.mappers import address_from, result_from
from reference_system.web.schemas import CaseCreate, HearingCreate, NextHearing, ResultDraft

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
HEARING_DAY = date(2027, 3, 26)


@FAST
@given(s.names())
def test_every_generated_name_is_a_valid_name(name):
    assert name_errors(name, "first_name") == []


def test_the_names_include_the_ones_systems_have_refused():
    for name in ("Christopher", "O'Brien", "O’Brien", "Siân", "Nguyễn", "Smith-Jones"):
        assert name in s.REAL_FIRST_NAMES + s.REAL_LAST_NAMES
        assert name_errors(name, "last_name") == []


@FAST
@given(s.addresses())
def test_every_generated_address_is_a_valid_address(address):
    assert address_errors(address_from(address), "address") == []


@FAST
@given(s.postcodes())
def test_a_postcode_reads_back_in_royal_mail_form(postcode):
    canonical = s.canonical_postcode(postcode)
    assert canonical == canonical.upper() and canonical.count(" ") == 1


@FAST
@given(s.cases())
def test_every_generated_case_is_a_valid_case(case):
    CaseCreate.model_validate(case)
    for defendant in case["defendants"]:
        assert date_of_birth_errors(date.fromisoformat(defendant["date_of_birth"]), date.today(), "dob") == []
        assert pnc_id_errors(defendant["pnc_id"], "pnc_id") == []


@FAST
@given(s.hearings())
def test_every_generated_hearing_is_a_valid_hearing(hearing):
    HearingCreate.model_validate(hearing)


@FAST
@given(st.data(), s.hearing_days())
def test_every_generated_result_keeps_the_courts_rules(data, hearing_day):
    result = data.draw(s.results(hearing_day))
    ResultDraft.model_validate({"version": 1, **result})
    assert result_errors(result_from(result), hearing_day) == []


@FAST
@given(st.data(), s.hearing_days(), st.integers(0, 200))
def test_every_amendment_keeps_the_rules_and_changes_something(data, shared_on, days_later):
    """Amended at the same hearing or at a later one (where an old next hearing may have passed)."""
    previous = data.draw(s.results(shared_on))
    amended_on = shared_on + timedelta(days=days_later)
    amended = data.draw(s.amendments(previous, amended_on))
    assert amended != previous
    assert result_errors(result_from(amended), amended_on) == []


@FAST
@given(st.data(), s.hearing_days())
def test_a_curfew_round_trips_through_the_contracts_own_serialisation(data, hearing_day):
    result = data.draw(s.bail_results(hearing_day, electronic_monitoring=True))
    echoed = ResultDraft.model_validate({"version": 1, **result}).model_dump(mode="json", exclude={"version"})
    assert echoed == result


@FAST
@given(s.curfew_windows())
def test_a_curfew_window_is_two_to_twenty_hours(window):
    assert 120 <= s.minutes_between(window["start_time"], window["end_time"]) <= 1200


@FAST
@given(s.out_of_range_curfew_windows())
def test_an_out_of_range_window_is_outside_two_to_twenty_hours(window):
    minutes = s.minutes_between(window["start_time"], window["end_time"])
    assert minutes < 120 or minutes > 1200


def test_curfew_windows_reach_both_limits_and_cross_midnight():
    seen = set()

    @settings(max_examples=300, database=None, deadline=None)
    @given(s.curfew_windows())
    def collect(window):
        minutes = s.minutes_between(window["start_time"], window["end_time"])
        seen.add(minutes)
        if window["end_time"] <= window["start_time"]:
            seen.add("overnight")

    collect()
    assert {120, 1200, "overnight"} <= seen


def test_the_clock_change_nights_are_the_eves_of_the_last_sundays_of_march_and_october():
    assert s.clock_change_days(2027) == (date(2027, 3, 28), date(2027, 10, 31))
    spring, autumn = s.clock_change_days(2027)
    curfew = Curfew(address=None, start_time=time(19), end_time=time(7),
                    starts_at=datetime(2027, 3, 27, 19, tzinfo=LONDON))
    assert curfew.real_hours_on(spring - timedelta(days=1)) == 11
    assert curfew.real_hours_on(autumn - timedelta(days=1)) == 13


def test_a_time_in_the_spring_gap_is_written_as_the_moment_it_becomes():
    assert s.london_iso(date(2027, 3, 28), time(1, 30)) == "2027-03-28T02:30:00+01:00"


@FAST
@given(s.malformed_dates())
def test_a_malformed_date_is_refused_by_the_contracts_schema(value):
    with pytest.raises(ValidationError):
        NextHearing.model_validate({"date": value})
