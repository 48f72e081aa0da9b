"""Shared steps about EM orders: what the platform created, and what the EM provider holds and acknowledged."""

from __future__ import annotations

from pytest_bdd import then

from steps.expectations.monitoring import (
    expect_acknowledged_before,
    expect_acknowledged_with_reference,
    expect_new_orders_due,
    expect_no_em_order,
    expect_provider_holds_exactly,
)
from steps.parameters import step
from steps.records import CaseFile


@then(step("the defendant has {count:d} new EM order, due when the first curfew starts {day:Day} at {time:Time}"))
def the_defendant_has_new_orders_due(legal_adviser, case: CaseFile, calendar, count: int, day: str, time: str):
    """The platform created exactly `count` NEW orders for the defendant, due when the first curfew starts."""
    expect_new_orders_due(legal_adviser, case, count, calendar.at(calendar.day(day), time))


@then(step("{who:Defendants} has an EM order acknowledged by the provider before the first curfew starts "
           "{day:Day} at {time:Time}"))
def acknowledged_before_first_curfew(legal_adviser, case: CaseFile, calendar, who, day: str, time: str):
    """Each defendant meant has a NEW EM order, acknowledged by the provider before their first curfew."""
    expect_acknowledged_before(legal_adviser, case, who, calendar.at(calendar.day(day), time))


@then(step("the EM provider holds exactly {count:d} new EM order for {who:Defendants}"))
def the_provider_holds_exactly(legal_adviser, test_operator, case: CaseFile, count: int, who) -> None:
    """The provider's own ledger holds exactly `count` NEW orders per defendant meant: none lost, none doubled."""
    expect_provider_holds_exactly(legal_adviser, test_operator, case, count, who)


@then(step("the EM provider acknowledges the {kind:OrderKind} with its own reference"))
def the_provider_acknowledges(legal_adviser, test_operator, case: CaseFile, kind: str) -> None:
    """The latest order of this kind is acknowledged, with the reference the provider holds in its ledger."""
    expect_acknowledged_with_reference(legal_adviser, test_operator, case, kind)


@then(step("{who:Defendants} has no EM order"))
def has_no_em_order(legal_adviser, case: CaseFile, who) -> None:
    """No EM order of any kind exists for the defendants meant."""
    expect_no_em_order(legal_adviser, case, who)
