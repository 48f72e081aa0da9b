"""The browser side of the tasks and questions: what a court user does and reads on the web pages.

Each function here is registered for one task or question class; `BrowseTheWeb` dispatches to it. A task
answers with the same `Outcome` as its API side (a status and a body in the contract's words), read from
the page the user ends up on: an accepted form leads on (303), a refused one comes back with its reasons
in the GOV.UK error summary (4xx), a page the user may not see is a 403 or 404 page, and a page that needs
signing in leads to the sign-in page (401 in the API's words). An action the pages do not offer to this
user (no button) is a refusal as "not permitted" (403), the way a person would meet it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from steps.pages import (
    Arrival,
    AuditTrailPage,
    CasePage,
    CourtCentresPage,
    CourtListPage,
    EmOrderPage,
    FindCasePage,
    HearingResultsPage,
    ListHearingPage,
    OpenCasePage,
    ResultsPage,
    SignInPage,
    WorkQueuePage,
)

from . import questions, tasks
from .abilities import CallTheApi
from .tasks import Outcome

if TYPE_CHECKING:
    from .abilities import BrowseTheWeb

_TASKS: dict[type, Callable[[Any, BrowseTheWeb], Any]] = {}
_QUESTIONS: dict[type, Callable[[Any, BrowseTheWeb], Any]] = {}


def _for(table: dict, kind: type):
    def register(function):
        table[kind] = function
        return function
    return register


def perform(browser: BrowseTheWeb, interaction: tasks.Interaction) -> Any:
    if not isinstance(interaction, tasks.Read):
        browser.fresh = None  # whatever the tab showed is out of date once the user does something
    implementation = _TASKS.get(type(interaction))
    return implementation(interaction, browser) if implementation else interaction.via_browser(browser)


def answer(browser: BrowseTheWeb, question: questions.Question) -> Any:
    implementation = _QUESTIONS.get(type(question))
    return implementation(question, browser) if implementation else question.via_browser(browser)


# --- outcomes from pages ----------------------------------------------------------------------------------


def _refused(arrival: Arrival, page) -> Outcome:
    """A refusal as the API words it: 401 to sign in, else the page's status with its title and field errors."""
    if arrival.needs_sign_in:
        return Outcome(401, {"title": "Not signed in", "errors": []})
    return Outcome(arrival.status, page.problem())


def _not_offered(what: str) -> Outcome:
    return Outcome(403, {"title": "Not offered", "detail": f"The pages offer this user no way to {what}",
                         "errors": []})


def _landed(browser: BrowseTheWeb) -> None:
    """A task ended on a page the user has in front of them: the next read of that page need not reload it."""
    browser.fresh = (urlsplit(browser.page.url).path, "task")


def _arrive(browser: BrowseTheWeb, reader: str, path: str, open_page: Callable[[], Arrival]) -> Arrival:
    """Open a page to read it, unless the tab shows it freshly: just arrived at after a task, or just opened
    by another kind of read (a person reads the custody status and the messages of one case page without
    reloading it). The same read asked again (waiting for something to change) always reloads."""
    fresh, browser.fresh = browser.fresh, None
    if fresh and fresh[0] == path and fresh[1] != reader and urlsplit(browser.page.url).path == path:
        return Arrival(200, path)
    arrival = open_page()
    if arrival.status == 200:
        browser.fresh = (path, reader)
    return arrival


# --- tasks ------------------------------------------------------------------------------------------------


@_for(_TASKS, tasks.SignIn)
def _sign_in(task: tasks.SignIn, browser: BrowseTheWeb) -> Outcome:
    page = SignInPage(browser.fresh_tab(), browser.base_url, browser.checks)
    page.open()
    arrival = page.sign_in_as(browser.who, task.password)
    if arrival.accepted and arrival.path != "/sign-in":
        return Outcome(200, {"user": {"username": browser.who}})
    return Outcome(429 if arrival.status == 429 else 401, {"title": "Sign-in failed", "detail": page.refusal(),
                                                           "errors": []})


@_for(_TASKS, tasks.OpenCase)
def _open_case(task: tasks.OpenCase, browser: BrowseTheWeb) -> Outcome:
    page = OpenCasePage(browser.page, browser.base_url, browser.checks)
    arrival = page.open()
    if not arrival.accepted:
        return _refused(arrival, page)
    arrival = page.open_case(task.case)
    if not arrival.accepted:
        return Outcome(arrival.status, page.problem(), sent=task.case)
    case = CasePage(browser.page, browser.base_url, browser.checks)
    _landed(browser)
    return Outcome(201, {**case.case(), "court_centre": browser.court_centre}, sent=task.case)


