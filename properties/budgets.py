"""How much the property suites generate in each profile (dev / ci / gate), as Hypothesis settings profiles
plus the Schemathesis budget that goes with them.

Failing examples are saved in a git-ignored Hypothesis example database (`.hypothesis/properties`, or
$PROPERTIES_EXAMPLE_DATABASE) and replayed first on the next run, so a failure found once stays a regression
case until it passes.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from hypothesis import HealthCheck, Phase, settings
from hypothesis.database import DirectoryBasedExampleDatabase

ROOT = Path(__file__).resolve().parent.parent
DATABASE = Path(os.environ.get("PROPERTIES_EXAMPLE_DATABASE") or ROOT / ".hypothesis" / "properties")


@dataclass(frozen=True)
class Budget:
    """Example counts for one profile."""

    stateful_sequences: int      # Hypothesis examples of the state machine; it runs about 1.5 times as many
                                 # sequences (its first, simplest ones do not count), each a series of API calls
    steps_per_sequence: int      # at most this many rules per sequence
    input_examples: int          # examples per @given property over single inputs
    schemathesis_examples: int   # Schemathesis cases per API operation and phase
    schemathesis_workers: int = 1
    shrink_seconds: int = 60     # at most this long shrinking a failure (each shrink step replays HTTP calls)


BUDGETS = {
    "dev": Budget(stateful_sequences=25, steps_per_sequence=6, input_examples=20, schemathesis_examples=10,
                  shrink_seconds=30),
    "ci": Budget(stateful_sequences=170, steps_per_sequence=8, input_examples=40, schemathesis_examples=28,
                 schemathesis_workers=2, shrink_seconds=30),
    "gate": Budget(stateful_sequences=1000, steps_per_sequence=10, input_examples=200, schemathesis_examples=150,
                   schemathesis_workers=2, shrink_seconds=240),
}


def register_profiles() -> None:
    """Register the Hypothesis profiles `dev`, `ci` and `gate` (the stateful test sets its own counts)."""
    database = DirectoryBasedExampleDatabase(str(DATABASE))
    for name, budget in BUDGETS.items():
        settings.register_profile(
            name,
            max_examples=budget.input_examples,
            stateful_step_count=budget.steps_per_sequence,
            deadline=None,  # the platform is across HTTP: timing varies with the machine, not the input
            database=database,
            print_blob=True,
            derandomize=False,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large],
            phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.target, Phase.shrink],
        )


def limit_shrinking(budget: Budget) -> None:
    """Hypothesis shrinks a failure for up to five minutes; over HTTP that can outlast the gate's time limit,
    so the profile sets the bound (a module setting of Hypothesis's engine: there is no public one)."""
    from hypothesis.internal.conjecture import engine

    engine.MAX_SHRINKING_SECONDS = budget.shrink_seconds


def stateful_settings(budget: Budget) -> settings:
    """The state machine's settings under the loaded profile: its own sequence count and length."""
    return settings(settings.default, max_examples=budget.stateful_sequences,
                    stateful_step_count=budget.steps_per_sequence)
