"""Errors about who may do what and what exists; the web layer maps them to 401/403/404/409."""


class NotFound(Exception):
    """Does not exist, or belongs to another court centre (the two are indistinguishable on purpose)."""


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
