"""One load run, start to finish: Locust (a subprocess) over a court-day profile, then reconciliation.

    uv run python -m load.run --target http://127.0.0.1:8000 --provider-url http://127.0.0.1:8001 \
        [--profile ci|full|chaos-outage|chaos-latency|capacity] [--multiplier 10] [--processes N] [--out DIR]

Writes into DIR: load-results.json (figures and SLOs, from the locustfile's quitting listener),
reconciliation.json, Locust's own CSV / HTML / JSON reports and locust.log. Every step is bounded in time.
Exit 0 = SLOs held and reconciliation perfect, 1 = one of them failed, 2 = the run could not be evaluated.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from load.court_day import PROFILES
from load.history import add_history
from load.payloads import new_run_id

LOCUSTFILE = Path(__file__).with_name("locustfile.py")
START_UP_ALLOWANCE_S = 60.0  # Locust start-up, the last users' stop, writing reports; --processes forks too
_NO_PROXY = urllib.request.build_opener(urllib.request.ProxyHandler({}))


@dataclass
class Step:
    code: int | None
    timed_out: bool
    seconds: float


def _stream(command: list[str], log: Path, timeout_s: float) -> Step:
    """Run a command in its own process group, copying its output to `log` and to stdout; kill it at the limit."""
    began = time.monotonic()
    env = dict(os.environ)
    env["NO_PROXY"] = ",".join(filter(None, [env.get("NO_PROXY", ""), "127.0.0.1", "localhost"]))
    env["PYTHONUNBUFFERED"] = "1"
    with log.open("wb") as sink:
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                   env=env, start_new_session=True)
        assert process.stdout is not None
        os.set_blocking(process.stdout.fileno(), False)
        try:
            while True:
                chunk = process.stdout.read()
                if chunk:
                    sink.write(chunk)
                    sink.flush()
                    sys.stdout.buffer.write(chunk)
                    sys.stdout.flush()
                if process.poll() is not None and not chunk:
                    return Step(process.returncode, False, time.monotonic() - began)
                if time.monotonic() - began > timeout_s:
                    _kill(process)
                    return Step(None, True, time.monotonic() - began)
                time.sleep(0.1)
        except BaseException:
            _kill(process)
            raise


def _kill(process: subprocess.Popen) -> None:
    for sig in (signal.SIGTERM, signal.SIGKILL):
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, sig)
        try:
            process.wait(timeout=10)
            return
        except subprocess.TimeoutExpired:
            continue


def ready(target: str) -> bool:
    try:
        with _NO_PROXY.open(f"{target.rstrip('/')}/ready", timeout=5) as response:
            return response.status == 200
    except OSError:
        return False


def locust_command(args: argparse.Namespace, out: Path, run_id: str) -> list[str]:
    command = [
        sys.executable, "-m", "locust", "-f", str(LOCUSTFILE), "--headless", "--host", args.target,
        "--court-profile", args.profile, "--multiplier", f"{args.multiplier:g}", "--run-id", run_id,
        "--provider-url", args.provider_url, "--results-json", str(out / "load-results.json"),
        "--slo-file", str(args.slo), "--csv", str(out / "locust"), "--html", str(out / "locust.html"),
        "--json-file", str(out / "locust-stats.json"), "--only-summary", "--stop-timeout", "10",
        "--seed-password", args.seed_password,
    ]
    if args.processes > 1:
        command += ["--processes", str(args.processes)]
    return command


def reconcile_command(args: argparse.Namespace, out: Path, run_id: str, drain_timeout_s: float) -> list[str]:
    return [
        sys.executable, "-m", "load.reconcile", "--target", args.target, "--provider-url", args.provider_url,
        "--run-id", run_id, "--out", str(out / "reconciliation.json"),
        "--load-results", str(out / "load-results.json"), "--drain-timeout", f"{drain_timeout_s:g}",
        "--seed-password", args.seed_password,
    ]


def run(args: argparse.Namespace) -> int:
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    for name in ("load-results.json", "reconciliation.json", "run.json"):
        (out / name).unlink(missing_ok=True)
    if not ready(args.target):
        print(f"load.run: {args.target}/ready does not answer 200; is the platform running?", file=sys.stderr)
        return 2
    profile = PROFILES[args.profile]
    run_id = args.run_id or new_run_id()
    drain_timeout_s = args.drain_timeout if args.drain_timeout is not None else profile.drain_timeout_s
    record: dict[str, object] = {"run_id": run_id, "profile": profile.name, "multiplier": args.multiplier,
                                 "processes": args.processes, "target": args.target,
                                 "platform_workers": args.serve_workers or None}
    cases = args.history_cases if args.history_cases is not None else profile.history_cases
    try:
        history = add_history(args.target, cases)
    except (RuntimeError, OSError) as error:
        print(f"load.run: could not give the platform its case history: {error}", file=sys.stderr)
        record["error"] = f"case history: {error}"
        _write(out / "run.json", record)
        return 2
    print(f"load.run: {history.describe()}", flush=True)
    record["history"] = {"cases_per_centre": history.cases_per_centre, "added": history.added,
                         "seconds": round(history.seconds, 2), "note": history.note}
    locust = _stream(locust_command(args, out, run_id), out / "locust.log", profile.duration_s + START_UP_ALLOWANCE_S)
    record["locust"] = {"exit_code": locust.code, "timed_out": locust.timed_out, "seconds": round(locust.seconds, 1)}
    if locust.timed_out or not (out / "load-results.json").is_file():
        why = "timed out" if locust.timed_out else f"exited with code {locust.code} and wrote no load-results.json"
        print(f"load.run: Locust {why}", file=sys.stderr)
        record["error"] = f"Locust {why}"
        _write(out / "run.json", record)
        return 2
    check = _stream(reconcile_command(args, out, run_id, drain_timeout_s), out / "reconcile.log",
                    drain_timeout_s + START_UP_ALLOWANCE_S)
    record["reconcile"] = {"exit_code": check.code, "timed_out": check.timed_out, "seconds": round(check.seconds, 1)}
    _write(out / "run.json", record)
    if check.timed_out or check.code not in (0, 1) or not (out / "reconciliation.json").is_file():
        print("load.run: reconciliation could not be done", file=sys.stderr)
        return 2
    return 0 if locust.code == 0 and check.code == 0 else 1


def _write(path: Path, data: dict) -> None:
    path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m load.run", description=__doc__.split("\n\n")[0])
    p.add_argument("--target", help="the platform's base URL (loopback in this project)")
    p.add_argument("--provider-url", help="the EM provider's base URL")
    p.add_argument("--serve-workers", type=int, default=0, metavar="N",
                   help="instead of --target: start a fresh reference platform with N worker processes for this run")
    p.add_argument("--fault", action="append", default=[], metavar="NAME",
                   help="with --serve-workers: a seeded fault to switch on in that platform")
    p.add_argument("--profile", default="ci", choices=sorted(PROFILES))
    p.add_argument("--multiplier", type=float, default=10.0, help="multiple of the national end-of-day peak")
    p.add_argument("--processes", type=int, default=1, help="Locust processes on this machine (--processes)")
    p.add_argument("--out", type=Path, default=Path("reports/load"), help="where the evidence goes")
    p.add_argument("--run-id", default="", help="default: a fresh random id")
    p.add_argument("--slo", type=Path, default=Path(__file__).with_name("slo.toml"))
    p.add_argument("--drain-timeout", type=float, default=None, help="default: the profile's")
    p.add_argument("--history-cases", type=int, default=None,
                   help="past cases a centre holds before the day starts (default: the profile's; 0: none)")
    p.add_argument("--seed-password", default="court-test-password")
    return p


def main(argv: list[str] | None = None) -> int:
    p = parser()
    args = p.parse_args(argv)
    if args.serve_workers < 0:
        p.error("--serve-workers must be 0 (use --target) or more")
    if not args.serve_workers:
        if not (args.target and args.provider_url):
            p.error("give --target and --provider-url, or --serve-workers N")
        return run(args)
    from load.capacity import reference_platform

    try:
        with reference_platform(args.out / "platform", args.serve_workers, tuple(args.fault)) as (target, provider):
            args.target, args.provider_url = target, provider
            print(f"load.run: started a reference platform with {args.serve_workers} worker process(es) at {target}",
                  flush=True)
            return run(args)
    except RuntimeError as error:
        print(f"load.run: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
