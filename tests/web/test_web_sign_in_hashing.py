"""A burst of sign-ins queues for the password hasher instead of taking the request threads."""

from __future__ import annotations

import asyncio
import inspect
import os
import threading

from reference_system.web import security
from reference_system.web.routes import auth


def test_the_sign_in_route_awaits_the_hasher_instead_of_holding_a_request_thread():
    assert inspect.iscoroutinefunction(auth.sign_in)


def test_password_checks_run_on_the_hashing_threads(monkeypatch):
    ran_on = []

    def verify(password: str, stored_hash: str | None) -> bool:
        ran_on.append(threading.current_thread().name)
        return False

    monkeypatch.setattr(security, "verify_password", verify)

    assert asyncio.run(security.verify_password_queued("court-test-password", None)) is False
    assert ran_on and ran_on[0].startswith("argon2")



def test_the_hashing_threads_yield_the_cpu_to_request_handling():
    def niceness() -> int:
        return os.getpriority(os.PRIO_PROCESS, threading.get_native_id())

    assert security._hashing.submit(niceness).result() >= security.HASHING_NICENESS
