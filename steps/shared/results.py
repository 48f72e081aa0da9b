"""Shared steps about recording and sharing results, and the agencies told about them."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from pytest_bdd import given, then, when

from fixtures.builders import a_curfew, a_plain_result, bail_with_curfew, community_order_with_curfew
from steps.parameters import AMENDMENTS, step
from steps.records import CaseFile, ListedHearing, SharedResults
from steps.screenplay.questions import NotificationsFor, TheAgencyLedger, TheHearing, eventually
from steps.screenplay.tasks import Outcome, RecordResult, ShareResults

DELIVERY_WITHIN_SECONDS = 20


# --- building results from the court's words -------------------------------------------------------------


def a_curfew_on(calendar, start: str, end: str, day: str, *, monitored: bool = True, days=None) -> dict:
    """A curfew from `start` to `end` each night, the first one starting on `day` at `start`."""
    start_day = calendar.day(day)
    return a_curfew(start, end, starts_at=calendar.at(start_day, start), days=days,
                    electronically_monitored=monitored)


def with_curfew(kind: str, curfew: dict[str, Any], calendar) -> dict[str, Any]:
    """Conditional bail (next hearing four weeks after the curfew starts) or a 12-month community order."""
    if kind == "bail":
        first_day = calendar.day("tomorrow")
        if curfew and curfew.get("starts_at"):
            first_day = max(first_day, datetime.fromisoformat(curfew["starts_at"]).date())
        return bail_with_curfew(curfew, next_hearing=first_day + timedelta(weeks=4))
    return community_order_with_curfew(curfew)


def record_and_share(adviser, hearing: ListedHearing, results: dict[int, dict[str, Any]], *,
                     arranging: bool = False) -> SharedResults:
    """Record each defendant's result as a draft, then share the hearing."""
    perform = adviser.has_done if arranging else adviser.attempts_to
    for defendant_id, result in results.items():
        drafted = perform(RecordResult(hearing.id, defendant_id, result))
        assert drafted.accepted, (
            f"The legal adviser could not record the result for defendant {defendant_id} on the hearing: "
            f"{drafted.summary()}"
        )
    shared = perform(ShareResults(hearing.id))
    assert shared.accepted, f"The legal adviser could not share the results of the hearing: {shared.summary()}"
    return SharedResults(hearing.id, shared, dict(results))


def for_every_defendant(case: CaseFile, result: dict[str, Any]) -> dict[int, dict[str, Any]]:
    return {defendant_id: result for defendant_id in case.defendant_ids}


# --- Given ---------------------------------------------------------------------------------------------


@given(step("the defendant has been bailed with an electronically monitored curfew from {start:Time} to "
            "{end:Time} starting {day:Day}"), target_fixture="shared")
def the_defendant_has_been_bailed_with_em(legal_adviser, case, hearing, calendar, start, end, day):
    """The legal adviser has shared conditional bail with an EM curfew for every defendant on the case."""
    result = with_curfew("bail", a_curfew_on(calendar, start, end, day), calendar)
    return record_and_share(legal_adviser, hearing, for_every_defendant(case, result), arranging=True)


@given(step("the legal adviser has shared a result of {outcome:Outcome} for the defendant"),
       target_fixture="shared")
def the_legal_adviser_has_shared(legal_adviser, case, hearing, calendar, outcome: str) -> SharedResults:
    """The legal adviser has recorded and shared this outcome for the case's defendant."""
    result = a_plain_result(outcome, calendar.today)
    return record_and_share(legal_adviser, hearing, for_every_defendant(case, result), arranging=True)


# --- When ----------------------------------------------------------------------------------------------


@when(step("the legal adviser shares a result of {outcome:Outcome} for the defendant"),
      target_fixture="shared")
def the_legal_adviser_shares(legal_adviser, case, hearing, calendar, outcome: str) -> SharedResults:
    """The legal adviser records this outcome for the defendant and shares the hearing."""
    result = a_plain_result(outcome, calendar.today)
    return record_and_share(legal_adviser, hearing, for_every_defendant(case, result))


@when(step("the legal adviser records a result of {outcome:Outcome} for the defendant"),
      target_fixture="outcome")
def the_legal_adviser_records(legal_adviser, case, hearing, calendar, outcome: str) -> Outcome:
    """The legal adviser saves this outcome as a draft, without sharing it."""
    return legal_adviser.attempts_to(
        RecordResult(hearing.id, case.defendant_ids[0], a_plain_result(outcome, calendar.today)))


