"""Shared steps about recording and sharing results, and the agencies told about them."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from pytest_bdd import given, then, when

from fixtures.builders import a_curfew, a_plain_result, bail_with_curfew, community_order_with_curfew
from steps.expectations.court import expect_agency_told, expect_draft, expect_no_agency_told
from steps.parameters import AMENDMENTS, step
from steps.records import CaseFile, ListedHearing, SharedResults
from steps.screenplay.tasks import Outcome, RecordResult, ShareResults

# --- building results from the court's words -------------------------------------------------------------


def a_curfew_on(calendar, start: str, end: str, day: str, *, monitored: bool = True, days=None) -> dict:
    """A curfew from `start` to `end` each night, the first one starting on `day` at `start`."""
    return a_curfew(start, end, starts_at=calendar.at(calendar.day(day), start), days=days,
                    electronically_monitored=monitored)


def with_curfew(kind: str, curfew: dict[str, Any] | None, calendar) -> dict[str, Any]:
    """Conditional bail (next hearing four weeks after the curfew starts) or a 12-month community order."""
    if kind == "bail":
        first_day = calendar.day("tomorrow")
        if curfew and curfew.get("starts_at"):
            first_day = max(first_day, datetime.fromisoformat(curfew["starts_at"]).date())
        return bail_with_curfew(curfew, next_hearing=first_day + timedelta(weeks=4))
    return community_order_with_curfew(curfew)


def for_every_defendant(case: CaseFile, result: dict[str, Any]) -> dict[int, dict[str, Any]]:
    return {defendant_id: result for defendant_id in case.defendant_ids}


def amended(change: str, case: CaseFile, shared: SharedResults, calendar) -> dict[int, dict[str, Any]]:
    """The results as amended: another outcome, or the same curfew without electronic monitoring."""
    if change == "conditional bail with a curfew but no monitoring":
        return {d: {**r, "curfew": {**r["curfew"], "electronically_monitored": False}}
                for d, r in shared.results.items()}
    return for_every_defendant(case, a_plain_result(AMENDMENTS[change], calendar.today))


def record_and_share(adviser, hearing: ListedHearing, results: dict[int, dict[str, Any]], *,
                     arranging: bool = False) -> SharedResults:
    """Record each defendant's result as a draft, then share the hearing."""
    perform, version = (adviser.has_done if arranging else adviser.attempts_to), None
    for defendant_id, result in results.items():
        drafted = perform(RecordResult(hearing.id, defendant_id, result, version=version))
        assert drafted.accepted, (f"The legal adviser could not record the result for defendant {defendant_id} on "
                                  f"the hearing: {drafted.summary()}")
        version = drafted.body.get("version")  # the hearing as the adviser now sees it
    shared = perform(ShareResults(hearing.id, version=version))
    assert shared.accepted, f"The legal adviser could not share the results of the hearing: {shared.summary()}"
    return SharedResults(hearing.id, shared, dict(results))


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
    results = for_every_defendant(case, a_plain_result(outcome, calendar.today))
    return record_and_share(legal_adviser, hearing, results, arranging=True)


# --- When ----------------------------------------------------------------------------------------------


@when(step("the legal adviser shares a result of {outcome:Outcome} for the defendant"),
      target_fixture="shared")
def the_legal_adviser_shares(legal_adviser, case, hearing, calendar, outcome: str) -> SharedResults:
    """The legal adviser records this outcome for the defendant and shares the hearing."""
    return record_and_share(legal_adviser, hearing, for_every_defendant(case, a_plain_result(outcome, calendar.today)))


@when(step("the legal adviser records a result of {outcome:Outcome} for the defendant"),
      target_fixture="outcome")
def the_legal_adviser_records(legal_adviser, case, hearing, calendar, outcome: str) -> Outcome:
    """The legal adviser saves this outcome as a draft, without sharing it."""
    result = a_plain_result(outcome, calendar.today)
    return legal_adviser.attempts_to(RecordResult(hearing.id, case.defendant_ids[0], result))


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
    return record_and_share(legal_adviser, hearing, amended(change, case, shared, calendar))


# --- Then ----------------------------------------------------------------------------------------------


@then("the result is saved as a draft")
def the_result_is_saved_as_a_draft(legal_adviser, case: CaseFile, hearing: ListedHearing, outcome: Outcome):
    """The platform kept the result as a draft: recorded, but not shared."""
    expect_draft(legal_adviser, case, hearing, outcome)


@then("no agency is told about the result")
def no_agency_is_told(legal_adviser, case: CaseFile) -> None:
    """No message to any agency (EM provider, prison, probation) exists for the case."""
    expect_no_agency_told(legal_adviser, case)


@then(step("{agency:Agency} is told about the result"))
def the_agency_is_told(legal_adviser, test_operator, case: CaseFile, agency: str) -> None:
    """A message to the agency is delivered within seconds, and the agency holds it exactly once."""
    expect_agency_told(legal_adviser, test_operator, case, agency)
