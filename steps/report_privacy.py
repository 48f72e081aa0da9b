"""Keeps the records a scenario carries out of the Allure results.

allure-pytest-bdd lists every argument of a step function as a step parameter, fixtures included, so the
cases, answers and search results passed from step to step (names, addresses, page titles naming the
defendant) would be copied into every result file. The step's title already shows what the Gherkin said;
only parameters that look like a value parsed from that text (a short quoted string or a number) are kept.
"""

from __future__ import annotations

import re

import allure_commons

_GHERKIN_VALUE = re.compile(r"""^(?:'[^'\n]{0,80}'|"[^"\n]{0,80}"|-?\d+(?:\.\d+)?|None|True|False)$""")


def _keep_only_gherkin_values(steps) -> None:
    for step in steps or ():
        step.parameters = [p for p in step.parameters or () if _GHERKIN_VALUE.match(p.value or "")]
        _keep_only_gherkin_values(step.steps)


class StepParametersFromGherkinOnly:
    """An allure_commons plugin: runs before the result is written to allure-results."""

    @allure_commons.hookimpl(tryfirst=True)
    def report_result(self, result) -> None:
        _keep_only_gherkin_values(result.steps)


def register() -> None:
    if not any(isinstance(p, StepParametersFromGherkinOnly) for p in allure_commons.plugin_manager.get_plugins()):
        allure_commons.plugin_manager.register(StepParametersFromGherkinOnly())
