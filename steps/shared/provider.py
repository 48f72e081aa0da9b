"""Shared steps about the EM provider's availability (test mode) and the life of an EM order: rejected,
acknowledged, re-sent."""

from __future__ import annotations

from pytest_bdd import given, then, when

from steps.expectations.monitoring import expect_order_status, the_order
from steps.parameters import step
from steps.records import CaseFile
from steps.screenplay.actor import ArrangementFailed
from steps.screenplay.questions import PendingDeliveries, eventually
from steps.screenplay.tasks import (
    MakeTheProviderReject,
    Outcome,
    ResendEmOrder,
    RestoreTheProvider,
    TakeTheProviderDown,
)

SETTLE_WITHIN_SECONDS = 20


def the_operator_does(operator, task) -> Outcome:
    """The test operator changes the EM provider's behaviour; it must work, or the scene is not set."""
    outcome = operator.attempts_to(task)
    if not outcome.accepted:
        raise ArrangementFailed(f"Could not set the scene: the test operator tried to {task.describe()}, but the "
                                f"EM provider answered {outcome.summary()}")
    return outcome


def wait_until_deliveries_settle(court_admin) -> None:
    """Wait until nothing of the court centre waits for delivery, so that a fault aimed at 'the next order'
    hits the scenario's own order and not an earlier scenario's straggler."""
    eventually(lambda: court_admin.asks(PendingDeliveries()), until=lambda count: count == 0,
               within=SETTLE_WITHIN_SECONDS)


# --- Given ---------------------------------------------------------------------------------------------


@given(step("the EM provider is unavailable for {seconds:d} seconds"))
def the_provider_is_down_for(test_operator, seconds: int) -> None:
    """The EM provider answers every request with 'service unavailable' for a few seconds."""
    the_operator_does(test_operator, TakeTheProviderDown(seconds))


@given("the EM provider is unavailable")
def the_provider_is_down(test_operator) -> None:
    """The EM provider answers every request with 'service unavailable' until it is brought back."""
    the_operator_does(test_operator, TakeTheProviderDown())


@given("the EM provider will reject the next order")
def the_provider_will_reject(test_operator, court_admin) -> None:
    """The EM provider refuses the next order it receives (as it would an order it cannot act on)."""
    wait_until_deliveries_settle(court_admin)
    the_operator_does(test_operator, MakeTheProviderReject(1))


@given("the order has been rejected")
def the_order_has_been_rejected(legal_adviser, case: CaseFile) -> None:
    """The defendant's EM order has come back rejected from the provider."""
    expect_order_status(legal_adviser, case, "REJECTED", arranging=True)


@given("the EM provider has acknowledged the order")
def the_provider_has_acknowledged(legal_adviser, case: CaseFile) -> None:
    """The defendant's EM order has been acknowledged by the provider."""
    expect_order_status(legal_adviser, case, "ACKNOWLEDGED", arranging=True)


# --- When ----------------------------------------------------------------------------------------------


@when("the EM provider becomes available again")
def the_provider_comes_back(test_operator) -> None:
    """Every fault on the EM provider is cleared."""
    the_operator_does(test_operator, RestoreTheProvider())


@when("the court admin re-sends the order", target_fixture="outcome")
def the_court_admin_resends(court_admin, case: CaseFile) -> Outcome:
    """The court admin sends the defendant's rejected EM order to the provider again."""
    return court_admin.attempts_to(ResendEmOrder(the_order(court_admin, case)["id"]))


# --- Then ----------------------------------------------------------------------------------------------


@then("the order is rejected")
def the_order_is_rejected(legal_adviser, case: CaseFile) -> None:
    """The court sees the defendant's EM order as rejected by the provider."""
    expect_order_status(legal_adviser, case, "REJECTED")