@_for(_TASKS, tasks.ListHearing)
def _list_hearing(task: tasks.ListHearing, browser: BrowseTheWeb) -> Outcome:
    page = ListHearingPage(browser.page, browser.base_url, browser.checks)
    arrival = page.open(task.urn)
    if not arrival.accepted:
        return _refused(arrival, page)
    arrival = page.list_hearing(task.hearing)
    if not arrival.accepted:
        return Outcome(arrival.status, page.problem(), sent=task.hearing)
    hearing_id = int(re.search(r"#hearing-(\d+)$", browser.page.url).group(1))
    listed = next(h for h in CasePage(browser.page, browser.base_url, browser.checks).hearings() if h["id"] == hearing_id)
    return Outcome(201, {**listed, "urn": task.urn, "type": task.hearing.get("type"), "results": []}, sent=task.hearing)


@_for(_TASKS, tasks.RecordResult)
def _record_result(task: tasks.RecordResult, browser: BrowseTheWeb) -> Outcome:
    page = ResultsPage(browser.page, browser.base_url, browser.checks)
    arrival = page.open(task.hearing_id, task.defendant_id)
    if not arrival.accepted:
        return _refused(arrival, page)
    if task.version is not None:
        page.as_opened_at(task.version)
    arrival = page.record(task.result)
    if not arrival.accepted:
        return Outcome(arrival.status, page.problem(), sent=task.result)
    hearing = HearingResultsPage(browser.page, browser.base_url, browser.checks).hearing()
    _landed(browser)
    return Outcome(200, hearing, sent=task.result)


@_for(_TASKS, tasks.ShareResults)
def _share_results(task: tasks.ShareResults, browser: BrowseTheWeb) -> Outcome:
    page = HearingResultsPage(browser.page, browser.base_url, browser.checks)
    arrival = page.open(task.hearing_id, unless_there=True)
    if not arrival.accepted:
        return _refused(arrival, page)
    if not page.can_share():
        if page.says_nothing_to_share():
            return Outcome(422, {"title": "Nothing to share", "errors": [
                {"field": "results", "message": "There are no new or changed results to share"}]})
        return _not_offered("share results")
    if task.version is not None:
        page.as_opened_at(task.version)
    arrival = page.share()
    if not arrival.accepted:
        return Outcome(arrival.status, page.problem())
    return Outcome(200, {"id": task.hearing_id, "shared": True})


@_for(_TASKS, tasks.ResendEmOrder)
def _resend(task: tasks.ResendEmOrder, browser: BrowseTheWeb) -> Outcome:
    page = EmOrderPage(browser.page, browser.base_url, browser.checks)
    arrival = page.open(task.order_id)
    if not arrival.accepted:
        return _refused(arrival, page)
    if page.offers_resend():
        arrival = page.resend()
        return Outcome(200, {"id": task.order_id}) if arrival.accepted else Outcome(arrival.status, page.problem())
    if page.says_only_rejected_orders_can_be_resent():
        return Outcome(422, {"title": "Cannot be re-sent", "errors": [
            {"field": "status", "message": "Only a rejected order can be re-sent"}]})
    return _not_offered("re-send an EM order")


# --- reading: tasks that may be refused, and the questions built on them ---------------------------------

_PAGES: list[tuple[re.Pattern[str], Callable[[BrowseTheWeb, re.Match[str], dict[str, str]], tuple[Arrival, Any]]]] = []


def _reads(pattern: str):
    def register(function):
        _PAGES.append((re.compile(pattern), function))
        return function
    return register


@_for(_TASKS, tasks.Read)
def _read(task: tasks.Read, browser: BrowseTheWeb) -> Outcome:
    """A read of the API mapped to the page that shows the same thing; its body in the API's shape."""
    params = dict(task.params)
    for pattern, read_page in _PAGES:
        match = pattern.fullmatch(task.path)
        if match:
            arrival, body = read_page(browser, match, params)
            if arrival.needs_sign_in:
                return Outcome(401, {"title": "Not signed in", "errors": []})
            return Outcome(arrival.status, body if arrival.accepted else {"title": browser.page.title(), "errors": []})
    raise NotImplementedError(f"No page shows {task.path} (asked to {task.describe()})")


@_reads(r"/api/v1/court-centres")
def _court_centres(browser, match, params):
    page = CourtCentresPage(browser.page, browser.base_url, browser.checks)
    arrival = page.open()
    return arrival, {"items": page.centres() if arrival.accepted else []}


@_reads(r"/api/v1/cases/(?P<urn>[^/]+)")
def _case(browser, match, params):
    page = CasePage(browser.page, browser.base_url, browser.checks)
    arrival = _arrive(browser, "case", f"/cases/{match['urn']}", lambda: page.open(match["urn"]))
    return arrival, ({**page.case(), "court_centre": browser.court_centre} if arrival.status == 200 else None)


@_reads(r"/api/v1/cases")
def _search(browser, match, params):
    page = FindCasePage(browser.page, browser.base_url, browser.checks)
    arrival = page.search(params.get("q", ""))
    return arrival, {"items": page.cases() if arrival.status == 200 else []}


