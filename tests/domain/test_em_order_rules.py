"""Which EM order a shared result calls for, and its deadline: the rule the 2022 incident broke."""

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta

from reference_system.domain.calendar import LONDON
from reference_system.domain.curfew import Curfew, ExclusionZone
from reference_system.domain.em_orders import order_deadline, order_kind_for
from reference_system.domain.model import OrderKind
from reference_system.domain.people import Address
from reference_system.domain.results import Outcome, Result

CURFEW = Curfew(address=Address("1 High Street", "NG1 1AA"), start_time=time(19), end_time=time(7),
                starts_at=datetime(2026, 11, 27, 16, tzinfo=LONDON))
BAIL_WITH_EM = Result(Outcome.ADJOURNED_CONDITIONAL_BAIL, date(2026, 12, 11), curfew=CURFEW)
SHARED_AT = datetime(2026, 11, 27, 12, tzinfo=UTC)


def test_bail_with_an_electronically_monitored_curfew_needs_a_new_order():
    assert order_kind_for(None, BAIL_WITH_EM) is OrderKind.NEW


def test_a_curfew_without_electronic_monitoring_needs_no_order():
    unmonitored = replace(BAIL_WITH_EM, curfew=replace(CURFEW, electronically_monitored=False))
    assert order_kind_for(None, unmonitored) is None


def test_an_electronically_monitored_exclusion_zone_alone_needs_an_order():
    zone = ExclusionZone("Northgate town centre", date(2026, 11, 28))
    assert order_kind_for(None, Result(Outcome.ADJOURNED_CONDITIONAL_BAIL, exclusion_zone=zone)) is OrderKind.NEW


def test_changed_curfew_hours_need_a_variation():
    later = replace(BAIL_WITH_EM, curfew=replace(CURFEW, start_time=time(20)))
    assert order_kind_for(BAIL_WITH_EM, later) is OrderKind.VARIATION


def test_a_new_next_hearing_date_changes_when_bail_monitoring_ends_so_needs_a_variation():
    assert order_kind_for(BAIL_WITH_EM, replace(BAIL_WITH_EM, next_hearing_date=date(2026, 12, 18))) is OrderKind.VARIATION


def test_custody_acquittal_or_removing_monitoring_needs_a_revocation():
    assert order_kind_for(BAIL_WITH_EM, Result(Outcome.REMANDED_IN_CUSTODY, date(2026, 12, 11))) is OrderKind.REVOCATION
    assert order_kind_for(BAIL_WITH_EM, Result(Outcome.ACQUITTED)) is OrderKind.REVOCATION
    assert order_kind_for(BAIL_WITH_EM, replace(BAIL_WITH_EM, curfew=None)) is OrderKind.REVOCATION


def test_an_unchanged_requirement_needs_no_order():
    assert order_kind_for(BAIL_WITH_EM, BAIL_WITH_EM) is None


def test_a_new_order_is_due_when_the_first_curfew_starts():
    assert order_deadline(OrderKind.NEW, BAIL_WITH_EM, SHARED_AT) == datetime(2026, 11, 27, 19, tzinfo=LONDON)


def test_a_revocation_is_due_two_hours_after_sharing():
    custody = Result(Outcome.REMANDED_IN_CUSTODY)
    assert order_deadline(OrderKind.REVOCATION, custody, SHARED_AT) == SHARED_AT + timedelta(hours=2)


def test_a_variation_shared_after_the_first_curfew_began_is_due_at_the_next_one():
    shared_later = datetime(2026, 11, 29, 12, tzinfo=UTC)
    assert order_deadline(OrderKind.VARIATION, BAIL_WITH_EM, shared_later) == datetime(2026, 11, 29, 19, tzinfo=LONDON)
