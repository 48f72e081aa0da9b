"""Runs the stand-in provider: `python -m reference_system.em_provider --port 8001 --database ledger.db`."""

from __future__ import annotations

import argparse
import signal
import sys
from pathlib import Path

import uvicorn

from reference_system.em_provider.app import create_app

# requests still running when a stop is asked for get this long to finish
GRACEFUL_SHUTDOWN_SECONDS = 2
STARTUP_FAILURE = 3  # as uvicorn's own command line


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m reference_system.em_provider",
        description="The stand-in EM provider (also standing in for the prison and probation services).",
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8001)
    parser.add_argument("--database", required=True, help="path of the SQLite ledger (created if absent)")
    parser.add_argument("--test-mode", action="store_true", help="enable the /__control fault and reset API")
    args = parser.parse_args(argv)

    Path(args.database).parent.mkdir(parents=True, exist_ok=True)
    app = create_app(args.database, test_mode=args.test_mode)
    # uvicorn shuts down gracefully on SIGINT or SIGTERM, then re-raises the signal with the handler it found.
    # Making that handler Python's Ctrl-C one turns both into a KeyboardInterrupt, which ends with exit
    # status 0 instead of a traceback (SIGINT) or death by signal (SIGTERM): a requested stop is a clean one.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    server = uvicorn.Server(
        uvicorn.Config(
            app,
            host=args.host,
            port=args.port,
            log_level="warning",
            access_log=False,
            timeout_graceful_shutdown=GRACEFUL_SHUTDOWN_SECONDS,
        )
    )
    app.state.shutting_down = lambda: server.should_exit
    try:
        server.run()
    except KeyboardInterrupt:
        return  # a stop was asked for, perhaps before the server had even started
    if not server.started:
        sys.exit(STARTUP_FAILURE)  # e.g. the port is taken; uvicorn has said why


if __name__ == "__main__":
    main()
