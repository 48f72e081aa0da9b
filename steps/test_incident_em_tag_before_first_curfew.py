"""The 2022 incident regression: an acknowledged EM order before the first curfew, for every defendant."""

from __future__ import annotations

from typing import Any

import parse
from pytest_bdd import scenarios, when

from fixtures.builders import a_plain_result
from steps.parameters import OUTCOMES, TYPES
from steps.records import CaseFile, ListedHearing, SharedResults
from steps.shared.results import a_curfew_on, record_and_share, with_curfew

scenarios("incident_em_tag_before_first_curfew.feature")

BAIL_WITH_EM = parse.compile(
    "conditional bail with an electronically monitored curfew from {start:Time} to {end:Time} starting {day:Day}",
    extra_types=TYPES,
)


def results_from(table: list[list[str]], case: CaseFile, calendar) -> dict[int, dict[str, Any]]:
    """Each row's result, for the numbered defendant: an outcome, or bail with an EM curfew."""
    header, *rows = table
    results = {}
    for row in rows:
        number, phrase = int(row[header.index("defendant")]), row[header.index("result")].strip()
        em = BAIL_WITH_EM.parse(phrase)
        results[case.defendant_ids[number - 1]] = (
            with_curfew("bail", a_curfew_on(calendar, em["start"], em["end"], em["day"]), calendar) if em
            else a_plain_result(OUTCOMES[phrase], calendar.today))
    return results


@when("the legal adviser shares these results:", target_fixture="shared")
def shares_these_results(legal_adviser, case: CaseFile, hearing: ListedHearing, calendar, datatable) -> SharedResults:
    """The legal adviser records a different result for each defendant, then shares the hearing once."""
    return record_and_share(legal_adviser, hearing, results_from(datatable, case, calendar))
