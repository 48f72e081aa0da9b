"""Locust's statistics turned into evidence: groups, percentiles, figures and the latency series."""

from __future__ import annotations

import pytest

from load.stats import Entry, Series, diff, group_of, merge, percentile, summarise


@pytest.mark.parametrize(("method", "name", "group"), [
    ("POST", "/api/v1/hearings/[id]/share", "share"),
    ("PUT", "/api/v1/hearings/[id]/results/[defendant_id]", "draft"),
    ("POST", "/api/v1/auth/token", "sign_in"),
    ("POST", "/api/v1/cases", "write"),
    ("POST", "/api/v1/cases/[urn]/hearings", "write"),
    ("GET", "/api/v1/hearings?court_centre&date", "read"),
    ("GET", "/api/v1/work-queue", "read"),
])
def test_each_request_belongs_to_one_slo_group(method, name, group):
    assert group_of(method, name) == group


def test_percentiles_follow_locusts_rule():
    histogram = {10: 90, 100: 9, 1000: 1}
    assert percentile(histogram, 0.50) == 10
    assert percentile(histogram, 0.95) == 100
    assert percentile(histogram, 0.99) == 1000  # as locust.stats computes it (checked outside pytest)
    assert percentile(histogram, 1.0) == 1000
    assert percentile({}, 0.95) is None


def test_histograms_merge_and_subtract():
    assert merge([{10: 1, 20: 2}, {20: 3}]) == {10: 1, 20: 5}
    assert diff({10: 3, 20: 5}, {10: 3, 20: 1}) == {20: 4}


def test_a_run_is_summarised_per_endpoint_per_group_and_overall():
    entries = [
        Entry("POST", "/api/v1/hearings/[id]/share", 10, 0, {100: 9, 400: 1}, 400, 1300),
        Entry("GET", "/api/v1/cases/[urn]", 20, 1, {20: 20}, 20, 400),
        Entry("GET", "/api/v1/work-queue", 10, 0, {40: 10}, 40, 400),
    ]
    summary = summarise(entries, seconds=10)
    share = summary["endpoints"]["POST /api/v1/hearings/[id]/share"]
    assert (share["group"], share["p95_ms"], share["rps"], share["avg_ms"]) == ("share", 400, 1.0, 130.0)
    assert summary["groups"]["read"]["requests"] == 30
    assert summary["groups"]["read"]["p95_ms"] == 40
    assert summary["total"]["failures"] == 1
    assert summary["total"]["failure_ratio"] == pytest.approx(1 / 40)
    assert summary["total"]["rps"] == 4.0


def test_the_series_holds_the_p95_of_each_interval_not_of_the_whole_run():
    series = Series()
    share = "/api/v1/hearings/[id]/share"
    series.sample(2.0, [Entry("POST", share, 10, 0, {100: 10})])
    series.sample(4.0, [Entry("POST", share, 20, 0, {100: 10, 500: 10})])
    series.sample(6.0, [Entry("POST", share, 20, 0, {100: 10, 500: 10})])  # nothing new: no point
    assert series.p95["share"] == [[2.0, 100.0], [4.0, 500.0]]
    assert series.rps == [[2.0, 5.0], [4.0, 5.0], [6.0, 0.0]]
