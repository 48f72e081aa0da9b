"""The national end-of-day peak: the arithmetic from DESIGN.md's figures to a request rate."""

from __future__ import annotations

import dataclasses

import pytest

from load.national_peak import PEAK, REQUEST_BUDGET, Assumptions, Figures, budget_total, derive, describe


def test_a_peak_day_has_thirteen_thousand_hearings_and_fifteen_thousand_six_hundred_results():
    assert PEAK.hearings_a_day == 11_000 + 400 * 5
    assert PEAK.defendant_results_a_day == pytest.approx(13_000 * 1.2)


def test_the_share_spike_peaks_at_about_one_shared_hearing_a_second_nationally():
    spike_mean = 13_000 * 0.40 / (2 * 3600)
    assert PEAK.spike_mean_shares_per_second == pytest.approx(spike_mean)
    assert PEAK.shares_per_second == pytest.approx(spike_mean * 1.5)
    assert PEAK.shares_per_second == pytest.approx(1.0833, abs=1e-4)


def test_the_national_end_of_day_peak_is_nine_requests_per_shared_hearing():
    assert PEAK.requests_per_second == pytest.approx(PEAK.shares_per_second * 9.0)
    assert PEAK.requests_per_second == pytest.approx(9.75, abs=0.01)


def test_em_orders_come_from_the_people_tagged_on_bail_and_on_court_orders():
    new = 20_900 / 3 / 60 + 20_900 / 3 / 180
    assert PEAK.new_em_orders_a_day == pytest.approx(new)
    assert PEAK.em_orders_a_day == pytest.approx(2 * new)
    assert PEAK.em_share_of_results == pytest.approx(2 * new / 15_600)
    assert 0.015 < PEAK.em_share_of_results < 0.025


def test_the_request_budget_by_persona_adds_up_to_the_requests_per_share():
    assert budget_total(REQUEST_BUDGET) == pytest.approx(Assumptions().requests_per_share)


def test_a_budget_that_does_not_add_up_is_refused():
    with pytest.raises(ValueError, match="REQUEST_BUDGET"):
        derive(Figures(), dataclasses.replace(Assumptions(), requests_per_share=10.0))


def test_a_multiple_of_the_peak_scales_every_rate():
    rates = PEAK.at(10)
    assert rates["requests_per_second"] == pytest.approx(97.5, abs=0.01)
    assert rates["shares_per_second"] == pytest.approx(10.833, abs=0.001)


def test_changing_one_assumption_moves_the_peak_with_it():
    quieter = derive(Figures(), dataclasses.replace(Assumptions(), evening_spike_share=0.2))
    assert quieter.requests_per_second == pytest.approx(PEAK.requests_per_second / 2)


def test_the_derivation_is_printed_with_every_assumption_it_rests_on():
    text = describe(PEAK, 10)
    for fragment in ("13,000", "1.2 defendants", "40%", "9 requests a share", "9.75 requests/s", "310 a day", "x10"):
        assert fragment in text
