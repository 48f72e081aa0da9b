"""The run order: suites one after another, except a profile's groups that run side by side."""

from __future__ import annotations

from release_gate.lanes import one_by_one, plan_lanes, run_order, side_by_side_blocker

CI = ["acceptance", "e2e", "properties", "load", "resilience"]
GROUP = [("acceptance", "e2e", "properties")]


def test_a_group_runs_as_one_step_where_its_first_member_stands_and_the_rest_follow_in_order() -> None:
    assert plan_lanes(CI, GROUP) == [["acceptance", "e2e", "properties"], ["load"], ["resilience"]]
    assert plan_lanes(["load", "e2e", "resilience", "acceptance"], GROUP) == [
        ["load"], ["e2e", "acceptance"], ["resilience"]]


def test_without_groups_every_suite_is_a_step_of_its_own() -> None:
    assert plan_lanes(CI, []) == [[name] for name in CI]


def test_members_of_a_group_that_were_not_selected_are_left_out() -> None:
    assert plan_lanes(["e2e", "load"], GROUP) == [["e2e"], ["load"]]
    assert plan_lanes(["properties", "e2e"], GROUP) == [["properties", "e2e"]]


def test_one_by_one_keeps_the_order() -> None:
    assert one_by_one([["acceptance", "e2e"], ["load"]]) == [["acceptance"], ["e2e"], ["load"]]


def test_side_by_side_needs_platforms_of_its_own() -> None:
    assert side_by_side_blocker(target=None, database_url=None) is None
    assert "one clock" in side_by_side_blocker(target="https://staging.example", database_url=None)
    assert "share that database" in side_by_side_blocker(target=None, database_url="postgresql://db/court")


def test_the_run_order_is_told_only_when_suites_ran_side_by_side() -> None:
    assert run_order([["acceptance"], ["load"]]) == ""
    assert run_order(plan_lanes(CI, GROUP)) == (
        "Run order: acceptance, e2e and properties side by side, each on a platform of its own; then load; then "
        "resilience.")


def test_the_run_order_says_how_many_ran_at_a_time_when_a_limit_held_some_back() -> None:
    steps = [["acceptance", "e2e", "properties", "resilience"], ["load"]]
    assert "side by side, 3 at a time, each" in run_order(steps, 3)
    assert "at a time" not in run_order(steps, 4)
