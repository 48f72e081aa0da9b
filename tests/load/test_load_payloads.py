"""Load payloads: unique references per run, realistic outcomes, valid EM curfews."""

from __future__ import annotations

import random
import re
from datetime import date

import pytest

from load.payloads import (
    EM_CHOICES,
    EM_SHARE,
    MULTI_HANDED,
    OUTCOME_MIX,
    References,
    base36,
    case_payload,
    new_run_id,
    result_payload,
)

URN = re.compile(r"^[A-Z0-9]{6,20}$")


def test_a_run_id_is_six_characters_that_start_every_urn_of_the_run():
    run_id = new_run_id()
    refs = References.for_process(run_id, worker_index=3)
    urns = [refs.next_urn() for _ in range(500)]
    assert len(run_id) == 6 and run_id[0].isalpha()
    assert all(URN.match(u) and u.startswith(run_id) for u in urns)
    assert len(set(urns)) == 500


def test_two_worker_processes_never_make_the_same_urn():
    a, b = References.for_process("RUNAB1", 0), References.for_process("RUNAB1", 1)
    assert not {a.next_urn() for _ in range(100)} & {b.next_urn() for _ in range(100)}


def test_base36_digits_are_fixed_width():
    assert base36(0, 3) == "000" and base36(35, 2) == "0Z" and base36(36, 2) == "10"
    with pytest.raises(ValueError):
        base36(36**2, 2)


def test_the_outcome_mix_adds_up_and_carries_the_national_em_share():
    assert sum(OUTCOME_MIX.values()) == pytest.approx(1.0)
    assert sum(OUTCOME_MIX[c] for c in EM_CHOICES) == pytest.approx(EM_SHARE)


def test_cases_have_one_or_two_defendants_averaging_about_one_point_two():
    rng = random.Random(7)
    counts = [len(case_payload("RUNAB100001", "MAG01", rng)["defendants"]) for _ in range(2000)]
    assert set(counts) == {1, 2}
    assert sum(counts) / len(counts) == pytest.approx(1.2, abs=0.03)


def test_bail_with_an_em_curfew_is_a_twelve_hour_overnight_curfew_until_the_next_hearing():
    body = result_payload("BAIL_WITH_EM_CURFEW", date(2026, 12, 1), 4, random.Random(1))
    assert body["outcome"] == "ADJOURNED_CONDITIONAL_BAIL" and body["version"] == 4
    assert body["next_hearing"] == {"date": "2026-12-29"}
    curfew = body["curfew"]
    assert (curfew["start_time"], curfew["end_time"], curfew["electronically_monitored"]) == ("19:00", "07:00", True)
    assert curfew["starts_at"] == "2026-12-01T19:00:00" and curfew["address"]["postcode"]


def test_a_community_order_with_an_em_curfew_stays_within_its_limits():
    body = result_payload("COMMUNITY_ORDER_WITH_EM_CURFEW", date(2026, 12, 1), 2, random.Random(1))
    assert body["outcome"] == "COMMUNITY_ORDER" and body["order_length_months"] == 12
    assert (body["curfew"]["start_time"], body["curfew"]["end_time"]) == ("20:00", "06:00")  # 70 h a week
    assert body["curfew"]["ends_on"] == "2027-05-30"


@pytest.mark.parametrize("outcome", ["FINE", "DISCHARGE", "ACQUITTED", "CUSTODIAL_SENTENCE"])
def test_outcomes_without_requirements_carry_none(outcome):
    body = result_payload(outcome, date(2026, 12, 1), 1, random.Random(1))
    assert body["curfew"] is None and body["next_hearing"] is None and body["order_length_months"] is None


def test_the_multi_handed_sentencing_sends_more_messages_at_once_than_a_dispatcher_batch_should_shed():
    rng = random.Random(3)
    assert len(case_payload("RUNAB100002", "CRN01", rng, defendants=len(MULTI_HANDED))["defendants"]) == 12
    messages = sum(2 if choice == "COMMUNITY_ORDER_WITH_EM_CURFEW" else 1 for choice in MULTI_HANDED)
    assert messages == 22
    body = result_payload(MULTI_HANDED[0], date(2026, 12, 1), 1, rng)
    assert body["outcome"] == "COMMUNITY_ORDER" and body["curfew"]["electronically_monitored"]
