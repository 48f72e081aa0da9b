"""Page objects for the platform's web pages: one per page, exposing what a court user does there.

Locators stay private and find things the way a person does (role, label, visible text); assertions are
Playwright's web-first `expect`. Every page a page object arrives at is checked for accessibility.
"""

from .base import Arrival, Checks, PageObject
from .case_intake_pages import CannotEnterThis, FindCasePage, ListHearingPage, OpenCasePage
from .case_page import CasePage
from .court_list_page import CourtListPage
from .directory_pages import AuditTrailPage, CourtCentresPage
from .em_order_page import EmOrderPage
from .hearing_results_page import HearingResultsPage
from .results_page import ResultsPage
from .sign_in_page import SignInPage
from .work_queue_page import WorkQueuePage

__all__ = [
    "Arrival", "AuditTrailPage", "CannotEnterThis", "CasePage", "Checks", "CourtCentresPage", "CourtListPage",
    "EmOrderPage", "FindCasePage", "HearingResultsPage", "ListHearingPage", "OpenCasePage", "PageObject",
    "ResultsPage", "SignInPage", "WorkQueuePage",
]
