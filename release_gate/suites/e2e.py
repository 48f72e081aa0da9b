"""The end-to-end suite: the @ui scenarios from features/ through the platform's web pages in Chromium.

The same Gherkin and steps as the acceptance suite, with the actors browsing the pages (`--channel=ui`):
page objects drive a system Chromium through Playwright, axe-core checks every page visited (a serious or
critical violation fails the scenario), and a failing scenario leaves a screenshot, and a Playwright trace
from its rerun.
"""

from __future__ import annotations

from release_gate.suites.base import OptionSpec
from release_gate.suites.pytest_suite import PytestSuite


def e2e_suite() -> PytestSuite:
    return PytestSuite(
        "e2e",
        title="End-to-end journeys (browser)",
        description="The @ui scenarios from features/, run through the platform's web pages in Chromium, "
                    "with an accessibility check (axe) on every page.",
        paths=["steps"],
        args=["--target={target}", "--provider-url={provider_url}", "--channel=ui"],
        # A Playwright trace costs about 1.5 s a scenario, so only the rerun of a failed scenario records one.
        rerun_args=["--tracing=retain-on-failure"],
        env={"COURT_SCREENSHOT_DIR": "{evidence_dir}/screenshots"},
        bdd=True,
        allure=True,
        key_tags=["critical"],
        extra_options={
            "markers": OptionSpec(str, "ui", "pytest -m expression; the browser channel runs @ui scenarios only"),
        },
    )
