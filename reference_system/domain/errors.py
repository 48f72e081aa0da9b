"""Errors the domain raises; the web layer turns them into problem+json responses."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FieldError:
    """One problem with one input field, named by a dotted path such as `curfew.end_time`."""

    field: str
    message: str


class DomainError(Exception):
    """Base class: a request the court's rules refuse."""


class ValidationFailed(DomainError):
    """Input breaks one or more rules; every broken rule is listed, not just the first."""

    def __init__(self, errors: list[FieldError]):
        super().__init__("; ".join(f"{e.field}: {e.message}" for e in errors))
        self.errors = errors


class StaleVersion(DomainError):
    """Someone else changed the hearing since this user read it: refusing protects their work."""

    def __init__(self, expected: int, actual: int):
        super().__init__(
            f"The hearing was changed by someone else (you had version {expected}, it is now at version "
            f"{actual}). Reload it to see their changes before saving yours."
        )
        self.expected = expected
        self.actual = actual


class NothingToShare(DomainError):
    """Sharing needs at least one result drafted since the last share."""


def prefixed(errors: list[FieldError], prefix: str) -> list[FieldError]:
    """Nest field errors under a parent path (e.g. `address` errors under `curfew`)."""
    return [FieldError(f"{prefix}.{e.field}", e.message) for e in errors]
