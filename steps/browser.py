"""The browser channel's machinery: a system Chromium launched once per session, a fresh browser context
per actor per scenario, the accessibility check on every page, screenshots for the report, and a
screenshot of every open page when a step fails, with its Playwright trace when tracing is on (attached
to Allure).

`--headed` and `--slowmo` (pytest-playwright's options) work as usual for local debugging.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import allure
import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from steps.pages import CourtListPage, SignInPage
from steps.pages.accessibility import AccessibilityCheck

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT_MS = 10_000
SCREENSHOTS = "COURT_SCREENSHOT_DIR"
_taken: set[str] = set()  # report screenshots already taken in this process


def chromium_path() -> str | None:
    """A Chromium already on the machine: `CHROMIUM_PATH`, else `chromium` (or `chromium-browser`) on PATH."""
    configured = os.environ.get("CHROMIUM_PATH")
    if configured:
        return configured
    return shutil.which("chromium") or shutil.which("chromium-browser")


class SignInFailed(AssertionError):
    pass


class ReportCamera:
    """Screenshots of the main pages for people reading the report: each one once per run."""

    def __init__(self, folder: Path | None):
        self.folder = folder

    def snapshot(self, page: Page, name: str) -> None:
        if self.folder is None or name in _taken:
            return
        _taken.add(name)
        self.folder.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(Exception):  # a picture for people; never the reason a scenario fails
            page.screenshot(path=str(self.folder / f"{name}.png"), full_page=True)


class PageChecks:
    """What every page object does on arrival: the accessibility check, and the report's screenshots."""

    def __init__(self, accessibility: AccessibilityCheck, camera: ReportCamera):
        self.accessibility, self.camera = accessibility, camera

    def audit(self, page: Page, state: str = "") -> None:
        self.accessibility(page, state)

    def snapshot(self, page: Page, name: str) -> None:
        self.camera.snapshot(page, name)


class WebSessions:
    """The browser tabs of one scenario: one fresh context per actor, signed in on first use.

    Signing in costs an argon2 check on the platform, so a user's signed-in cookies are kept for the run and
    given to each new context of theirs (a new context, but not a new sign-in)."""

    def __init__(self, browser: Browser, base_url: str, signed_in: dict[str, dict], checks: PageChecks,
                 tracing: bool):
        self.browser, self.base_url = browser, base_url.rstrip("/")
        self.checks, self._signed_in, self._tracing = checks, signed_in, tracing
        self.contexts: list[tuple[str, BrowserContext]] = []

    def tab(self, who: str, storage_state: dict | None = None) -> Page:
        context = self.browser.new_context(base_url=self.base_url, storage_state=storage_state,
                                           viewport={"width": 1280, "height": 900}, locale="en-GB",
                                           timezone_id="Europe/London")
        context.set_default_timeout(TIMEOUT_MS)
        if self._tracing:
            context.tracing.start(title=who, snapshots=True, sources=False)  # DOM snapshots; no screencast
        self.contexts.append((who, context))
        return context.new_page()

    def signed_in_tab(self, username: str, password: str, desk: str = "") -> Page:
        """A tab signed in as this user at this desk (through the sign-in page the first time in the run)."""
        who = f"{username} ({desk})" if desk else username
        known = self._signed_in.get(who)
        if known is not None:
            return self.tab(who, storage_state=known)
        page = self.tab(who)
        sign_in = SignInPage(page, self.base_url, self.checks)
        sign_in.open()
        arrival = sign_in.sign_in_as(username, password)
        if not arrival.accepted or arrival.path == "/sign-in":
            raise SignInFailed(f"{username} could not sign in through the sign-in page ({arrival.status}): "
                               f"{sign_in.refusal() or page.title()}")
        self._signed_in[who] = page.context.storage_state()
        if arrival.path == "/court-list":
            CourtListPage(page, self.base_url, self.checks).consider_for_the_report()
        return page

    def evidence(self, folder: Path) -> list[tuple[str, Path]]:
        """A full-page screenshot of every open tab and each context's trace: what went wrong, in pictures."""
        folder.mkdir(parents=True, exist_ok=True)
        kept = []
        for number, (who, context) in enumerate(self.contexts, start=1):
            label = f"{number}-{who.replace('@', '-at-')}"
            for index, page in enumerate(context.pages, start=1):
                shot = folder / f"{label}-tab{index}.png"
                with contextlib.suppress(Exception):
                    page.screenshot(path=str(shot), full_page=True)
                    kept.append((f"Screenshot: {who} at {page.url}", shot))
            if self._tracing:
                trace = folder / f"{label}-trace.zip"
                with contextlib.suppress(Exception):
                    context.tracing.stop(path=str(trace))
                    kept.append((f"Playwright trace: {who} (open with `playwright show-trace`)", trace))
        self._tracing = False
        return kept

    def close(self) -> None:
        for _, context in self.contexts:
            with contextlib.suppress(Exception):
                if self._tracing:
                    context.tracing.stop()
                context.close()
        self.contexts.clear()


