"""What the court expects of electronic monitoring: EM orders, the provider's ledger and the work queue.

Each expectation asks actors questions and, when the answer falls short, says what the court would see.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from fixtures.builders import LONDON
from steps.parameters import AGENCY_NAMES
from steps.records import CaseFile
from steps.screenplay.actor import ArrangementFailed
from steps.screenplay.questions import EmOrdersFor, NotificationsFor, TheProviderLedger, TheWorkQueue, eventually

ACKNOWLEDGED_WITHIN_SECONDS = 20
QUEUE_WITHIN_SECONDS = 5
FAILED_DELIVERY_WITHIN_SECONDS = 10
FAILING_WITHIN_SECONDS = 25
SETTLED = ("ACKNOWLEDGED", "REJECTED")
KIND_NAMES = {"NEW": "new", "VARIATION": "variation", "REVOCATION": "revocation"}
QUEUE_NAMES = {"EM_ORDER_OVERDUE": "overdue", "EM_ORDER_REJECTED": "rejected", "NOTIFICATION_FAILING": "failing"}


# --- reading ----------------------------------------------------------------------------------------------


def at(iso: str | None) -> datetime | None:
    return datetime.fromisoformat(iso) if iso else None


def when_(moment: datetime | None) -> str:
    """A moment as the court says it: '19:00 on 2026-11-28' (London time)."""
    if moment is None:
        return "no time at all"
    local = moment.astimezone(LONDON)
    return f"{local:%H:%M} on {local:%Y-%m-%d}"


def orders_of(actor, case: CaseFile, defendant_id: int, kind: str | None = None) -> list[dict[str, Any]]:
    """The defendant's EM orders (of one kind), oldest first."""
    orders = actor.asks(EmOrdersFor(case.urn, defendant_id))
    return [o for o in orders if kind is None or o.get("kind") == kind]


def the_order(actor, case: CaseFile) -> dict[str, Any]:
    """The first defendant's latest EM order."""
    orders = orders_of(actor, case, case.defendant_ids[0])
    assert orders, f"Expected an EM order for {case.label(1)}, but the platform created none"
    return orders[-1]


def wait_until_settled(actor, case: CaseFile, defendant_id: int, kind: str) -> list[dict[str, Any]]:
    """The defendant's orders of this kind, once the latest is acknowledged or rejected (or time is up).

    Sharing creates its orders in the same transaction, so no order at all is an answer, not a reason to wait."""
    return eventually(lambda: orders_of(actor, case, defendant_id, kind),
                      until=lambda orders: not orders or orders[-1].get("status") in SETTLED,
                      within=ACKNOWLEDGED_WITHIN_SECONDS)


def ledger_entries_for(operator, orders: list[dict[str, Any]], kind: str) -> list[dict[str, Any]]:
    """What the provider's own ledger holds for these platform orders."""
    ids = {str(o["id"]) for o in orders}
    urns = {o.get("urn") for o in orders}
    return [e for e in operator.asks(TheProviderLedger(urns.pop() if len(urns) == 1 else None))
            if str(e.get("platform_order_id")) in ids and e.get("kind") == kind]


def message_to(actor, case: CaseFile, agency: str) -> dict[str, Any] | None:
    messages = [m for m in actor.asks(NotificationsFor(case.urn)) if m.get("agency") == agency]
    return messages[-1] if messages else None


def items_about(queue: list[dict[str, Any]], key: str, identifier: int) -> list[dict[str, Any]]:
    return [item for item in queue if item.get(key) == identifier]


# --- EM orders --------------------------------------------------------------------------------------------


