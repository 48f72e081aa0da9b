"""Curfew arithmetic and legal limits, at their exact boundaries and on the clock-change nights."""

from datetime import date, datetime, time

import pytest

from reference_system.domain.calendar import LONDON
from reference_system.domain.curfew import Curfew, curfew_errors
from reference_system.domain.people import Address

HOME = Address(line1="1 High Street", postcode="NG1 1AA")


def curfew(start="19:00", end="07:00", *, starts_at=datetime(2026, 11, 27, 16, 0, tzinfo=LONDON), ends_on=None, days=None, address=HOME):
    return Curfew(address=address, start_time=time.fromisoformat(start), end_time=time.fromisoformat(end),
                  starts_at=starts_at, ends_on=ends_on, days=days)


def fields(errors):
    return [e.field for e in errors]


def test_an_overnight_curfew_is_twelve_wall_clock_hours():
    assert curfew("19:00", "07:00").daily_hours == 12
    assert curfew("19:00", "07:00").crosses_midnight


def test_a_daytime_curfew_does_not_cross_midnight():
    assert curfew("09:00", "17:00").daily_hours == 8
    assert not curfew("09:00", "17:00").crosses_midnight


def test_the_spring_clock_change_night_is_an_hour_shorter():
    # Clocks go forward at 01:00 on Sunday 29 March 2026: 19:00 Saturday to 07:00 Sunday is 11 real hours.
    assert curfew().real_hours_on(date(2026, 3, 28)) == 11


def test_the_autumn_clock_change_night_is_an_hour_longer():
    # Clocks go back at 02:00 on Sunday 25 October 2026: the same window is 13 real hours.
    assert curfew().real_hours_on(date(2026, 10, 24)) == 13


def test_an_ordinary_night_is_twelve_real_hours():
    assert curfew().real_hours_on(date(2026, 11, 27)) == 12


@pytest.mark.parametrize(("start", "end", "accepted"), [
    ("19:00", "21:00", True),   # exactly 2 hours
    ("19:00", "20:59", False),  # a minute short
    ("10:00", "06:00", True),   # exactly 20 hours, overnight
    ("10:00", "06:01", False),  # a minute over
    ("10:00", "07:00", False),  # 21 hours
])
def test_a_bail_curfew_is_two_to_twenty_hours_a_day(start, end, accepted):
    errors = curfew_errors(curfew(start, end), community_order=False, order_ends_on=None)
    assert (errors == []) is accepted
    if not accepted:
        assert fields(errors) == ["curfew.end_time"]


def test_a_curfew_that_starts_and_ends_at_the_same_time_is_refused():
    assert fields(curfew_errors(curfew("19:00", "19:00"), community_order=False, order_ends_on=None)) == ["curfew.end_time"]


def test_a_community_order_curfew_of_sixteen_hours_every_day_is_112_hours_a_week_and_accepted():
    assert curfew_errors(curfew("16:00", "08:00"), community_order=True, order_ends_on=None) == []


def test_a_community_order_curfew_over_112_hours_a_week_is_refused():
    errors = curfew_errors(curfew("16:00", "08:10"), community_order=True, order_ends_on=None)
    assert fields(errors) == ["curfew.end_time"]
    assert "112 hours" in errors[0].message


def test_weekly_hours_count_only_the_days_chosen():
    five_days = curfew("10:00", "06:00", days=("MON", "TUE", "WED", "THU", "FRI"))
    assert five_days.weekly_hours == 100
    assert curfew_errors(five_days, community_order=True, order_ends_on=None) == []
    six_days = curfew("10:00", "06:00", days=("MON", "TUE", "WED", "THU", "FRI", "SAT"))
    assert fields(curfew_errors(six_days, community_order=True, order_ends_on=None)) == ["curfew.days"]


def test_a_bail_curfew_has_no_weekly_limit():
    assert curfew_errors(curfew("10:00", "06:00"), community_order=False, order_ends_on=None) == []


def test_a_community_order_curfew_may_last_exactly_two_years_but_not_a_day_more():
    ok = curfew(ends_on=date(2028, 11, 27))
    too_long = curfew(ends_on=date(2028, 11, 28))
    assert curfew_errors(ok, community_order=True, order_ends_on=None) == []
    assert fields(curfew_errors(too_long, community_order=True, order_ends_on=None)) == ["curfew.ends_on"]


def test_a_curfew_that_ends_before_it_starts_is_refused():
    errors = curfew_errors(curfew(ends_on=date(2026, 11, 1)), community_order=False, order_ends_on=None)
    assert fields(errors) == ["curfew.ends_on"]


def test_a_curfew_needs_an_address_with_a_real_postcode():
    errors = curfew_errors(curfew(address=Address(line1="", postcode="NOT A CODE")), community_order=False, order_ends_on=None)
    assert fields(errors) == ["curfew.address.line1", "curfew.address.postcode"]


def test_unknown_days_are_refused():
    assert fields(curfew_errors(curfew(days=("MON", "FUNDAY")), community_order=False, order_ends_on=None)) == ["curfew.days"]


def test_the_first_period_starts_the_same_evening_when_tagging_starts_in_the_afternoon():
    assert curfew().first_period_start() == datetime(2026, 11, 27, 19, 0, tzinfo=LONDON)


def test_the_first_period_is_already_running_when_tagging_starts_at_night():
    late = curfew(starts_at=datetime(2026, 11, 27, 22, 30, tzinfo=LONDON))
    assert late.first_period_start() == datetime(2026, 11, 27, 22, 30, tzinfo=LONDON)


def test_the_first_period_waits_for_the_first_curfew_day():
    # 27 November 2026 is a Friday; a weekend-only curfew starts on Saturday evening.
    weekend = curfew(days=("SAT", "SUN"))
    assert weekend.first_period_start() == datetime(2026, 11, 28, 19, 0, tzinfo=LONDON)


@pytest.mark.parametrize(("start", "end", "told"), [
    ("19:00", "20:59", "(this one is 1 hour 59 minutes)"),
    ("10:00", "07:00", "(this one is 21 hours)"),
    ("10:00", "06:01", "(this one is 20 hours 1 minute)"),
])
def test_a_refused_length_is_told_in_hours_and_minutes(start, end, told):
    errors = curfew_errors(curfew(start, end), community_order=False, order_ends_on=None)
    assert errors[0].message.endswith(told)


def test_a_refused_week_is_told_in_hours_and_minutes():
    errors = curfew_errors(curfew("16:00", "08:10"), community_order=True, order_ends_on=None)
    assert errors[0].message.endswith("(this one is 113 hours 10 minutes)")
