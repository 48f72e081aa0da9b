"""Shared steps about the EM provider's availability (test mode) and the life of an EM order: rejected,
acknowledged, re-sent."""

from __future__ import annotations

from pytest_bdd import given, then, when

from steps.parameters import step
from steps.records import CaseFile
from steps.screenplay.actor import ArrangementFailed
from steps.screenplay.questions import eventually
from steps.screenplay.tasks import (
    MakeTheProviderReject,
    Outcome,
    Read,
    ResendEmOrder,
    RestoreTheProvider,
    TakeTheProviderDown,
)
from steps.shared.em_orders import ACKNOWLEDGED_WITHIN_SECONDS, orders_of

SETTLE_WITHIN_SECONDS = 15


def the_operator_does(operator, task) -> Outcome:
    outcome = operator.attempts_to(task)
    if not outcome.accepted:
        raise ArrangementFailed(f"Could not set the scene: the test operator tried to {task.describe()}, "
                                f"but the EM provider answered {outcome.summary()}")
    return outcome


def wait_until_deliveries_settle(court_admin) -> None:
    """Wait until no message of the court centre is waiting for delivery, so that a fault aimed at 'the
    next order' hits the scenario's own order and not an earlier scenario's straggler."""
    def pending() -> int:
        outcome = court_admin.attempts_to(Read("/api/v1/notifications", (("status", "PENDING"),)))
        body = outcome.body if outcome.accepted else {}
        return int(body.get("total", len(body.get("items", [])))) if isinstance(body, dict) else len(body)

    eventually(pending, until=lambda count: count == 0, within=SETTLE_WITHIN_SECONDS)


def the_order(actor, case: CaseFile) -> dict:
    orders = orders_of(actor, case, case.defendant_ids[0])
    assert orders, f"Expected an EM order for {case.label(1)}, but the platform created none"
    return orders[-1]


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
    order = eventually(lambda: the_order(legal_adviser, case), until=lambda o: o.get("status") == "REJECTED",
                       within=ACKNOWLEDGED_WITHIN_SECONDS)
    if order.get("status") != "REJECTED":
        raise ArrangementFailed(f"Could not set the scene: the EM order for {case.label(1)} was meant to be "
                                f"rejected by the provider, but it is {order.get('status')}")


@given("the EM provider has acknowledged the order")
def the_provider_has_acknowledged(legal_adviser, case: CaseFile) -> None:
    """The defendant's EM order has been acknowledged by the provider."""
    order = eventually(lambda: the_order(legal_adviser, case),
                       until=lambda o: o.get("status") == "ACKNOWLEDGED", within=ACKNOWLEDGED_WITHIN_SECONDS)
    if order.get("status") != "ACKNOWLEDGED":
        raise ArrangementFailed(f"Could not set the scene: the EM order for {case.label(1)} should have been "
                                f"acknowledged, but it is {order.get('status')}")


# --- When ----------------------------------------------------------------------------------------------


@when("the EM provider becomes available again")
def the_provider_comes_back(test_operator) -> None:
    """Every fault on the EM provider is cleared."""
    the_operator_does(test_operator, RestoreTheProvider())


@when("the court admin re-sends the order")
def the_court_admin_resends(court_admin, case: CaseFile) -> None:
    """The court admin sends the defendant's rejected EM order to the provider again."""
    outcome = court_admin.attempts_to(ResendEmOrder(the_order(court_admin, case)["id"]))
    assert outcome.accepted, (f"The court admin could not re-send the EM order for {case.label(1)}: "
                              f"{outcome.summary()}")


# --- Then ----------------------------------------------------------------------------------------------


@then("the order is rejected")
def the_order_is_rejected(legal_adviser, case: CaseFile) -> None:
    """The court sees the defendant's EM order as rejected by the provider."""
    order = eventually(lambda: the_order(legal_adviser, case), until=lambda o: o.get("status") == "REJECTED",
                       within=ACKNOWLEDGED_WITHIN_SECONDS)
    assert order.get("status") == "REJECTED", (
        f"Expected the court to see the EM order for {case.label(1)} as rejected by the provider, but it is "
        f"{order.get('status')}")
