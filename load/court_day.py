"""The court day, compressed: its stages, the personas' calibration and the run profiles.

Pure arithmetic (no Locust), so it can be tested and printed: `python -m load.court_day --profile ci`.

How the load is generated. Everyone starts work during the morning stage (the sign-in and court-list peak)
and stays signed in; from then on each stage sets an *activity level*, a fraction of the national end-of-day
peak, and every virtual user paces its tasks to it. So the number of users follows the working day's
staffing, and the request rate follows its rhythm, without signing people in and out every stage. At level
1.0 and multiplier m, the personas together make m times the national peak's requests, in the mix of
`national_peak.REQUEST_BUDGET`.
"""

from __future__ import annotations

import argparse
import math
from dataclasses import dataclass

from load.national_peak import PEAK, REQUEST_BUDGET, NationalPeak


@dataclass(frozen=True)
class Task:
    """One persona task: its weight among the persona's tasks and how many requests it makes."""

    name: str
    weight: int
    requests: float


@dataclass(frozen=True)
class Persona:
    """A kind of court user. `pace_s`: seconds between two task runs of one user at activity level 1.0."""

    name: str
    budget_key: str
    pace_s: float
    tasks: tuple[Task, ...]

    @property
    def budget(self) -> float:
        """Requests per shared hearing this persona accounts for (national_peak.REQUEST_BUDGET)."""
        return sum(REQUEST_BUDGET[self.budget_key].values())

    @property
    def requests_per_task(self) -> float:
        total = sum(t.weight for t in self.tasks)
        return sum(t.weight * t.requests for t in self.tasks) / total

    @property
    def users_per_share_rate(self) -> float:
        """Users needed for each shared hearing per second at level 1.0."""
        return self.budget * self.pace_s / self.requests_per_task

    def task_weight(self, task: str) -> int:
        return next(t.weight for t in self.tasks if t.name == task)


# The legal adviser's task is a whole hearing: list its case and hearing, open the court list, the hearing
# and the case, draft a result per defendant (1.2 on average), share. The other personas' tasks are single
# reads or the listing officer's two writes.
PERSONAS: tuple[Persona, ...] = (
    Persona("LegalAdviser", "legal_adviser", 3.0, (Task("result_a_hearing", 1, 7.2),)),
    Persona(
        "ListingOfficer",
        "listing_officer",
        4.0,
        (Task("list_tomorrows_case", 1, 2.0), Task("open_court_list", 2, 1.0), Task("search_cases", 2, 1.0)),
    ),
    Persona(
        "AgencyViewer",
        "agency_viewer",
        2.8,
        (Task("search_and_read_case", 2, 2.0), Task("read_em_orders", 2, 1.0), Task("read_notifications", 1, 1.0)),
    ),
    Persona("CourtAdmin", "court_admin", 5.0, (Task("open_work_queue", 3, 1.0), Task("pending_em_orders", 1, 1.0))),
)
PERSONA_BY_NAME = {p.name: p for p in PERSONAS}


def users_per_share_rate() -> float:
    return sum(p.users_per_share_rate for p in PERSONAS)


def persona_weights() -> dict[str, int]:
    """Locust user-class weights: the personas' shares of the users (smallest integers that keep the ratio)."""
    raw = {p.name: p.users_per_share_rate for p in PERSONAS}
    smallest = min(raw.values())
    return {name: max(1, round(value / smallest)) for name, value in raw.items()}


def users_at(multiplier: float, peak: NationalPeak = PEAK) -> int:
    """Users that make `multiplier` times the national peak at activity level 1.0 (at least one per persona)."""
    return max(len(PERSONAS), math.ceil(users_per_share_rate() * peak.shares_per_second * multiplier))


@dataclass(frozen=True)
class Stage:
    """A part of the court day: its real window and its activity level (fraction of the national peak)."""

    name: str
    window: str
    level: float


COURT_DAY: tuple[Stage, ...] = (
    Stage("morning sign-in and court lists", "08:30-10:00", 0.15),
    Stage("in-court resulting", "10:00-12:30", 0.25),
    Stage("lunchtime burst", "12:30-14:00", 0.40),
    Stage("afternoon courts", "14:00-16:00", 0.25),
    Stage("share spike rising", "16:00-16:30", 0.67),
    Stage("share spike peak", "16:30-17:15", 1.00),
    Stage("share spike easing", "17:15-18:00", 0.50),
)
SPIKE_PEAK = "share spike peak"


@dataclass(frozen=True)
class Chaos:
    """A provider fault switched on `after_s` seconds into the share spike's peak, for `seconds`."""

    mode: str  # "outage" or "latency"
    after_s: float
    seconds: float
    status: int = 503
    ms: int = 0

    def request(self) -> dict[str, object]:
        if self.mode == "outage":
            return {"mode": "outage", "status": self.status, "seconds": self.seconds}
        return {"mode": "latency", "ms": self.ms, "seconds": self.seconds}