@_reads(r"/api/v1/hearings/(?P<id>[0-9]+)")
def _hearing(browser, match, params):
    page = HearingResultsPage(browser.page, browser.base_url, browser.checks)
    arrival = _arrive(browser, "hearing", f"/hearings/{match['id']}/results", lambda: page.open(int(match["id"])))
    return arrival, (page.hearing() if arrival.status == 200 else None)


@_reads(r"/api/v1/hearings")
def _court_list(browser, match, params):
    from datetime import date

    page = CourtListPage(browser.page, browser.base_url, browser.checks)
    day = date.fromisoformat(params["date"]) if params.get("date") else None
    arrival = page.open(day, params.get("court_centre"))
    return arrival, {"items": page.hearings() if arrival.status == 200 else []}


@_reads(r"/api/v1/em-orders/(?P<id>[0-9]+)")
def _em_order(browser, match, params):
    page = EmOrderPage(browser.page, browser.base_url, browser.checks)
    arrival = page.open(int(match["id"]))
    return arrival, (page.order() if arrival.status == 200 else None)


@_reads(r"/api/v1/em-orders")
def _em_orders(browser, match, params):
    page = CasePage(browser.page, browser.base_url, browser.checks)
    arrival = _arrive(browser, "em orders", f"/cases/{params['urn']}", lambda: page.open(params["urn"]))
    return arrival, {"items": page.em_orders() if arrival.status == 200 else []}


@_reads(r"/api/v1/notifications")
def _notifications(browser, match, params):
    page = CasePage(browser.page, browser.base_url, browser.checks)
    arrival = _arrive(browser, "messages", f"/cases/{params['urn']}", lambda: page.open(params["urn"]))
    return arrival, {"items": page.messages() if arrival.status == 200 else []}


@_reads(r"/api/v1/work-queue")
def _work_queue(browser, match, params):
    page = WorkQueuePage(browser.page, browser.base_url, browser.checks)
    arrival = page.open()
    return arrival, {"items": page.items() if arrival.status == 200 else []}


@_reads(r"/api/v1/audit-events")
def _audit_trail(browser, match, params):
    page = AuditTrailPage(browser.page, browser.base_url, browser.checks)
    arrival = page.open(params["urn"])
    return arrival, {"items": page.events() if arrival.status == 200 else []}


def _read_answer(browser: BrowseTheWeb, read: tasks.Read) -> Any:
    outcome = _read(read, browser)
    if not outcome.accepted:
        raise questions.UnexpectedAnswer(f"The pages would not let {browser.who} {read.describe()}: "
                                         f"{outcome.summary()}")
    return outcome.body


def _items(body: Any) -> list[dict[str, Any]]:
    return list(body.get("items", [])) if isinstance(body, dict) else list(body or [])


@_for(_QUESTIONS, questions.TheCase)
def _the_case(question, browser):
    return _read_answer(browser, tasks.ReadCase(question.urn))


@_for(_QUESTIONS, questions.TheHearing)
def _the_hearing(question, browser):
    return _read_answer(browser, tasks.ReadHearing(question.hearing_id))


@_for(_QUESTIONS, questions.TheCourtList)
def _the_court_list(question, browser):
    return _items(_read_answer(browser, tasks.ReadCourtList(question.court_centre, question.day)))


@_for(_QUESTIONS, questions.CaseSearch)
def _case_search(question, browser):
    return _items(_read_answer(browser, tasks.SearchCases(question.query)))


@_for(_QUESTIONS, questions.EmOrdersFor)
def _em_orders_for(question, browser):
    orders = _items(_read_answer(browser, tasks.ReadEmOrders(question.urn)))
    if question.defendant_id is not None:
        orders = [o for o in orders if o.get("defendant_id") == question.defendant_id]
    return sorted(orders, key=lambda o: (o.get("created_at") or "", o.get("id") or 0))


@_for(_QUESTIONS, questions.TheEmOrder)
def _the_em_order(question, browser):
    return _read_answer(browser, tasks.ReadEmOrder(question.order_id))


@_for(_QUESTIONS, questions.NotificationsFor)
def _notifications_for(question, browser):
    return _items(_read_answer(browser, tasks.ReadNotifications(question.urn)))


@_for(_QUESTIONS, questions.TheWorkQueue)
def _the_work_queue(question, browser):
    return _items(_read_answer(browser, tasks.ReadWorkQueue()))


@_for(_QUESTIONS, questions.AuditTrailFor)
def _audit_trail_for(question, browser):
    return _items(_read_answer(browser, tasks.ReadAuditTrail(question.urn)))


@_for(_QUESTIONS, questions.PendingDeliveries)
def _pending_deliveries(question, browser):
    # No page shows a whole centre's delivery backlog: it is only asked to set the scene (wait for stragglers
    # before a provider fault), so it is answered through the API, like the test operator's questions.
    return question.via_api(browser.api)


__all__ = ["CallTheApi", "answer", "perform"]