# --- fixtures ------------------------------------------------------------------------------------------

WEB_SESSIONS = pytest.StashKey[WebSessions]()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    """pytest-playwright's launch options (--headed, --slowmo) plus the system Chromium: `playwright install`
    cannot download a browser on every machine, and Debian's Chromium works with Playwright."""
    arguments = dict(browser_type_launch_args)
    path = chromium_path()
    if path:
        arguments["executable_path"] = path
    arguments["args"] = [*arguments.get("args", []), "--disable-gpu", "--disable-quic"]
    return arguments


@pytest.fixture(scope="session")
def _signed_in_users() -> dict[str, dict]:
    return {}


@pytest.fixture(scope="session")
def _accessibility() -> AccessibilityCheck:
    """One accessibility check for the run: each distinct page is checked once (see accessibility.py)."""
    return AccessibilityCheck()


@pytest.fixture(scope="session")
def _report_camera() -> ReportCamera:
    folder = os.environ.get(SCREENSHOTS, str(ROOT / "reports" / "screenshots"))
    return ReportCamera(Path(folder) if folder else None)


@pytest.fixture
def web_sessions(request: pytest.FixtureRequest, court_platform, _signed_in_users, _accessibility,
                 _report_camera) -> Iterator[WebSessions]:
    """This scenario's browser tabs (the browser itself is launched once per session by pytest-playwright)."""
    browser: Browser = request.getfixturevalue("browser")
    # A trace with DOM snapshots costs about 1.5 s a scenario, so it is pytest-playwright's opt-in
    # (`--tracing=retain-on-failure`, which the gate passes) or COURT_TRACE=1; screenshots on failure always.
    tracing = request.config.getoption("--tracing", default="off") != "off" or os.environ.get("COURT_TRACE") == "1"
    sessions = WebSessions(browser, court_platform.base_url, _signed_in_users,
                           PageChecks(_accessibility, _report_camera), tracing)
    request.node.stash[WEB_SESSIONS] = sessions
    yield sessions
    sessions.close()


def attach_browser_evidence(request: pytest.FixtureRequest) -> None:
    """On a failing step: a screenshot and a trace of every open tab, attached to the Allure report. They show
    the page as the user saw it, names included (unlike the redacted request/response text)."""
    sessions = request.node.stash.get(WEB_SESSIONS, None)
    if sessions is None or not sessions.contexts:
        return
    folder = Path(tempfile.mkdtemp(prefix="court-e2e-evidence-"))
    for name, path in sessions.evidence(folder):
        with contextlib.suppress(Exception):
            if path.suffix == ".png":
                allure.attach.file(str(path), name=name, attachment_type=allure.attachment_type.PNG)
            else:
                allure.attach.file(str(path), name=name, extension="zip")
