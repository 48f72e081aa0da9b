"""Actors: the people (and the test operator) who perform tasks and ask questions in a scenario.

A court user's *channel* is the ability chosen by `--channel`: calling the API or browsing the web pages.
Arrangements (the "Given" state) always go through the API, because they set the scene rather than test it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from .abilities import BrowseTheWeb, CallTheApi

if TYPE_CHECKING:
    from .questions import Question
    from .tasks import Interaction

A = TypeVar("A")


class MissingAbility(LookupError):
    pass


class ArrangementFailed(AssertionError):
    """The scene could not be set: a step that should have worked was refused."""


class Actor:
    def __init__(self, name: str, *, username: str = "", role: str = "", court_centre: str = ""):
        self.name = name
        self.username = username
        self.role = role
        self.court_centre = court_centre
        self._abilities: list[Any] = []

    def __repr__(self) -> str:
        return f"<Actor {self.name}>"

    def who_can(self, *abilities: Any) -> Actor:
        self._abilities.extend(abilities)
        return self

    def ability_to(self, kind: type[A]) -> A:
        for ability in self._abilities:
            if isinstance(ability, kind):
                return ability
        raise MissingAbility(f"{self.name} cannot {kind.__name__}")

    @property
    def channel(self) -> CallTheApi | BrowseTheWeb:
        """The ability used for what the scenario is testing: the browser when the actor has one."""
        for kind in (BrowseTheWeb, CallTheApi):
            try:
                return self.ability_to(kind)
            except MissingAbility:
                continue
        raise MissingAbility(f"{self.name} can neither call the API nor browse the web")

    def attempts_to(self, *interactions: Interaction) -> Any:
        """Perform interactions through the actor's channel; returns the last outcome (refusals included)."""
        outcome = None
        for interaction in interactions:
            outcome = interaction.perform_as(self)
        return outcome

    def has_done(self, interaction: Interaction) -> Any:
        """Set the scene through the API; the interaction must succeed."""
        outcome = interaction.via_api(self.ability_to(CallTheApi))
        if not getattr(outcome, "accepted", True):
            raise ArrangementFailed(
                f"Could not set the scene: {self.name} tried to {interaction.describe()}, "
                f"but the platform refused ({outcome.summary()})"
            )
        return outcome

    def asks(self, question: Question) -> Any:
        return question.answered_by(self)
