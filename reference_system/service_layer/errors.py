"""Errors about who may do what and what exists; the web layer maps them to 401/403/404/409."""


class NotFound(Exception):
    """Does not exist, or belongs to another court centre (the two are indistinguishable on purpose)."""


MAX_ROW_ID = 2**63 - 1  # the largest id a database row can have (SQLite cannot even compare a larger one)


def require_row_id(value: int, what: str) -> None:
    """An id no row can have names nothing: NotFound, rather than an overflow deep in the database driver."""
    if not 0 < value <= MAX_ROW_ID:
        raise NotFound(f"No {what} {value}")


class Forbidden(Exception):
    """The user's role may not perform this action."""


class DuplicateReference(Exception):
    """A case with this URN already exists."""


class BadCredentials(Exception):
    pass


class TooManyAttempts(Exception):
    def __init__(self, retry_after: int):
        super().__init__(f"Too many failed sign-in attempts. Try again in {retry_after} seconds.")
        self.retry_after = retry_after
