"""Access control: every role against every action, court-centre scoping, signing in."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from functools import cached_property

import pytest
from pytest_bdd import given, scenarios, then, when

from fixtures.builders import a_case, a_hearing, a_plain_result
from steps.calendar import CourtCalendar
from steps.expectations.court import (
    expect_allowed,
    expect_draft_outcome,
    expect_in_search_results,
    expect_not_found,
    expect_not_permitted,
    expect_status,
)
from steps.expectations.monitoring import orders_of, the_order
from steps.parameters import HOME_CENTRE, phrase_type, step
from steps.records import CaseFile, ListedHearing
from steps.screenplay import ExchangeLog
from steps.screenplay.actor import Actor
from steps.screenplay.cast import Cast
from steps.screenplay.questions import ThePlatformTime
from steps.screenplay.tasks import (
    ListHearing,
    OpenCase,
    Outcome,
    ReadAuditTrail,
    ReadCase,
    ReadCourtCentres,
    ReadCourtList,
    ReadEmOrder,
    ReadEmOrders,
    ReadHearing,
    ReadNotifications,
    ReadWorkQueue,
    RecordResult,
    ResendEmOrder,
    SearchCases,
    ShareResults,
    SignIn,
)
from steps.shared.results import a_curfew_on, for_every_defendant, record_and_share, with_curfew

scenarios("access_control.feature")


@pytest.fixture(scope="module")
def northgate_scene(request, court_platform, platform_client, provider_client, token_cache) -> Scene:
    """The case, hearing and EM order that every role tries its actions on."""
    # The scene is set through the API whatever the channel: it is arranged, not tested.
    cast = Cast(court_platform, platform_client, provider_client, token_cache, ExchangeLog(), "api")
    return Scene(cast, CourtCalendar(cast.test_operator().asks(ThePlatformTime())))


class Scene:
    """What the actions act upon: a Northgate case, hearing and EM order, set up through the API by
    Northgate's own staff when first needed, once per session (the actions only read it, or add to it)."""

    def __init__(self, cast: Cast, calendar: CourtCalendar):
        self._cast, self._calendar = cast, calendar

    @cached_property
    def case(self) -> CaseFile:
        officer = self._cast.court_user("LISTING_OFFICER", HOME_CENTRE)
        return CaseFile.from_outcome(officer.has_done(OpenCase(a_case(court_centre=HOME_CENTRE))))

    def a_hearing(self) -> ListedHearing:
        officer = self._cast.court_user("LISTING_OFFICER", HOME_CENTRE)
        starts_at = self._calendar.at(self._calendar.day("tomorrow"), "10:00")
        return ListedHearing.from_outcome(officer.has_done(ListHearing(self.case.urn, a_hearing("FIRST_APPEARANCE", "1", starts_at))))

    @cached_property
    def hearing(self) -> ListedHearing:
        return self.a_hearing()

    def a_hearing_with_a_draft(self) -> ListedHearing:
        hearing = self.a_hearing()
        adviser = self._cast.court_user("LEGAL_ADVISER", HOME_CENTRE)
        adviser.has_done(RecordResult(hearing.id, self.case.defendant_ids[0], a_plain_result("FINE", self.today)))
        return hearing

    @cached_property
    def em_order_id(self) -> int:
        adviser = self._cast.court_user("LEGAL_ADVISER", HOME_CENTRE)
        result = with_curfew("bail", a_curfew_on(self._calendar, "19:00", "07:00", "tomorrow"), self._calendar)
        record_and_share(adviser, self.hearing, for_every_defendant(self.case, result), arranging=True)
        return orders_of(adviser, self.case, self.case.defendant_ids[0])[-1]["id"]

    @property
    def today(self):
        return self._calendar.today

    @property
    def tomorrow(self):
        return self._calendar.day("tomorrow")


ACTIONS: dict[str, Callable[[Actor, Scene], list[Outcome]]] = {
    "list the court centres": lambda actor, scene: [actor.attempts_to(ReadCourtCentres())],
    "open a case": lambda actor, scene: [actor.attempts_to(OpenCase(a_case(court_centre=HOME_CENTRE)))],
    "read a case and its hearings": lambda actor, scene: [
        actor.attempts_to(ReadCase(scene.case.urn)),
        actor.attempts_to(SearchCases(scene.case.urn)),
        actor.attempts_to(ReadHearing(scene.hearing.id)),
        actor.attempts_to(ReadCourtList(HOME_CENTRE, scene.tomorrow)),
    ],
    "read EM orders and notifications": lambda actor, scene: [
        actor.attempts_to(ReadEmOrders(scene.case.urn)),
        actor.attempts_to(ReadEmOrder(scene.em_order_id)),
        actor.attempts_to(ReadNotifications(scene.case.urn)),
    ],
    "list a hearing": lambda actor, scene: [actor.attempts_to(ListHearing(
        scene.case.urn, a_hearing("MENTION", "3", scene._calendar.at(scene.tomorrow + timedelta(days=7), "11:00"))))],
    "draft a result": lambda actor, scene: [actor.attempts_to(
        RecordResult(scene.hearing.id, scene.case.defendant_ids[0], a_plain_result("FINE", scene.today)))],
    "share results": lambda actor, scene: [actor.attempts_to(ShareResults(scene.a_hearing_with_a_draft().id))],
    "read the work queue": lambda actor, scene: [actor.attempts_to(ReadWorkQueue())],
    "re-send an EM order": lambda actor, scene: [actor.attempts_to(ResendEmOrder(scene.em_order_id))],
    "read the audit trail": lambda actor, scene: [actor.attempts_to(ReadAuditTrail(scene.case.urn))],
}
ACTION = phrase_type({name: name for name in ACTIONS})
# Re-sending an order that was never rejected is refused for that reason (by a role allowed to re-send).
BUSINESS_REFUSALS = {"re-send an EM order": (409, 422)}


