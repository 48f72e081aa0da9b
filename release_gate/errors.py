"""Why the gate could not evaluate a release (exit 2)."""


class CannotEvaluate(Exception):
    """The gate cannot reach a verdict: it must not say GO, and it must say why."""


class PolicyError(CannotEvaluate):
    """gate.toml (or a command-line choice) is wrong; the message names the key and the section."""
