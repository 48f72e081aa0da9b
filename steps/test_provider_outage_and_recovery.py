"""EM provider outage and recovery: outages, lost answers and slow answers lose and duplicate nothing."""

from __future__ import annotations

from pytest_bdd import given, scenarios, then

from steps.parameters import step
from steps.records import CaseFile
from steps.screenplay.questions import NotificationsFor, eventually
from steps.screenplay.tasks import LoseTheProvidersAnswers, SlowTheProviderDown
from steps.shared.em_orders import ledger_entries_for, orders_of
from steps.shared.provider import the_operator_does, wait_until_deliveries_settle

scenarios("provider_outage_and_recovery.feature")

FAILED_DELIVERY_WITHIN_SECONDS = 10


@given("the EM provider's next answer will be lost on the way back")
def the_next_answer_will_be_lost(test_operator, court_admin) -> None:
    """The provider will take the next order but its answer never reaches the platform (as in a time-out)."""
    wait_until_deliveries_settle(court_admin)
    the_operator_does(test_operator, LoseTheProvidersAnswers(1))


@given(step("the EM provider answers slowly for {seconds:d} seconds"))
def the_provider_is_slow(test_operator, seconds: int) -> None:
    """Every answer from the provider takes one and a half seconds, for a while."""
    the_operator_does(test_operator, SlowTheProviderDown(ms=1500, seconds=seconds))


@given("the order is waiting for the provider, with the failed delivery recorded")
@then("the order is waiting for the provider, with the failed delivery recorded")
def the_order_visibly_waits(legal_adviser, case: CaseFile) -> None:
    """The order is not acknowledged, and the court can see that delivery was tried and why it failed."""
    def state():
        orders = orders_of(legal_adviser, case, case.defendant_ids[0])
        messages = [m for m in legal_adviser.asks(NotificationsFor(case.urn)) if m.get("agency") == "em-provider"]
        return orders, messages

    orders, messages = eventually(state, until=lambda s: bool(s[1]) and all(
        (m.get("attempts") or 0) >= 1 and m.get("last_error") for m in s[1]), within=FAILED_DELIVERY_WITHIN_SECONDS)
    assert orders and orders[-1].get("status") == "PENDING", (
        f"Expected the EM order for {case.label(1)} to be waiting for the provider, but the court sees "
        f"{[o.get('status') for o in orders] or 'no order'}")
    assert messages and messages[0].get("last_error"), (
        f"Expected the court to see that delivering the EM order for {case.label(1)} failed and why, but the "
        f"message shows {messages[0].get('attempts') if messages else 'no'} attempt(s) and no error")


@then("the EM provider holds no order for the defendant")
def the_provider_holds_nothing(legal_adviser, test_operator, case: CaseFile) -> None:
    """Nothing reached the provider while it was down."""
    held = ledger_entries_for(test_operator, orders_of(legal_adviser, case, case.defendant_ids[0]), "NEW")
    assert not held, f"Expected the EM provider to hold no order for {case.label(1)} while down, but it holds {len(held)}"