def expect_new_orders_due(actor, case: CaseFile, count: int, due: datetime) -> None:
    """Exactly `count` NEW orders for the first defendant, and nothing else, due at `due`."""
    orders = orders_of(actor, case, case.defendant_ids[0])
    kinds = [o.get("kind") for o in orders]
    assert kinds == ["NEW"] * count, (
        f"Expected {case.label(1)} to have {count} new EM order(s), but the court sees: {kinds or 'none'}")
    deadline = at(orders[0].get("deadline"))
    assert deadline == due, (
        f"Expected the new EM order for {case.label(1)} to be due at {when_(due)}, but it is due at "
        f"{when_(deadline)}")


def expect_orders_in_sequence(actor, case: CaseFile, kinds: list[str]) -> None:
    shown = [o.get("kind") for o in orders_of(actor, case, case.defendant_ids[0])]
    assert shown == kinds, f"Expected {case.label(1)} to have EM orders {kinds}, but the court sees {shown}"


def expect_latest_due(actor, case: CaseFile, kind: str, due: datetime, tolerance=timedelta(0)) -> None:
    order = orders_of(actor, case, case.defendant_ids[0], kind)[-1]
    deadline = at(order.get("deadline"))
    assert deadline is not None and abs(deadline - due) <= tolerance, (
        f"Expected the {KIND_NAMES[kind]} EM order for {case.label(1)} to be due at {when_(due)}, but it is due at "
        f"{when_(deadline)}")


def expect_revocation_due_two_hours_after_sharing(actor, case: CaseFile) -> None:
    revocation = orders_of(actor, case, case.defendant_ids[0], "REVOCATION")[-1]
    expect_latest_due(actor, case, "REVOCATION", at(revocation["created_at"]) + timedelta(hours=2),
                      tolerance=timedelta(minutes=1))


def expect_acknowledged_before(actor, case: CaseFile, which: int | None, first_curfew: datetime) -> None:
    """Each defendant meant has a NEW EM order acknowledged by the provider before the first curfew starts."""
    for number, defendant_id in case.defendants_meant(which):
        label, deadline = case.label(number), when_(first_curfew)
        orders = wait_until_settled(actor, case, defendant_id, "NEW")
        assert orders, (f"Expected {label} to have an EM order acknowledged by the provider before {deadline}, "
                        "but the platform created no EM order for them")
        order = orders[-1]
        assert order.get("status") == "ACKNOWLEDGED", (
            f"Expected {label} to have an EM order acknowledged by the provider before {deadline}, but after "
            f"{ACKNOWLEDGED_WITHIN_SECONDS} s it is still {order.get('status')} after {order.get('attempts')} "
            "attempt(s)")
        assert order.get("provider_ref"), f"The EM order for {label} is acknowledged without a provider reference"
        assert at(order.get("deadline")) == first_curfew, (
            f"Expected the EM order for {label} to be due when the first curfew starts, at {deadline}, but it is "
            f"due at {when_(at(order.get('deadline')))}")
        acknowledged_at = at(order.get("acknowledged_at"))
        assert acknowledged_at is not None and acknowledged_at < first_curfew, (
            f"Expected the EM order for {label} to be acknowledged before the first curfew starts at {deadline}, "
            f"but it was acknowledged at {when_(acknowledged_at)}")
        assert not order.get("overdue"), f"The EM order for {label} is flagged overdue although it was acknowledged"


def expect_provider_holds_exactly(actor, operator, case: CaseFile, count: int, which: int | None) -> None:
    """The provider's own ledger holds exactly `count` NEW orders per defendant: none lost, none doubled."""
    for number, defendant_id in case.defendants_meant(which):
        label = case.label(number)
        orders = orders_of(actor, case, defendant_id, "NEW")
        assert orders, (f"Expected the EM provider to hold exactly {count} new EM order for {label}, but the "
                        "platform created no EM order for them")
        held = eventually(lambda orders=orders: ledger_entries_for(operator, orders, "NEW"),
                          until=lambda entries: len(entries) >= count, within=ACKNOWLEDGED_WITHIN_SECONDS)
        references = ", ".join(str(e.get("provider_ref")) for e in held) or "none"
        assert len(held) == count, (
            f"Expected the EM provider to hold exactly {count} new EM order for {label}, but it holds "
            f"{len(held) or 'none'} (provider references: {references})")


