"""The acceptance suite: the Gherkin features run through the platform's API with pytest-bdd."""

from __future__ import annotations

from release_gate.suites.base import OptionSpec
from release_gate.suites.pytest_suite import PytestSuite


def acceptance_suite() -> PytestSuite:
    return PytestSuite(
        "acceptance",
        title="Acceptance scenarios (API)",
        description="Business scenarios from features/, bound in steps/, run through the platform's API.",
        paths=["steps"],
        args=["--target={target}", "--provider-url={provider_url}", "--channel={channel}"],
        bdd=True,
        allure=True,
        key_tags=["critical", "incident"],
        extra_options={"channel": OptionSpec(str, "api", "which ability the actors use: api or browser")},
    )
