"""Work queue: overdue and rejected EM orders, failing messages, re-sending, court-centre scoping."""

from __future__ import annotations

from datetime import timedelta

from pytest_bdd import given, scenarios, then, when

from steps.parameters import phrase_type, step
from steps.records import CaseFile
from steps.screenplay.actor import ArrangementFailed
from steps.screenplay.questions import NotificationsFor, TheWorkQueue, eventually
from steps.screenplay.tasks import MoveThePlatformClockTo
from steps.shared.em_orders import at, orders_of
from steps.shared.provider import the_order

scenarios("work_queue.feature")

QUEUE_WITHIN_SECONDS = 10
QUEUE_KINDS = phrase_type({"overdue": "EM_ORDER_OVERDUE", "rejected, with the provider's reason": "EM_ORDER_REJECTED"})
FAILING_WITHIN_SECONDS = 25


def items_about(queue: list[dict], key: str, identifier: int) -> list[dict]:
    return [item for item in queue if item.get(key) == identifier]


def message_to(actor, case: CaseFile, agency: str) -> dict | None:
    messages = [m for m in actor.asks(NotificationsFor(case.urn)) if m.get("agency") == agency]
    return messages[-1] if messages else None


# --- Given / When --------------------------------------------------------------------------------------


@given("the first curfew has started without the provider having acknowledged the order")
@when("the first curfew starts without the provider having acknowledged the order")
def the_first_curfew_starts(legal_adviser, test_operator, case: CaseFile) -> None:
    """The platform clock reaches a minute past the start of the first curfew, with the order unacknowledged."""
    order = the_order(legal_adviser, case)
    if order.get("status") == "ACKNOWLEDGED":
        raise ArrangementFailed(f"Could not set the scene: the EM order for {case.label(1)} was acknowledged "
                                "although the provider was meant to be unavailable")
    test_operator.attempts_to(MoveThePlatformClockTo(at(order["deadline"]) + timedelta(minutes=1)))


@when(step("delivery of the messages about the case has failed {count:d} times"))
def delivery_has_failed(legal_adviser, case: CaseFile, count: int) -> None:
    """The platform has tried, and failed, to deliver every message about the case this many times."""
    messages = eventually(lambda: legal_adviser.asks(NotificationsFor(case.urn)),
                          until=lambda ms: bool(ms) and all((m.get("attempts") or 0) >= count for m in ms),
                          within=FAILING_WITHIN_SECONDS)
    tried = {m.get("agency"): m.get("attempts") for m in messages}
    assert messages and all((attempts or 0) >= count for attempts in tried.values()), (
        f"Expected the platform to have tried {count} times to deliver each message about case {case.urn}, but "
        f"in {FAILING_WITHIN_SECONDS} s it tried: {tried or 'no message at all'}")


# --- Then ----------------------------------------------------------------------------------------------


@then("the order is flagged overdue")
def the_order_is_overdue(legal_adviser, case: CaseFile) -> None:
    """The court sees the defendant's EM order as overdue."""
    order = eventually(lambda: the_order(legal_adviser, case), until=lambda o: bool(o.get("overdue")),
                       within=QUEUE_WITHIN_SECONDS)
    assert order.get("overdue"), (
        f"Expected the EM order for {case.label(1)} to be flagged overdue once the first curfew had started "
        f"unacknowledged, but it is not (status {order.get('status')})")


@then(step("the court admin sees the defendant's order on the work queue as {kind:QueueKind}",
           QueueKind=QUEUE_KINDS))
def on_the_work_queue_as(court_admin, legal_adviser, case: CaseFile, kind: str) -> None:
    """The court admin's work queue lists the defendant's EM order, overdue or rejected (with the reason)."""
    expected = kind
    order_id = the_order(legal_adviser, case)["id"]
    queue = eventually(lambda: court_admin.asks(TheWorkQueue()),
                       until=lambda q: any(i.get("kind") == expected for i in items_about(q, "em_order_id", order_id)),
                       within=QUEUE_WITHIN_SECONDS)
    items = items_about(queue, "em_order_id", order_id)
    assert any(i.get("kind") == expected for i in items), (
        f"Expected the court admin to see the EM order for {case.label(1)} on the work queue as {kind}, but "
        f"the work queue shows it as: {[i.get('kind') for i in items] or 'not there at all'}")
    if expected == "EM_ORDER_REJECTED":
        assert all(i.get("detail") for i in items), (
            f"Expected the work queue to give the provider's reason for rejecting the order for {case.label(1)}, "
            "but it gives none")


@then("the court admin no longer sees the defendant's order on the work queue")
def off_the_work_queue(court_admin, legal_adviser, case: CaseFile) -> None:
    """Once acknowledged, the order leaves the work queue."""
    order_id = the_order(legal_adviser, case)["id"]
    queue = eventually(lambda: court_admin.asks(TheWorkQueue()),
                       until=lambda q: not items_about(q, "em_order_id", order_id), within=QUEUE_WITHIN_SECONDS)
    items = items_about(queue, "em_order_id", order_id)
    assert not items, (f"Expected the acknowledged EM order for {case.label(1)} to leave the work queue, but it is "
                       f"still there as {[i.get('kind') for i in items]}")


@then(step("the {staff:Staff} does not see the defendant's order on the work queue"))
def not_on_their_work_queue(cast, legal_adviser, case: CaseFile, staff) -> None:
    """The order is not on this court admin's work queue."""
    order_id = the_order(legal_adviser, case)["id"]
    actor = cast.court_user(*staff)
    items = items_about(actor.asks(TheWorkQueue()), "em_order_id", order_id)
    assert not items, (f"Expected {actor.name} not to see the EM order for {case.label(1)} on their work queue, "
                       f"but it is there as {[i.get('kind') for i in items]}")


@then(step("the court admin sees the message to {agency:Agency} on the work queue as failing"))
def failing_on_the_work_queue(court_admin, legal_adviser, case: CaseFile, agency: str) -> None:
    """A message that keeps failing is on the work queue, so that someone acts on it."""
    message = message_to(legal_adviser, case, agency)
    assert message is not None, f"Expected a message to {agency} about case {case.urn}, but there is none"
    queue = eventually(lambda: court_admin.asks(TheWorkQueue()),
                       until=lambda q: any(i.get("kind") == "NOTIFICATION_FAILING"
                                           for i in items_about(q, "notification_id", message["id"])),
                       within=QUEUE_WITHIN_SECONDS)
    items = items_about(queue, "notification_id", message["id"])
    assert any(i.get("kind") == "NOTIFICATION_FAILING" for i in items), (
        f"Expected the court admin to see the message to {agency} about case {case.urn}, undelivered after "
        f"{message.get('attempts')} attempts, on the work queue as failing, but the work queue shows "
        f"{[i.get('kind') for i in items] or 'nothing about it'}")


@then("the messages are still being retried")
def still_retried(legal_adviser, case: CaseFile) -> None:
    """A failing message is never given up on: it stays waiting for delivery."""
    messages = legal_adviser.asks(NotificationsFor(case.urn))
    given_up = {m.get("agency"): m.get("status") for m in messages if m.get("status") != "PENDING"}
    assert messages and not given_up, (
        f"Expected every message about case {case.urn} to be retried still, but some are not: {given_up}")
    orders = orders_of(legal_adviser, case, case.defendant_ids[0])
    assert orders and orders[-1].get("status") != "REJECTED", "A failing delivery must not be treated as a rejection"
