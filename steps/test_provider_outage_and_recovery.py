"""EM provider outage and recovery: outages, lost answers and slow answers lose and duplicate nothing."""

from __future__ import annotations

from pytest_bdd import given, scenarios, then

from steps.expectations.monitoring import expect_provider_holds_none, expect_visibly_waiting
from steps.parameters import step
from steps.records import CaseFile
from steps.screenplay.tasks import LoseTheProvidersAnswers, SlowTheProviderDown
from steps.shared.provider import the_operator_does, wait_until_deliveries_settle

scenarios("provider_outage_and_recovery.feature")


@given("the EM provider's next answer will be lost on the way back")
def the_next_answer_will_be_lost(test_operator, court_admin) -> None:
    """The provider will take the next order, but its answer never reaches the platform (as in a time-out)."""
    wait_until_deliveries_settle(court_admin)
    the_operator_does(test_operator, LoseTheProvidersAnswers(1))


@given(step("the EM provider answers slowly for {seconds:d} seconds"))
def the_provider_is_slow(test_operator, seconds: int) -> None:
    """Every answer from the provider takes a second, for a while."""
    the_operator_does(test_operator, SlowTheProviderDown(ms=1000, seconds=seconds))


@then("the order is waiting for the provider, with the failed delivery recorded")
def the_order_visibly_waits(legal_adviser, case: CaseFile) -> None:
    """The order is not acknowledged, and the court can see that delivery was tried and why it failed."""
    expect_visibly_waiting(legal_adviser, case)


@then("the EM provider holds no order for the defendant")
def the_provider_holds_nothing(legal_adviser, test_operator, case: CaseFile) -> None:
    """Nothing reached the provider while it was down."""
    expect_provider_holds_none(legal_adviser, test_operator, case)
