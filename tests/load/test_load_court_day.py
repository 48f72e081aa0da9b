"""The compressed court day: personas calibrated to the request budget, stages, users and planned rates."""

from __future__ import annotations

import pytest

from load.court_day import (
    COURT_DAY,
    PERSONAS,
    PROFILES,
    SPIKE_PEAK,
    pause_s,
    persona_weights,
    plan,
    planned_requests,
    stage_at,
    users_at,
    users_per_share_rate,
)
from load.national_peak import PEAK


def test_the_personas_together_make_the_national_request_budget_at_level_one():
    requests_per_share = sum(p.users_per_share_rate * p.requests_per_task / p.pace_s for p in PERSONAS)
    assert requests_per_share == pytest.approx(PEAK.assumptions.requests_per_share)


def test_each_persona_makes_its_own_share_of_the_budget():
    for persona in PERSONAS:
        assert persona.users_per_share_rate * persona.requests_per_task / persona.pace_s == pytest.approx(persona.budget)


def test_user_class_weights_keep_the_personas_in_proportion():
    weights = persona_weights()
    rates = {p.name: p.users_per_share_rate for p in PERSONAS}
    assert weights == {"LegalAdviser": 3, "ListingOfficer": 2, "AgencyViewer": 2, "CourtAdmin": 1}
    assert weights["LegalAdviser"] / weights["CourtAdmin"] == pytest.approx(rates["LegalAdviser"] / rates["CourtAdmin"])


def test_ten_times_the_peak_needs_eighty_seven_users():
    assert users_per_share_rate() == pytest.approx(8.0)
    assert users_at(10) == 87
    assert users_at(0.01) == len(PERSONAS)


def test_the_day_runs_from_the_morning_sign_in_to_the_easing_of_the_share_spike():
    stages = plan(PROFILES["full"], 10)
    assert [s.name for s in stages] == [s.name for s in COURT_DAY]
    assert stages[0].window == "08:30-10:00" and stages[-1].window == "17:15-18:00"
    assert max(stages, key=lambda s: s.level).name == SPIKE_PEAK
    assert all(a.end_s == b.start_s for a, b in zip(stages, stages[1:], strict=False))


def test_the_peak_stage_plans_the_multiple_of_the_national_peak():
    peak = next(s for s in plan(PROFILES["ci"], 10) if s.name == SPIKE_PEAK)
    assert peak.planned_rps == pytest.approx(97.5, abs=0.01)
    assert peak.users == 87


def test_every_user_has_started_by_the_end_of_the_morning():
    morning = plan(PROFILES["ci"], 10)[0]
    assert morning.spawn_rate * (morning.end_s - morning.start_s) == pytest.approx(87)


def test_the_ci_day_leaves_time_for_reconciliation_within_a_minute():
    assert 30 <= plan(PROFILES["ci"], 10)[-1].end_s == PROFILES["ci"].duration_s <= 45


def test_stages_with_no_time_are_left_out_of_a_capacity_step():
    stages = plan(PROFILES["capacity"], 20)
    assert [s.name for s in stages] == ["morning sign-in and court lists", SPIKE_PEAK]


def test_the_stage_at_a_moment_and_none_after_the_day():
    stages = plan(PROFILES["ci"], 10)
    assert stage_at(stages, 0).name == "morning sign-in and court lists"
    assert stage_at(stages, stages[-1].end_s - 0.01).name == "share spike easing"
    assert stage_at(stages, stages[-1].end_s) is None


def test_planned_requests_count_the_morning_at_half_rate_while_users_arrive():
    stages = plan(PROFILES["capacity"], 10)
    morning, peak = stages
    expected = 0.15 * 97.5 / 2 * (morning.end_s - morning.start_s) + 97.5 * (peak.end_s - peak.start_s)
    assert planned_requests(stages) == pytest.approx(expected, rel=1e-3)


def test_users_pause_longer_when_the_court_is_quieter():
    assert pause_s(3.0, 1.0, 1.0) == pytest.approx(3.0)
    assert pause_s(3.0, 0.25, 1.0) == pytest.approx(12.0)
    assert pause_s(3.0, 0.0, 1.0) == pytest.approx(150.0)  # the floor: never divide by zero


def test_the_chaos_profiles_break_the_provider_in_the_middle_of_the_spike():
    outage = PROFILES["chaos-outage"].chaos
    latency = PROFILES["chaos-latency"].chaos
    assert outage.request() == {"mode": "outage", "status": 503, "seconds": 8}
    assert latency.request() == {"mode": "latency", "ms": 1500, "seconds": 10}
    peak = next(s for s in plan(PROFILES["chaos-outage"], 10) if s.name == SPIKE_PEAK)
    assert outage.after_s + outage.seconds < peak.end_s - peak.start_s
