"""Recording and sharing results: every outcome, drafts, conflicting saves, amendments, order lengths."""

from __future__ import annotations

from pytest_bdd import given, scenarios, then, when

from fixtures.builders import a_plain_result, a_result
from steps.expectations.court import expect_custody, expect_draft_outcome, expect_hearing_state, expect_status
from steps.parameters import phrase_type, step
from steps.records import CaseFile, ListedHearing
from steps.screenplay.open_forms import OpenTheResultForm, SaveTheOpenResultForm
from steps.screenplay.questions import TheHearing
from steps.screenplay.tasks import Outcome, RecordResult, ShareResults
from steps.shared.results import a_curfew_on

scenarios("recording_and_sharing_results.feature")

HEARING_STATES = phrase_type({"resulted": "RESULTED", "amended": "AMENDED", "waiting for results": "LISTED"})


# --- Given ---------------------------------------------------------------------------------------------


@given("the legal adviser has opened the hearing to record results", target_fixture="opened_version")
def the_legal_adviser_has_opened_the_hearing(legal_adviser, hearing: ListedHearing) -> int:
    """The legal adviser has the hearing open, as it was at that moment."""
    return legal_adviser.asks(TheHearing(hearing.id))["version"]


@given(step("a colleague has since recorded a result of {outcome:Outcome} for the defendant"))
def a_colleague_has_recorded(legal_adviser, case: CaseFile, hearing: ListedHearing, calendar, outcome: str):
    """Another legal adviser saved a result on the same hearing in the meantime."""
    result = a_plain_result(outcome, calendar.today)
    legal_adviser.has_done(RecordResult(hearing.id, case.defendant_ids[0], result))


@given("the legal adviser and a colleague both have the defendant's result form open", target_fixture="open_forms")
def both_have_the_form_open(cast, legal_adviser, case: CaseFile, hearing: ListedHearing) -> dict[str, Outcome]:
    """Two legal advisers, each at their own desk, open the same defendant's result form."""
    return {who: actor.attempts_to(OpenTheResultForm(hearing.id, case.defendant_ids[0]))
            for who, actor in (("adviser", legal_adviser), ("colleague", cast.colleague_of(legal_adviser)))}


# --- When ----------------------------------------------------------------------------------------------


@when(step("the legal adviser saves a result of {outcome:Outcome} on their open form"))
def the_adviser_saves_the_open_form(legal_adviser, case, hearing, calendar, open_forms, outcome: str) -> None:
    """The first adviser saves their form: nobody has changed the hearing since they opened it."""
    saved = legal_adviser.attempts_to(SaveTheOpenResultForm(hearing.id, case.defendant_ids[0],
                                                            a_plain_result(outcome, calendar.today), open_forms["adviser"]))
    expect_status(saved, saved.accepted, "the first save to be accepted")


@when(step("the colleague saves a result of {outcome:Outcome} on the form they opened earlier"),
      target_fixture="outcome")
def the_colleague_saves_the_stale_form(cast, legal_adviser, case, hearing, calendar, open_forms, outcome: str) -> Outcome:
    """The colleague saves the form they opened before the first adviser saved."""
    return cast.colleague_of(legal_adviser).attempts_to(SaveTheOpenResultForm(
        hearing.id, case.defendant_ids[0], a_plain_result(outcome, calendar.today), open_forms["colleague"]))


@when("the legal adviser shares the hearing again without changing anything", target_fixture="outcome")
def shares_again_unchanged(legal_adviser, hearing: ListedHearing) -> Outcome:
    """The legal adviser presses share again with no new or changed result."""
    return legal_adviser.attempts_to(ShareResults(hearing.id))


@when(step("the legal adviser saves a result of {outcome:Outcome} for the defendant on the hearing as they "
           "opened it"), target_fixture="outcome")
def saves_on_a_stale_hearing(legal_adviser, case, hearing, calendar, opened_version: int, outcome: str):
    """The legal adviser saves a result on the hearing as it was when they opened it."""
    result = a_plain_result(outcome, calendar.today)
    return legal_adviser.attempts_to(RecordResult(hearing.id, case.defendant_ids[0], result, version=opened_version))


@when(step("the legal adviser records a community order of {months:d} months for the defendant"),
      target_fixture="outcome")
def records_a_community_order_of(legal_adviser, case: CaseFile, hearing: ListedHearing, months: int) -> Outcome:
    """The legal adviser drafts a community order of this length."""
    result = a_result("COMMUNITY_ORDER", order_length_months=months)
    return legal_adviser.attempts_to(RecordResult(hearing.id, case.defendant_ids[0], result))


@when(step("the legal adviser records a result of {outcome:Outcome} with an electronically monitored curfew for "
           "the defendant"), target_fixture="outcome")
def records_an_outcome_with_em(legal_adviser, case, hearing, calendar, outcome: str) -> Outcome:
    """The legal adviser adds an EM curfew to an outcome that cannot carry one."""
    result = {**a_plain_result(outcome, calendar.today), "curfew": a_curfew_on(calendar, "19:00", "07:00", "tomorrow")}
    return legal_adviser.attempts_to(RecordResult(hearing.id, case.defendant_ids[0], result))


# --- Then ----------------------------------------------------------------------------------------------


@then(step("the hearing is {state:HearingState}", HearingState=HEARING_STATES))
def the_hearing_is(legal_adviser, hearing: ListedHearing, state: str) -> None:
    """The hearing's state: listed and waiting, resulted (shared), or amended (shared again)."""
    expect_hearing_state(legal_adviser, hearing.id, state)


@then(step("the defendant is {custody:Custody}"))
def the_defendant_is(legal_adviser, case: CaseFile, custody: str) -> None:
    """The case shows the defendant's custody status after the shared result."""
    expect_custody(legal_adviser, case, custody)


@then("sharing is refused because there is nothing new to share")
def nothing_new_to_share(outcome: Outcome) -> None:
    """The platform refused to share again a hearing with nothing new in it."""
    expect_status(outcome, outcome.status == 422, "sharing to be refused because there is nothing new to share")


@then("the result is refused because someone else changed the hearing meanwhile")
def refused_as_stale(outcome: Outcome) -> None:
    """The platform refused a save based on an out-of-date hearing rather than overwrite newer work."""
    expect_status(outcome, outcome.conflicts, "the save to be refused because a colleague changed the hearing")


@then("the colleague's save is refused because someone else changed the hearing meanwhile")
def the_colleagues_save_is_refused(outcome: Outcome) -> None:
    """Refused as a conflict, saying so, rather than overwriting the newer result."""
    reasons = " ".join(outcome.field_errors.get("version", []))
    expect_status(outcome, outcome.conflicts and "changed by someone else" in reasons,
                  "the save to be refused, saying someone else changed the hearing meanwhile")


@then(step("the defendant's draft result is still {outcome:Outcome}"))
def the_draft_is_still(legal_adviser, case: CaseFile, hearing: ListedHearing, outcome: str) -> None:
    """The colleague's newer draft stands."""
    expect_draft_outcome(legal_adviser, case, hearing, outcome)