# --- Given / When --------------------------------------------------------------------------------------


@given(step("the {staff:Staff}"), target_fixture="actor")
def a_member_of_staff(cast, staff) -> Actor:
    """A signed-in member of staff with this role at this court centre."""
    return cast.court_user(*staff)


@when(step("they try to {action:Action}", Action=ACTION), target_fixture="attempt")
def they_try_to(actor: Actor, northgate_scene: Scene, action: str) -> tuple[str, list[Outcome]]:
    """The member of staff tries the action; everything it needs was set up by Northgate's own staff."""
    return action, ACTIONS[action](actor, northgate_scene)


@when(step("the {staff:Staff} looks for the case"), target_fixture="outcome")
def looks_for_the_case(cast, case: CaseFile, staff) -> Outcome:
    """A member of staff opens the case by its reference."""
    return cast.court_user(*staff).attempts_to(ReadCase(case.urn))


@when(step("the {staff:Staff} looks for the hearing and its EM order"), target_fixture="outcomes")
def looks_for_the_hearing_and_order(cast, legal_adviser, case: CaseFile, hearing: ListedHearing, staff):
    """A member of staff opens the hearing and the defendant's EM order directly."""
    order_id = the_order(legal_adviser, case)["id"]
    return [cast.court_user(*staff).attempts_to(read) for read in (ReadHearing(hearing.id), ReadEmOrder(order_id))]


@when(step("the {staff:Staff} tries to record a result of {outcome:Outcome} for the defendant"),
      target_fixture="outcome")
def tries_to_record_a_result(cast, case: CaseFile, hearing: ListedHearing, calendar, staff, outcome: str):
    """A member of staff tries to save a result on the hearing."""
    result = a_plain_result(outcome, calendar.today)
    return cast.court_user(*staff).attempts_to(RecordResult(hearing.id, case.defendant_ids[0], result))


@when(step("the {staff:Staff} tries to list a hearing for the case"), target_fixture="outcome")
def tries_to_list_a_hearing(cast, case: CaseFile, calendar, staff) -> Outcome:
    """A member of staff tries to list a hearing for the case."""
    hearing = a_hearing("FIRST_APPEARANCE", "1", calendar.at(calendar.day("tomorrow"), "10:00"))
    return cast.court_user(*staff).attempts_to(ListHearing(case.urn, hearing))


@when("someone who has not signed in tries to read the court centres", target_fixture="outcome")
def someone_not_signed_in_reads(cast) -> Outcome:
    """A request without any pass."""
    return cast.someone_not_signed_in().attempts_to(ReadCourtCentres())


@when("someone with a forged pass tries to read the court centres", target_fixture="outcome")
def someone_with_a_forged_pass_reads(cast) -> Outcome:
    """A request with a pass the platform never issued."""
    return cast.an_impostor().attempts_to(ReadCourtCentres())


@when(step("the {staff:Staff} signs in with a wrong password"), target_fixture="outcome")
def signs_in_with_a_wrong_password(cast, staff) -> Outcome:
    """A member of staff mistypes their password."""
    return cast.court_user(*staff).attempts_to(SignIn("not-the-right-password"))


# --- Then ----------------------------------------------------------------------------------------------


@then("they are allowed")
def they_are_allowed(actor: Actor, attempt: tuple[str, list[Outcome]]) -> None:
    """The platform carried out every part of the action (re-sending an order that was never rejected may be
    refused for that business reason, never for lack of permission)."""
    expect_allowed(actor, *attempt, business_refusals=BUSINESS_REFUSALS.get(attempt[0], ()))


@then("they are refused as not permitted")
def they_are_refused(actor: Actor, attempt: tuple[str, list[Outcome]]) -> None:
    """The platform refused every part of the action because the role does not allow it."""
    expect_not_permitted(actor, *attempt)


@then("the case is not found")
def the_case_is_not_found(outcome: Outcome) -> None:
    """Another court centre's case is not found (its existence is not disclosed)."""
    expect_not_found([outcome], "a case")


@then("the hearing is not found")
def the_hearing_is_not_found(outcome: Outcome) -> None:
    """Another court centre's hearing is not found."""
    expect_not_found([outcome], "a hearing")


@then("neither is found")
def neither_is_found(outcomes: list[Outcome]) -> None:
    """Neither the hearing nor the EM order of another court centre is found."""
    expect_not_found(outcomes, "a hearing and its EM order")


@then("the case is not among the search results")
def the_case_is_not_found_by_search(case: CaseFile, search_results: list[dict]) -> None:
    """Another court centre's search does not list the case."""
    expect_in_search_results(case, search_results, present=False)


@then("the defendant has no draft result")
def no_draft_result(legal_adviser, case: CaseFile, hearing: ListedHearing) -> None:
    """Nothing was saved on the hearing by the refused attempt."""
    expect_draft_outcome(legal_adviser, case, hearing, None)


@then("they are asked to sign in")
def asked_to_sign_in(outcome: Outcome) -> None:
    """The platform refuses the request until the person signs in."""
    expect_status(outcome, outcome.needs_sign_in, "to be asked to sign in")


@then("signing in is refused")
def signing_in_is_refused(outcome: Outcome) -> None:
    """A wrong password gives no pass."""
    expect_status(outcome, outcome.needs_sign_in and "access_token" not in str(outcome.body), "signing in to be refused")
