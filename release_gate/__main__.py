"""`python -m release_gate` is the `release-gate` command (prove uses it to run the gate per fault)."""

from release_gate.cli import app

app()
