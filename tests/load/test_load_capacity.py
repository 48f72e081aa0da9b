"""The capacity search's control flow: climb until a step breaks, then halve the gap."""

from __future__ import annotations

from load.capacity import Step, search


def platform_that_holds_up_to(limit: float):
    tried = []

    def measure(multiplier: float) -> Step:
        tried.append(multiplier)
        return Step(multiplier, held=multiplier <= limit, exit_code=0 if multiplier <= limit else 1)

    return measure, tried


def test_the_search_climbs_until_a_step_breaks_then_bisects():
    measure, tried = platform_that_holds_up_to(17)
    highest, _ = search(measure, start=5, step=5, maximum=60, refine=2)
    assert tried == [5, 10, 15, 20, 17.5, 16.2]
    assert highest == 16.2


def test_a_platform_that_holds_everything_stops_at_the_maximum():
    measure, tried = platform_that_holds_up_to(1000)
    highest, _ = search(measure, start=5, step=5, maximum=20, refine=2)
    assert tried == [5, 10, 15, 20] and highest == 20


def test_a_platform_that_breaks_at_the_first_step_is_searched_below_it():
    measure, tried = platform_that_holds_up_to(3)
    highest, _ = search(measure, start=5, step=5, maximum=60, refine=2)
    assert tried == [5, 2.5, 3.8] and highest == 2.5