@when(step("the legal adviser shares {kind:EmResult} with an electronically monitored curfew from {start:Time} "
           "to {end:Time} starting {day:Day}"), target_fixture="shared")
@when(step("the legal adviser shares {kind:EmResult} with an electronically monitored curfew from {start:Time} "
           "to {end:Time} starting {day:Day} for each defendant"), target_fixture="shared")
def the_legal_adviser_shares_em_curfew(legal_adviser, case, hearing, calendar, kind, start, end, day):
    """The legal adviser shares conditional bail or a community order with an EM curfew, for every defendant."""
    result = with_curfew(kind, a_curfew_on(calendar, start, end, day), calendar)
    return record_and_share(legal_adviser, hearing, for_every_defendant(case, result))


@when(step("the legal adviser amends the result to {change:Amendment} and shares it again"),
      target_fixture="shared")
def the_legal_adviser_amends(legal_adviser, case, hearing, shared: SharedResults, calendar, change: str):
    """The legal adviser replaces the shared result with another and shares the hearing again."""
    if change == "conditional bail with a curfew but no monitoring":
        results = {d: {**r, "curfew": {**r["curfew"], "electronically_monitored": False}}
                   for d, r in shared.results.items()}
    else:
        results = for_every_defendant(case, a_plain_result(AMENDMENTS[change], calendar.today))
    return record_and_share(legal_adviser, hearing, results)


# --- Then ----------------------------------------------------------------------------------------------


@then("the result is saved as a draft")
def the_result_is_saved_as_a_draft(legal_adviser, case: CaseFile, hearing: ListedHearing, outcome: Outcome):
    """The platform kept the result as a draft: recorded, but not shared."""
    assert outcome.accepted, f"Expected the result to be saved as a draft, but it was refused: {outcome.summary()}"
    result = result_of(legal_adviser.asks(TheHearing(hearing.id)), case.defendant_ids[0])
    assert result is not None, f"Expected the hearing to show a draft result for {case.label(1)}, but it shows none"
    assert result.get("status") == "DRAFT", (
        f"Expected the result for {case.label(1)} to be a draft, but it is {result.get('status')}")


@then("no agency is told about the result")
def no_agency_is_told(legal_adviser, case: CaseFile) -> None:
    """No message to any agency (EM provider, prison, probation) exists for the case."""
    messages = legal_adviser.asks(NotificationsFor(case.urn))
    assert not messages, (
        f"Expected no agency to be told about case {case.urn}, but messages were created for: "
        f"{', '.join(sorted({m.get('agency', '?') for m in messages}))}"
    )


@then(step("{agency:Agency} is told about the result"))
def the_agency_is_told(legal_adviser, test_operator, case: CaseFile, agency: str) -> None:
    """A message to the agency exists for the case, is delivered within a few seconds, and the agency holds it
    exactly once."""
    def to_agency():
        return [m for m in legal_adviser.asks(NotificationsFor(case.urn)) if m.get("agency") == agency]

    messages = eventually(to_agency, until=lambda ms: bool(ms) and all(m.get("status") == "SENT" for m in ms),
                          within=DELIVERY_WITHIN_SECONDS)
    assert messages, f"Expected {agency} to be told about the result in case {case.urn}, but no message was created"
    undelivered = [m for m in messages if m.get("status") != "SENT"]
    assert not undelivered, (
        f"Expected {agency} to have received the message about case {case.urn} within "
        f"{DELIVERY_WITHIN_SECONDS} s, but it is still {undelivered[0].get('status')} after "
        f"{undelivered[0].get('attempts')} attempt(s) (last error: {undelivered[0].get('last_error')})"
    )
    if agency == "em-provider":
        return
    received = test_operator.asks(TheAgencyLedger(agency, case.urn))
    for message in messages:
        copies = [r for r in received if str(r.get("notification_id")) == str(message["id"])]
        assert len(copies) == 1, (
            f"Expected {agency} to hold the message about case {case.urn} exactly once, but it holds "
            f"{len(copies) or 'no'} cop{'y' if len(copies) == 1 else 'ies'}")


def result_of(hearing: dict[str, Any], defendant_id: int) -> dict[str, Any] | None:
    return next((r for r in hearing.get("results", []) if r.get("defendant_id") == defendant_id), None)