def expect_provider_holds_none(actor, operator, case: CaseFile) -> None:
    held = ledger_entries_for(operator, orders_of(actor, case, case.defendant_ids[0]), "NEW")
    assert not held, f"Expected the EM provider to hold no order for {case.label(1)} yet, but it holds {len(held)}"


def expect_acknowledged_with_reference(actor, operator, case: CaseFile, kind: str) -> None:
    """Every defendant's latest order of this kind is acknowledged, with a reference the provider holds."""
    for number, defendant_id in case.defendants_meant(None):
        label, name = case.label(number), KIND_NAMES[kind]
        orders = wait_until_settled(actor, case, defendant_id, kind)
        assert orders, f"Expected a {name} EM order for {label}, but the platform created none"
        order = orders[-1]
        assert order.get("status") == "ACKNOWLEDGED", (
            f"Expected the EM provider to acknowledge the {name} EM order for {label} within "
            f"{ACKNOWLEDGED_WITHIN_SECONDS} s, but it is {order.get('status')} after {order.get('attempts')} "
            "attempt(s)")
        references = sorted(str(e.get("provider_ref")) for e in ledger_entries_for(operator, [order], kind))
        assert order.get("provider_ref") in references, (
            f"Expected the {name} EM order for {label} to carry the EM provider's own reference, but the court "
            f"sees '{order.get('provider_ref')}' while the provider holds: {references or 'none'}")


def expect_no_em_order(actor, case: CaseFile, which: int | None) -> None:
    for number, defendant_id in case.defendants_meant(which):
        orders = orders_of(actor, case, defendant_id)
        assert not orders, (f"Expected {case.label(number)} to have no EM order, but the court sees "
                            f"{[o.get('kind') for o in orders]}")


def expect_order_status(actor, case: CaseFile, status: str, *, arranging: bool = False) -> None:
    """The first defendant's latest order reaches this status within the acknowledgement time."""
    order = eventually(lambda: the_order(actor, case), until=lambda o: o.get("status") == status,
                       within=ACKNOWLEDGED_WITHIN_SECONDS)
    if order.get("status") != status and arranging:
        raise ArrangementFailed(f"Could not set the scene: the EM order for {case.label(1)} should be "
                                f"{status}, but it is {order.get('status')}")
    assert order.get("status") == status, (
        f"Expected the court to see the EM order for {case.label(1)} as {status}, but it is {order.get('status')}")


def expect_overdue(actor, case: CaseFile) -> None:
    order = eventually(lambda: the_order(actor, case), until=lambda o: bool(o.get("overdue")),
                       within=QUEUE_WITHIN_SECONDS)
    assert order.get("overdue"), (
        f"Expected the EM order for {case.label(1)} to be flagged overdue once the first curfew had started "
        f"unacknowledged, but it is not (status {order.get('status')})")


def expect_visibly_waiting(actor, case: CaseFile) -> None:
    """The order is not acknowledged, and the court can see that delivery was tried and why it failed."""
    def state():
        return the_order(actor, case), message_to(actor, case, "em-provider")

    order, message = eventually(state, until=lambda s: bool(s[1] and s[1].get("attempts") and s[1].get("last_error")),
                                within=FAILED_DELIVERY_WITHIN_SECONDS)
    assert order.get("status") == "PENDING", (
        f"Expected the EM order for {case.label(1)} to be waiting for the provider, but it is {order.get('status')}")
    assert message and message.get("last_error"), (
        f"Expected the court to see that delivering the EM order for {case.label(1)} failed and why, but the "
        f"message shows {message.get('attempts') if message else 'no'} attempt(s) and no error")


