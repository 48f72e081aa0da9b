"""`python -m reference_system serve`: the platform, its dispatcher and the stand-in provider together."""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import logging
import os
import signal
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import uvicorn

from .settings import Settings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m reference_system", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="start platform, dispatcher and EM provider on loopback")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--provider-port", type=int, default=8001)
    serve.add_argument("--provider-url", help="use an already running provider instead of starting one")
    serve.add_argument("--database", help="database URL (default: a fresh SQLite file in a temporary folder)")
    serve.add_argument("--test-mode", action="store_true", help="enable test-only endpoints and seed passwords")
    serve.add_argument("--seed-password", help="password of every seed user (test mode has a default)")
    serve.add_argument("--seed", choices=["court-day", "none"], default="court-day")
    serve.add_argument("--fault", action="append", default=[], metavar="NAME", help="switch on a seeded fault")
    serve.add_argument("--workers", type=_at_least_one, default=1, help="uvicorn worker processes (SQLite file or PostgreSQL)")
    serve.add_argument("--request-threads", type=_at_least_one, default=40,
                       help="threads a worker runs request handlers on (fewer suit several workers on few cores)")
    faults = commands.add_parser("faults", help="print the seeded-fault catalogue")
    faults.add_argument("--format", choices=["json", "markdown"], default="json")
    args = parser.parse_args(argv)
    if args.command == "faults":
        return _print_faults(args.format)
    return _serve(args)


def _print_faults(form: str) -> int:
    """The catalogue for tools that must not import the platform (the gate's `prove`) and for the docs."""
    import json

    from .faults import CATALOGUE
    from .faults.docs import markdown

    if form == "markdown":
        sys.stdout.write(markdown())
    else:
        rows = [{"name": f.name, "title": f.title, "origin": f.origin, "expected_suite": f.expected_suite}
                for f in CATALOGUE.values()]
        print(json.dumps(rows, indent=2, ensure_ascii=False))
    return 0


def _serve(args: argparse.Namespace) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    workdir = Path(tempfile.mkdtemp(prefix="court-platform-"))
    database = args.database or os.environ.get("DATABASE_URL") or f"sqlite:///{workdir / 'platform.db'}"
    if args.workers > 1 and database.startswith("sqlite") and ":memory:" in database:
        print("error: --workers > 1 needs a database file or PostgreSQL, not an in-memory SQLite database",
              file=sys.stderr)
        return 2
    provider_url = args.provider_url or f"http://{args.host}:{args.provider_port}"
    env = {
        "DATABASE_URL": database, "COURT_PROVIDER_URL": provider_url, "COURT_TEST_MODE": str(args.test_mode).lower(),
        "COURT_SEED": args.seed, "COURT_FAULTS": _json_list(args.fault),
        "COURT_REQUEST_THREADS": str(args.request_threads),
    }
    if args.seed_password:
        env["COURT_SEED_PASSWORD"] = args.seed_password
    os.environ.update(env)
    try:
        Settings()
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    unknown = sorted(set(args.fault) - _fault_names())
    if unknown:
        print(f"error: unknown fault {', '.join(unknown)}; known faults: {', '.join(sorted(_fault_names()))}",
              file=sys.stderr)
        return 2
    provider = None if args.provider_url else _start_provider(args, _ledger_path(database, workdir))
    try:
        uvicorn.run("reference_system.web.asgi:app", host=args.host, port=args.port, workers=args.workers,
                    log_level="warning", access_log=False)
    finally:
        if provider is not None:
            provider.terminate()
            try:
                provider.wait(timeout=5)
            except subprocess.TimeoutExpired:
                provider.kill()
    return 0


def _at_least_one(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def _fault_names() -> set[str]:
    from .faults import CATALOGUE

    return set(CATALOGUE)


def _json_list(values: list[str]) -> str:
    import json

    return json.dumps(values)


def _ledger_path(database: str, workdir: Path) -> Path:
    """The provider's ledger sits beside a SQLite platform database, so a restart keeps both."""
    if database.startswith("sqlite:///"):
        return Path(database.removeprefix("sqlite:///")).with_name("provider-ledger.db")
    return workdir / "provider-ledger.db"


def _die_with_parent() -> None:
    """Linux: the provider is sent SIGTERM if the platform dies, even by kill -9, so none is orphaned."""
    with contextlib.suppress(OSError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def _start_provider(args: argparse.Namespace, ledger: Path) -> subprocess.Popen:
    """Start the provider beside the platform (not before it: both start in parallel, and `/ready`
    reports the provider unreachable until it answers)."""
    command = [sys.executable, "-m", "reference_system.em_provider", "--host", args.host,
               "--port", str(args.provider_port), "--database", str(ledger)]
    if args.test_mode:
        command.append("--test-mode")
    provider = subprocess.Popen(command, preexec_fn=_die_with_parent)
    threading.Thread(target=_report_provider_exit, args=(provider,), daemon=True).start()
    return provider


def _report_provider_exit(provider: subprocess.Popen) -> None:
    code = provider.wait()
    if code not in (0, -signal.SIGTERM):
        print(f"error: the EM provider exited (code {code}); /ready will report it unreachable", file=sys.stderr)

if __name__ == "__main__":
    sys.exit(main())
