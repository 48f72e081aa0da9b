"""Sign in (and out)."""

from __future__ import annotations

from .base import Arrival, PageObject


class SignInPage(PageObject):
    title = "Sign in"

    def open(self) -> Arrival:
        arrival = self._goto("/sign-in")
        self._snapshot("sign-in")
        return arrival

    def sign_in_as(self, username: str, password: str) -> Arrival:
        """Sign in; accepted (303 to the court list) or refused (the form again, 400 or 429)."""
        self.page.get_by_label("Username").fill(username)
        self.page.get_by_role("textbox", name="Password").fill(password)
        return self._submit(self.page.get_by_role("button", name="Sign in"))

    def refusal(self) -> str:
        return "; ".join(m for ms in self.field_errors().values() for m in ms)

    def sign_out(self) -> Arrival:
        return self._submit(self.page.get_by_role("button", name="Sign out"))