def expect_delivery_tried(actor, case: CaseFile, times: int) -> None:
    """Every message about the case has been tried (and failed) at least this many times."""
    messages = eventually(lambda: actor.asks(NotificationsFor(case.urn)),
                          until=lambda ms: bool(ms) and all((m.get("attempts") or 0) >= times for m in ms),
                          within=FAILING_WITHIN_SECONDS)
    tried = {AGENCY_NAMES.get(m.get("agency"), m.get("agency")): m.get("attempts") for m in messages}
    assert messages and all((attempts or 0) >= times for attempts in tried.values()), (
        f"Expected the platform to have tried {times} times to deliver each message about case {case.urn}, but "
        f"in {FAILING_WITHIN_SECONDS} s it tried: {tried or 'no message at all'}")


def expect_still_retried(actor, case: CaseFile) -> None:
    """A failing message is never given up on, nor mistaken for a rejection."""
    messages = actor.asks(NotificationsFor(case.urn))
    given_up = {m.get("agency"): m.get("status") for m in messages if m.get("status") != "PENDING"}
    assert messages and not given_up, (
        f"Expected every message about case {case.urn} to be retried still, but some are not: {given_up}")
    assert the_order(actor, case).get("status") != "REJECTED", "A failing delivery must not be treated as a rejection"


# --- the work queue ---------------------------------------------------------------------------------------


def expect_order_on_queue(court_admin, actor, case: CaseFile, kind: str) -> None:
    """The court admin's work queue lists the first defendant's order as overdue or rejected (with why)."""
    order_id = the_order(actor, case)["id"]
    queue = eventually(lambda: court_admin.asks(TheWorkQueue()),
                       until=lambda q: any(i.get("kind") == kind for i in items_about(q, "em_order_id", order_id)),
                       within=QUEUE_WITHIN_SECONDS)
    items = items_about(queue, "em_order_id", order_id)
    assert any(i.get("kind") == kind for i in items), (
        f"Expected {court_admin.name} to see the EM order for {case.label(1)} on the work queue as "
        f"{QUEUE_NAMES[kind]}, but the work queue shows it as: "
        f"{[QUEUE_NAMES.get(i.get('kind'), i.get('kind')) for i in items] or 'not there at all'}")
    assert all(i.get("detail") for i in items), (
        f"Expected the work queue to say why the EM order for {case.label(1)} needs attention, but it does not")


def expect_order_off_queue(court_admin, actor, case: CaseFile, *, wait: bool) -> None:
    """The first defendant's order is not (or no longer) on this court admin's work queue."""
    order_id = the_order(actor, case)["id"]
    queue = eventually(lambda: court_admin.asks(TheWorkQueue()),
                       until=lambda q: not items_about(q, "em_order_id", order_id),
                       within=QUEUE_WITHIN_SECONDS if wait else 0)
    items = items_about(queue, "em_order_id", order_id)
    assert not items, (f"Expected {court_admin.name} not to see the EM order for {case.label(1)} on the work "
                       f"queue, but it is there as {[i.get('kind') for i in items]}")


def expect_message_failing_on_queue(court_admin, actor, case: CaseFile, agency: str) -> None:
    """A message that keeps failing is on the work queue, so that someone acts on it."""
    message, name = message_to(actor, case, agency), AGENCY_NAMES[agency]
    assert message is not None, f"Expected a message to {name} about case {case.urn}, but there is none"
    queue = eventually(lambda: court_admin.asks(TheWorkQueue()),
                       until=lambda q: any(i.get("kind") == "NOTIFICATION_FAILING"
                                           for i in items_about(q, "notification_id", message["id"])),
                       within=QUEUE_WITHIN_SECONDS)
    items = items_about(queue, "notification_id", message["id"])
    assert any(i.get("kind") == "NOTIFICATION_FAILING" for i in items), (
        f"Expected {court_admin.name} to see the message to {name} about case {case.urn}, undelivered after "
        f"{message.get('attempts')} attempts, on the work queue as failing, but the work queue shows "
        f"{[i.get('kind') for i in items] or 'nothing about it'}")