@dataclass(frozen=True)
class Profile:
    """How long each stage of the court day lasts in a run, and whether the provider misbehaves."""

    name: str
    description: str
    durations_s: tuple[float, ...]  # one per COURT_DAY stage
    drain_timeout_s: float = 60.0
    chaos: Chaos | None = None
    history_cases: int = 4_000  # past cases a court centre holds before the day starts (load/history.py)

    @property
    def duration_s(self) -> float:
        return sum(self.durations_s)


_CI = (10, 3, 3, 2, 2, 10, 2)
_FULL = (60, 60, 60, 45, 45, 180, 60)
PROFILES: dict[str, Profile] = {
    "ci": Profile("ci", "the court day in about 32 s, for every pipeline", _CI, drain_timeout_s=30),
    "full": Profile("full", "the court day in about 8.5 min, the release run", _FULL, drain_timeout_s=120,
                    history_cases=20_000),
    "chaos-outage": Profile(
        "chaos-outage",
        "the ci day with the EM provider answering 503 for 8 s in the middle of the share spike",
        (10, 3, 3, 2, 2, 16, 2),
        drain_timeout_s=90,
        chaos=Chaos("outage", after_s=3, seconds=8),
    ),
    "chaos-latency": Profile(
        "chaos-latency",
        "the ci day with the EM provider answering 1.5 s late for 10 s in the middle of the share spike",
        (10, 3, 3, 2, 2, 16, 2),
        drain_timeout_s=90,
        chaos=Chaos("latency", after_s=3, seconds=10, ms=1500),
    ),
    "capacity": Profile(
        "capacity", "one capacity step: sign in, then hold the share-spike peak", (10, 0, 0, 0, 0, 30, 0),
        drain_timeout_s=60,
    ),
}


@dataclass(frozen=True)
class PlannedStage:
    name: str
    window: str
    level: float
    start_s: float
    end_s: float
    users: int
    spawn_rate: float
    planned_rps: float

    def to_json(self) -> dict[str, object]:
        return {
            "name": self.name, "window": self.window, "level": self.level, "start_s": round(self.start_s, 1),
            "end_s": round(self.end_s, 1), "users": self.users, "spawn_rate": round(self.spawn_rate, 2),
            "planned_rps": round(self.planned_rps, 2),
        }


def plan(profile: Profile, multiplier: float, peak: NationalPeak = PEAK) -> list[PlannedStage]:
    """The stages of a run: when each starts and ends, its users and its planned request rate.

    All users are signed in during the first stage (spawned evenly across it) and stay; the planned rate
    counts the first stage at half its level's rate because its users arrive across it.
    """
    users = users_at(multiplier, peak)
    spawn_rate = users / profile.durations_s[0]
    stages, t = [], 0.0
    for index, (stage, duration) in enumerate(zip(COURT_DAY, profile.durations_s, strict=True)):
        if duration <= 0:
            continue
        rate = stage.level * multiplier * peak.requests_per_second
        if index == 0:
            rate /= 2
        stages.append(PlannedStage(stage.name, stage.window, stage.level, t, t + duration, users, spawn_rate, rate))
        t += duration
    return stages


def stage_at(stages: list[PlannedStage], run_time_s: float) -> PlannedStage | None:
    """The stage running at `run_time_s`, or None once the day is over."""
    return next((s for s in stages if s.start_s <= run_time_s < s.end_s), None)


def planned_requests(stages: list[PlannedStage]) -> float:
    return sum(s.planned_rps * (s.end_s - s.start_s) for s in stages)


def pause_s(pace_s: float, level: float, jitter: float, floor: float = 0.02) -> float:
    """Seconds between a user's task runs at an activity level; `jitter` in [0.5, 1.5) keeps users apart."""
    return pace_s * jitter / max(level, floor)


def describe(profile: Profile, multiplier: float, peak: NationalPeak = PEAK) -> str:
    stages = plan(profile, multiplier, peak)
    weights = persona_weights()
    lines = [
        f"Court day '{profile.name}' ({profile.description}) at x{multiplier:g} the national peak: "
        f"{users_at(multiplier, peak)} users ({', '.join(f'{n} {w}' for n, w in weights.items())} by weight)"
    ]
    for s in stages:
        lines.append(
            f"  {s.start_s:6.1f}-{s.end_s:6.1f} s  {s.window}  {s.name:32} level {s.level:4.2f}  "
            f"planned {s.planned_rps:6.1f} req/s"
        )
    if profile.chaos:
        lines.append(f"  chaos: {profile.chaos.request()} {profile.chaos.after_s:g} s into '{SPIKE_PEAK}'")
    lines.append(f"  planned requests {planned_requests(stages):,.0f} in {stages[-1].end_s:g} s (sign-ins not counted)")
    return "\n".join(lines)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="Print a profile's court day")
    parser.add_argument("--profile", default="ci", choices=sorted(PROFILES))
    parser.add_argument("--multiplier", type=float, default=10.0)
    args = parser.parse_args()
    print(describe(PROFILES[args.profile], args.multiplier))
