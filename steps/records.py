"""What a scenario carries from one step to the next (passed with `target_fixture`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .redaction import redacted_repr
from .screenplay.tasks import Outcome


@dataclass(frozen=True)
class CaseFile:
    """A case the scenario opened: its reference and its defendants in the order they were entered."""

    __repr__ = redacted_repr

    urn: str
    court_centre: str
    defendant_ids: tuple[int, ...]
    defendants: tuple[dict[str, Any], ...]

    @classmethod
    def from_outcome(cls, outcome: Outcome) -> CaseFile:
        body = outcome.body
        return cls(
            urn=body["urn"],
            court_centre=body["court_centre"],
            defendant_ids=tuple(d["id"] for d in body["defendants"]),
            defendants=tuple(body["defendants"]),
        )

    def label(self, number: int) -> str:
        return f"defendant {number} of case {self.urn}"

    def defendants_meant(self, number: int | None) -> list[tuple[int, int]]:
        """(1-based number, id) of one defendant, or of all of them when `number` is None."""
        numbered = list(enumerate(self.defendant_ids, start=1))
        return numbered if number is None else [numbered[number - 1]]


@dataclass(frozen=True)
class ListedHearing:
    id: int
    urn: str
    starts_at: str

    @classmethod
    def from_outcome(cls, outcome: Outcome) -> ListedHearing:
        return cls(outcome.body["id"], outcome.body["urn"], outcome.body["starts_at"])


@dataclass(frozen=True)
class SharedResults:
    """Results the legal adviser recorded and shared: what was sent per defendant, and the platform's answer."""

    __repr__ = redacted_repr

    hearing_id: int
    outcome: Outcome
    results: dict[int, dict[str, Any]] = field(default_factory=dict)
