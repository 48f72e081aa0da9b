"""Work queue: overdue and rejected EM orders, failing messages, re-sending, court-centre scoping."""

from __future__ import annotations

from datetime import timedelta

from pytest_bdd import scenarios, then, when

from steps.expectations.monitoring import (
    at,
    expect_delivery_tried,
    expect_message_failing_on_queue,
    expect_order_off_queue,
    expect_order_on_queue,
    expect_order_status,
    expect_overdue,
    expect_still_retried,
    the_order,
)
from steps.parameters import phrase_type, step
from steps.records import CaseFile
from steps.screenplay.tasks import MoveThePlatformClockTo

scenarios("work_queue.feature")

QUEUE_KINDS = phrase_type({"overdue": "EM_ORDER_OVERDUE", "rejected, with the provider's reason": "EM_ORDER_REJECTED"})


# --- When ----------------------------------------------------------------------------------------------


@when("the first curfew starts without the provider having acknowledged the order")
def the_first_curfew_starts(legal_adviser, test_operator, case: CaseFile) -> None:
    """The platform clock reaches a minute past the start of the first curfew, the order still unacknowledged."""
    expect_order_status(legal_adviser, case, "PENDING", arranging=True)
    test_operator.attempts_to(MoveThePlatformClockTo(at(the_order(legal_adviser, case)["deadline"]) + timedelta(minutes=1)))


@when(step("delivery of the messages about the case has failed {count:d} times"))
def delivery_has_failed(legal_adviser, case: CaseFile, count: int) -> None:
    """The platform has tried, and failed, to deliver every message about the case this many times."""
    expect_delivery_tried(legal_adviser, case, count)


# --- Then ----------------------------------------------------------------------------------------------


@then("the order is flagged overdue")
def the_order_is_overdue(legal_adviser, case: CaseFile) -> None:
    """The court sees the defendant's EM order as overdue."""
    expect_overdue(legal_adviser, case)


@then(step("the court admin sees the defendant's order on the work queue as {kind:QueueKind}", QueueKind=QUEUE_KINDS))
def on_the_work_queue_as(court_admin, legal_adviser, case: CaseFile, kind: str) -> None:
    """The court admin's work queue lists the defendant's EM order, overdue or rejected, saying why."""
    expect_order_on_queue(court_admin, legal_adviser, case, kind)


@then("the court admin no longer sees the defendant's order on the work queue")
def off_the_work_queue(court_admin, legal_adviser, case: CaseFile) -> None:
    """Once acknowledged, the order leaves the work queue."""
    expect_order_off_queue(court_admin, legal_adviser, case, wait=True)


@then(step("the {staff:Staff} does not see the defendant's order on the work queue"))
def not_on_their_work_queue(cast, legal_adviser, case: CaseFile, staff) -> None:
    """The order is not on this court admin's work queue."""
    expect_order_off_queue(cast.court_user(*staff), legal_adviser, case, wait=False)


@then(step("the court admin sees the message to {agency:Agency} on the work queue as failing"))
def failing_on_the_work_queue(court_admin, legal_adviser, case: CaseFile, agency: str) -> None:
    """A message that keeps failing is on the work queue, so that someone acts on it."""
    expect_message_failing_on_queue(court_admin, legal_adviser, case, agency)


@then("the messages are still being retried")
def still_retried(legal_adviser, case: CaseFile) -> None:
    """A failing message is never given up on: it stays waiting for delivery."""
    expect_still_retried(legal_adviser, case)
