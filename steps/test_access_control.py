"""Access control: every role against every action, court-centre scoping, signing in."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from functools import cached_property

from pytest_bdd import given, scenarios, then, when

from fixtures.builders import a_case, a_hearing, a_plain_result
from steps.parameters import HOME_CENTRE, phrase_type, step
from steps.records import CaseFile, ListedHearing
from steps.screenplay.actor import Actor
from steps.screenplay.questions import TheHearing
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
from steps.shared.em_orders import orders_of
from steps.shared.results import a_curfew_on, for_every_defendant, record_and_share, with_curfew

scenarios("access_control.feature")


class Scene:
    """What the actions act upon, set up through the API by Northgate's own staff when first needed."""

    def __init__(self, cast, calendar):
        self._cast, self._calendar = cast, calendar

    @cached_property
    def case(self) -> CaseFile:
        officer = self._cast.court_user("LISTING_OFFICER", HOME_CENTRE)
        return CaseFile.from_outcome(officer.has_done(OpenCase(a_case(court_centre=HOME_CENTRE))))

    def a_hearing(self) -> ListedHearing:
        officer = self._cast.court_user("LISTING_OFFICER", HOME_CENTRE)
        starts_at = self._calendar.at(self._calendar.day("tomorrow"), "10:00")
        listed = officer.has_done(ListHearing(self.case.urn, a_hearing("FIRST_APPEARANCE", "1", starts_at))).body
        return ListedHearing(listed["id"], self.case.urn, listed["starts_at"])

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


def _described(outcomes: list[Outcome]) -> str:
    return "; ".join(f"{o.status}" + (f" ({o.summary()})" if not o.accepted else "") for o in outcomes)


# --- Given / When --------------------------------------------------------------------------------------


@given(step("the {staff:Staff}"), target_fixture="actor")
def a_member_of_staff(cast, staff) -> Actor:
    """A signed-in member of staff with this role at this court centre."""
    return cast.court_user(*staff)


@when(step("they try to {action:Action}", Action=ACTION), target_fixture="attempt")
def they_try_to(actor: Actor, cast, calendar, action: str) -> tuple[str, list[Outcome]]:
    """The member of staff tries the action; everything it needs was set up by Northgate's own staff."""
    return action, ACTIONS[action](actor, Scene(cast, calendar))


@when(step("the {staff:Staff} looks for the case"), target_fixture="outcome")
def looks_for_the_case(cast, case: CaseFile, staff) -> Outcome:
    """A member of staff opens the case by its reference."""
    return cast.court_user(*staff).attempts_to(ReadCase(case.urn))


@when(step("the {staff:Staff} looks for the hearing and its EM order"), target_fixture="outcomes")
def looks_for_the_hearing_and_order(cast, legal_adviser, case: CaseFile, hearing: ListedHearing, staff):
    """A member of staff opens the hearing and the defendant's EM order directly."""
    order_id = orders_of(legal_adviser, case, case.defendant_ids[0])[-1]["id"]
    actor = cast.court_user(*staff)
    return [actor.attempts_to(ReadHearing(hearing.id)), actor.attempts_to(ReadEmOrder(order_id))]


@when(step("the {staff:Staff} tries to record a result of {outcome:Outcome} for the defendant"),
      target_fixture="outcome")
def tries_to_record_a_result(cast, case: CaseFile, hearing: ListedHearing, calendar, staff, outcome: str):
    """A member of staff tries to save a result on the hearing."""
    return cast.court_user(*staff).attempts_to(
        RecordResult(hearing.id, case.defendant_ids[0], a_plain_result(outcome, calendar.today)))


@when(step("the {staff:Staff} tries to list a hearing for the case"), target_fixture="outcome")
def tries_to_list_a_hearing(cast, case: CaseFile, calendar, staff) -> Outcome:
    """A member of staff tries to list a hearing for the case."""
    starts_at = calendar.at(calendar.day("tomorrow"), "10:00")
    return cast.court_user(*staff).attempts_to(ListHearing(case.urn, a_hearing("FIRST_APPEARANCE", "1", starts_at)))


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
    """The platform carried out every part of the action (re-sending an order that was never rejected may
    be refused for that business reason, never for lack of permission)."""
    action, outcomes = attempt
    business_refusal_allowed = action == "re-send an EM order"
    refused = [o for o in outcomes if not (o.accepted or (business_refusal_allowed and o.status in (409, 422)))]
    assert not refused, (f"Expected {actor.name} to be allowed to {action}, but the platform answered: "
                         f"{_described(outcomes)}")


@then("they are refused as not permitted")
def they_are_refused(actor: Actor, attempt: tuple[str, list[Outcome]]) -> None:
    """The platform refused every part of the action because the role does not allow it."""
    action, outcomes = attempt
    assert all(o.not_permitted for o in outcomes), (
        f"Expected {actor.name} to be refused permission to {action}, but the platform answered: "
        f"{_described(outcomes)}")


@then("the case is not found")
def the_case_is_not_found(outcome: Outcome) -> None:
    """Another court centre's case is not found (its existence is not disclosed)."""
    assert outcome.not_found, (
        f"Expected another court centre's case to be not found, but the platform answered {outcome.summary()}")


@then("the hearing is not found")
def the_hearing_is_not_found(outcome: Outcome) -> None:
    """Another court centre's hearing is not found."""
    assert outcome.not_found, (
        f"Expected another court centre's hearing to be not found, but the platform answered {outcome.summary()}")


@then("neither is found")
def neither_is_found(outcomes: list[Outcome]) -> None:
    """Neither the hearing nor the EM order of another court centre is found."""
    assert all(o.not_found for o in outcomes), (
        "Expected another court centre's hearing and EM order to be not found, but the platform answered: "
        f"{_described(outcomes)}")


@then("the case is not among the search results")
def the_case_is_not_found_by_search(case: CaseFile, search_results: list[dict]) -> None:
    """Another court centre's search does not list the case."""
    assert case.urn not in [c.get("urn") for c in search_results], (
        f"Expected case {case.urn} of Northgate to be hidden from another court centre's search, but it is listed")


@then("the defendant has no draft result")
def no_draft_result(legal_adviser, case: CaseFile, hearing: ListedHearing) -> None:
    """Nothing was saved on the hearing by the refused attempt."""
    results = legal_adviser.asks(TheHearing(hearing.id)).get("results", [])
    assert not [r for r in results if r.get("defendant_id") == case.defendant_ids[0]], (
        f"Expected no result to be saved for {case.label(1)}, but the hearing shows one")


@then("they are asked to sign in")
def asked_to_sign_in(outcome: Outcome) -> None:
    """The platform refuses the request until the person signs in."""
    assert outcome.needs_sign_in, f"Expected to be asked to sign in, but the platform answered {outcome.summary()}"


@then("signing in is refused")
def signing_in_is_refused(outcome: Outcome) -> None:
    """A wrong password gives no pass."""
    assert outcome.needs_sign_in and "access_token" not in (outcome.body if isinstance(outcome.body, dict) else {}), (
        f"Expected signing in with a wrong password to be refused, but the platform answered {outcome.summary()}")
