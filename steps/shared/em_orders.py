"""Shared steps about EM orders: what the platform created, and what the EM provider holds and acknowledged."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pytest_bdd import then

from fixtures.builders import LONDON
from steps.parameters import step
from steps.records import CaseFile
from steps.screenplay.questions import EmOrdersFor, TheProviderLedger, eventually

ACKNOWLEDGED_WITHIN_SECONDS = 20
SETTLED = ("ACKNOWLEDGED", "REJECTED")


def at(iso: str | None) -> datetime | None:
    return datetime.fromisoformat(iso) if iso else None


def when_(moment: datetime) -> str:
    """A moment as the court says it: '19:00 on 2026-11-28' (London time)."""
    local = moment.astimezone(LONDON)
    return f"{local:%H:%M} on {local:%Y-%m-%d}"


def orders_of(actor, case: CaseFile, defendant_id: int, kind: str | None = None) -> list[dict[str, Any]]:
    orders = actor.asks(EmOrdersFor(case.urn, defendant_id))
    return [o for o in orders if kind is None or o.get("kind") == kind]


def wait_until_settled(actor, case: CaseFile, defendant_id: int, kind: str) -> list[dict[str, Any]]:
    """The defendant's orders of this kind, once the latest is acknowledged or rejected (or time is up)."""
    return eventually(lambda: orders_of(actor, case, defendant_id, kind),
                      until=lambda orders: bool(orders) and orders[-1].get("status") in SETTLED,
                      within=ACKNOWLEDGED_WITHIN_SECONDS)


def ledger_entries_for(operator, orders: list[dict[str, Any]], kind: str) -> list[dict[str, Any]]:
    ids = {str(o["id"]) for o in orders}
    urns = {o.get("urn") for o in orders}
    return [e for e in operator.asks(TheProviderLedger(urns.pop() if len(urns) == 1 else None))
            if str(e.get("platform_order_id")) in ids and e.get("kind") == kind]


# --- Then ----------------------------------------------------------------------------------------------


@then(step("the defendant has {count:d} new EM order, due when the first curfew starts {day:Day} at {time:Time}"))
def the_defendant_has_new_orders_due(legal_adviser, case: CaseFile, calendar, count: int, day: str, time: str):
    """The platform created exactly `count` NEW orders for the defendant, due at the first curfew's start."""
    first_curfew = calendar.at(calendar.day(day), time)
    orders = orders_of(legal_adviser, case, case.defendant_ids[0])
    kinds = [o.get("kind") for o in orders]
    assert kinds == ["NEW"] * count, (
        f"Expected {case.label(1)} to have {count} new EM order(s), but the court sees: {kinds or 'none'}")
    deadline = at(orders[0].get("deadline"))
    assert deadline == first_curfew, (
        f"Expected the new EM order for {case.label(1)} to be due when the first curfew starts, at "
        f"{when_(first_curfew)}, but it is due at {when_(deadline) if deadline else 'no time at all'}"
    )


@then(step("{who:Defendants} has an EM order acknowledged by the provider before the first curfew starts "
           "{day:Day} at {time:Time}"))
def acknowledged_before_first_curfew(legal_adviser, case: CaseFile, calendar, who, day: str, time: str):
    """Each defendant meant has a NEW EM order, acknowledged by the provider before their first curfew."""
    first_curfew = calendar.at(calendar.day(day), time)
    for number, defendant_id in case.defendants_meant(who):
        label = case.label(number)
        orders = wait_until_settled(legal_adviser, case, defendant_id, "NEW")
        assert orders, (
            f"Expected {label} to have an EM order acknowledged by the provider before {when_(first_curfew)}, "
            "but the platform created no EM order for them")
        order = orders[-1]
        assert order.get("status") == "ACKNOWLEDGED", (
            f"Expected {label} to have an EM order acknowledged by the provider before {when_(first_curfew)}, "
            f"but after {ACKNOWLEDGED_WITHIN_SECONDS} s it is still {order.get('status')} "
            f"after {order.get('attempts')} attempt(s)")
        assert order.get("provider_ref"), f"The EM order for {label} is acknowledged without a provider reference"
        assert at(order.get("deadline")) == first_curfew, (
            f"Expected the EM order for {label} to be due when the first curfew starts, at "
            f"{when_(first_curfew)}, but it is due at {order.get('deadline')}")
        acknowledged_at = at(order.get("acknowledged_at"))
        assert acknowledged_at is not None and acknowledged_at < first_curfew, (
            f"Expected the EM order for {label} to be acknowledged before the first curfew starts at "
            f"{when_(first_curfew)}, but it was acknowledged at {order.get('acknowledged_at')}")
        assert not order.get("overdue"), f"The EM order for {label} is flagged overdue although it was acknowledged"


@then(step("the EM provider holds exactly {count:d} new EM order for {who:Defendants}"))
def the_provider_holds_exactly(legal_adviser, test_operator, case: CaseFile, count: int, who) -> None:
    """The provider's own ledger holds exactly `count` NEW orders for each defendant meant: none lost,
    none duplicated."""
    for number, defendant_id in case.defendants_meant(who):
        label = case.label(number)
        orders = orders_of(legal_adviser, case, defendant_id, "NEW")
        assert orders, (f"Expected the EM provider to hold exactly {count} new EM order for {label}, but the "
                        "platform created no EM order for them")
        held = eventually(lambda orders=orders: ledger_entries_for(test_operator, orders, "NEW"),
                          until=lambda entries: len(entries) >= count, within=ACKNOWLEDGED_WITHIN_SECONDS)
        references = ", ".join(str(e.get("provider_ref")) for e in held) or "none"
        assert len(held) == count, (
            f"Expected the EM provider to hold exactly {count} new EM order for {label}, but it holds "
            f"{len(held) or 'none'} (provider references: {references})")


@then(step("the EM provider acknowledges the {kind:OrderKind} with its own reference"))
def the_provider_acknowledges(legal_adviser, test_operator, case: CaseFile, kind: str) -> None:
    """The latest order of this kind for every defendant is acknowledged, with the reference the provider
    holds in its ledger."""
    for number, defendant_id in case.defendants_meant(None):
        label = case.label(number)
        orders = wait_until_settled(legal_adviser, case, defendant_id, kind)
        assert orders, f"Expected a {kind} EM order for {label}, but the platform created none"
        order = orders[-1]
        assert order.get("status") == "ACKNOWLEDGED", (
            f"Expected the EM provider to acknowledge the {kind} EM order for {label} within "
            f"{ACKNOWLEDGED_WITHIN_SECONDS} s, but it is {order.get('status')} after {order.get('attempts')} "
            "attempt(s)")
        held = ledger_entries_for(test_operator, [order], kind)
        references = {e.get("provider_ref") for e in held}
        assert order.get("provider_ref") and order.get("provider_ref") in references, (
            f"Expected the {kind} EM order for {label} to carry the EM provider's own reference, but the court "
            f"sees '{order.get('provider_ref')}' while the provider holds: {sorted(map(str, references)) or 'none'}")


@then(step("{who:Defendants} has no EM order"))
def has_no_em_order(legal_adviser, case: CaseFile, who) -> None:
    """No EM order of any kind exists for the defendants meant."""
    for number, defendant_id in case.defendants_meant(who):
        orders = orders_of(legal_adviser, case, defendant_id)
        assert not orders, (f"Expected {case.label(number)} to have no EM order, but the court sees "
                            f"{[o.get('kind') for o in orders]}")
