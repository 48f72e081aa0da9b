"""What each outcome requires and allows, and what it sets in motion."""

from datetime import date, datetime, time

from reference_system.domain.calendar import LONDON
from reference_system.domain.curfew import Curfew, ExclusionZone
from reference_system.domain.model import Agency, CustodyStatus
from reference_system.domain.people import Address
from reference_system.domain.results import Outcome, Result, result_errors

HEARING_DAY = date(2026, 11, 27)
CURFEW = Curfew(address=Address("1 High Street", "NG1 1AA"), start_time=time(19), end_time=time(7),
                starts_at=datetime(2026, 11, 27, 16, tzinfo=LONDON))


def fields(result):
    return [e.field for e in result_errors(result, HEARING_DAY)]


def test_conditional_bail_with_a_curfew_is_valid():
    assert fields(Result(Outcome.ADJOURNED_CONDITIONAL_BAIL, date(2026, 12, 11), curfew=CURFEW)) == []


def test_a_fine_cannot_carry_a_curfew():
    assert fields(Result(Outcome.FINE, curfew=CURFEW)) == ["curfew"]


def test_a_community_order_needs_its_length():
    assert fields(Result(Outcome.COMMUNITY_ORDER, curfew=CURFEW)) == ["order_length_months"]
    assert fields(Result(Outcome.COMMUNITY_ORDER, order_length_months=37, curfew=CURFEW)) == ["order_length_months"]
    assert fields(Result(Outcome.COMMUNITY_ORDER, order_length_months=12, curfew=CURFEW)) == []


def test_a_community_order_of_three_years_needs_a_curfew_end_within_two_years():
    assert fields(Result(Outcome.COMMUNITY_ORDER, order_length_months=36, curfew=CURFEW)) == ["curfew.ends_on"]


def test_the_next_hearing_must_be_after_this_one_and_only_for_adjournments():
    assert fields(Result(Outcome.ADJOURNED_UNCONDITIONAL_BAIL, HEARING_DAY)) == ["next_hearing.date"]
    assert fields(Result(Outcome.FINE, date(2026, 12, 11))) == ["next_hearing.date"]


def test_an_exclusion_zone_needs_a_description_and_an_end_after_its_start():
    zone = ExclusionZone(description="", starts_on=date(2026, 11, 28), ends_on=date(2026, 11, 1))
    assert fields(Result(Outcome.ADJOURNED_CONDITIONAL_BAIL, exclusion_zone=zone)) == [
        "exclusion_zone.description", "exclusion_zone.ends_on"
    ]


def test_custody_status_follows_the_outcome():
    assert Result(Outcome.ADJOURNED_CONDITIONAL_BAIL).custody_status_after() is CustodyStatus.CONDITIONAL_BAIL
    assert Result(Outcome.REMANDED_IN_CUSTODY).custody_status_after() is CustodyStatus.IN_CUSTODY
    assert Result(Outcome.CUSTODIAL_SENTENCE).custody_status_after() is CustodyStatus.IN_CUSTODY
    assert Result(Outcome.ACQUITTED).custody_status_after() is CustodyStatus.NOT_APPLICABLE


def test_prison_hears_of_custody_and_probation_of_community_orders():
    assert Result(Outcome.REMANDED_IN_CUSTODY).agencies_to_notify() == [Agency.PRISON]
    assert Result(Outcome.CUSTODIAL_SENTENCE).agencies_to_notify() == [Agency.PRISON]
    assert Result(Outcome.COMMUNITY_ORDER, order_length_months=6).agencies_to_notify() == [Agency.PROBATION]
    assert Result(Outcome.FINE).agencies_to_notify() == []


def test_a_community_order_ends_at_its_start_plus_its_length():
    order = Result(Outcome.COMMUNITY_ORDER, order_length_months=12, curfew=CURFEW)
    assert order.order_ends_on() == date(2027, 11, 27)
