"""Screenplay for the court: actors with abilities perform tasks and ask questions, through the API or
(later) the browser, so that one Gherkin scenario can run through either channel."""

from .abilities import (
    BrowserChannelNotBuilt,
    BrowseTheWeb,
    CallTheApi,
    ControlTheEmProvider,
    ControlThePlatformClock,
    Credentials,
    ExchangeLog,
    InspectTheEmProvider,
    TokenCache,
)
from .actor import Actor, ArrangementFailed

__all__ = [
    "Actor",
    "ArrangementFailed",
    "BrowseTheWeb",
    "BrowserChannelNotBuilt",
    "CallTheApi",
    "ControlTheEmProvider",
    "ControlThePlatformClock",
    "Credentials",
    "ExchangeLog",
    "InspectTheEmProvider",
    "TokenCache",
]
