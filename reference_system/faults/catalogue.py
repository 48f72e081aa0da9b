"""The catalogue: every fault's name, the real defect class it models, and the suite meant to catch it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from . import dispatch_faults, rule_faults, web_faults

Patch = Callable[[Any, str, Any], None]


@dataclass(frozen=True)
class Fault:
    name: str
    title: str
    origin: str
    expected_suite: str
    apply: Callable[[Patch], None]


class UnknownFault(ValueError):
    pass


CATALOGUE: dict[str, Fault] = {f.name: f for f in [
    Fault(
        "em-order-not-sent", "Sharing bail with an EM curfew creates no EM order",
        "The 2022 incident: results were shared, but the order to fit an electronic monitoring tag never "
        "reached the provider, and 35 defendants were released untagged. Modelled as a sharing path that "
        "forgets to create the NEW order for conditional bail while community orders still get theirs.",
        "acceptance", rule_faults.em_order_not_sent,
    ),
    Fault(
        "notifications-dropped-under-load", "The dispatcher silently drops messages when its backlog is large",
        "About 3,011 agency notifications (1 %) failed to send because the system could not cope with the "
        "volume. Modelled as a dispatcher that 'sheds load' when it claims a full batch: the overflow is "
        "marked sent without being delivered. One request at a time never shows it.",
        "load", dispatch_faults.notifications_dropped_under_load,
    ),
    Fault(
        "no-retry-on-outage", "A 5xx from the provider marks the notification failed: no retry, no alert",
        "Partner systems are sometimes down. A sender that treats a temporary outage as final loses the "
        "message without telling anyone: the EM order stays pending for ever and is on no work queue "
        "until its deadline passes.",
        "acceptance", dispatch_faults.no_retry_on_outage,
    ),
    Fault(
        "duplicate-on-retry", "Retries omit the idempotency key, so the provider gets duplicates",
        "When a response is lost the sender cannot know whether the order arrived. Retrying without the "
        "original idempotency key makes the provider open a second order for the same person: duplicate "
        "visits, conflicting curfews.",
        "resilience", dispatch_faults.duplicate_on_retry,
    ),
    Fault(
        "crash-loses-outbox", "An order is marked sent before delivery; a crash (or an outage) loses it",
        "A classic dual-write bug: the outbox row is marked sent when it is claimed, before the agency "
        "has it. If the process dies (or the agency is down) in between, the message is never retried.",
        "resilience", dispatch_faults.crash_loses_outbox,
    ),
    Fault(
        "overnight-curfew-wrong", "A curfew crossing midnight is computed wrongly",
        "Time arithmetic that forgets the wrap past midnight: 19:00 to 07:00 comes out as minus 12 hours, "
        "so ordinary overnight curfews are refused as 'under 2 hours' (or, elsewhere, end before they start).",
        "properties", rule_faults.overnight_curfew_wrong,
    ),
    Fault(
        "curfew-limits-not-enforced", "A 21-hour curfew, or more than 112 hours a week, is accepted",
        "Legal limits coded as the wrong constants: orders the court has no power to make are accepted "
        "and sent to the provider, later to be challenged and quashed.",
        "acceptance", rule_faults.curfew_limits_not_enforced,
    ),
    Fault(
        "amend-leaves-em-active", "Amending bail-with-EM to custody sends no revocation",
        "Results that 'changed after saving': an amendment is shared but the follow-up to the provider is "
        "missing, so monitoring continues for someone in custody or acquitted.",
        "acceptance", rule_faults.amend_leaves_em_active,
    ),
    Fault(
        "lost-update", "A stale version overwrites another user's results",
        "Staff reported results that vanished after saving. Without optimistic locking, the last of two "
        "people editing the same hearing silently overwrites the other's work.",
        "properties", rule_faults.lost_update,
    ),
    Fault(
        "name-rejected", "Valid names (apostrophes, accents, 'Christopher') are refused",
        "Staff could not enter defendants' real names: an ASCII-only pattern refuses Siân, Nguyễn and "
        "O’Brien (curly apostrophe), and a naive word filter refuses Christopher.",
        "acceptance", rule_faults.name_rejected,
    ),
    Fault(
        "cross-court-read", "A user can read another court centre's case",
        "A missing authorisation check on a read path: any signed-in user can open any case by its "
        "reference, exposing defendants' addresses across court centres.",
        "acceptance", rule_faults.cross_court_read,
    ),
    Fault(
        "ui-drops-em-fields", "The results form does not submit the EM fields (the API is fine)",
        "A defect that lives only in the pages: the form shows the curfew fields, but the handler drops "
        "them, so a result shared through the browser has no curfew and no EM order. API tests pass.",
        "e2e", web_faults.ui_drops_em_fields,
    ),
    Fault(
        "a11y-regression", "Form fields lose their labels",
        "An accessibility regression: inputs lose their labels, so screen-reader users cannot tell what a "
        "field is for (WCAG 2.2 1.3.1, 4.1.2).",
        "e2e", web_faults.a11y_regression,
    ),
    Fault(
        "server-error-on-bad-input", "A malformed date gives a 500",
        "Bad input should be a clear 4xx with the field named. Here the error formatter echoes a malformed "
        "date back by parsing it again, crashes, and the user sees a server error.",
        "properties", web_faults.server_error_on_bad_input,
    ),
    Fault(
        "slow-case-search", "Case search scans every case; latency grows with data volume",
        "Fine on a test database, slow on a year of data: search loads every case of the centre and filters "
        "in memory, so saves and searches slow down during live hearings as volume grows.",
        "load", rule_faults.slow_case_search,
    ),
]}


def activate(names: list[str], patch: Patch = setattr) -> None:
    """Switch on the named faults in this process (called at start-up, test mode only)."""
    unknown = sorted(set(names) - CATALOGUE.keys())
    if unknown:
        raise UnknownFault(f"unknown fault(s) {', '.join(unknown)}; known: {', '.join(CATALOGUE)}")
    for name in names:
        CATALOGUE[name].apply(patch)
