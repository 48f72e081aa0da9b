"""The verdict history: appended, tolerant of a damaged line, and the source of the last-GO baseline."""

from __future__ import annotations

from pathlib import Path

from release_gate.history import append_history, last_go, read_history


def test_history_is_appended_and_a_damaged_line_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "reports" / "history.jsonl"
    append_history(path, {"verdict": "GO", "profile": "ci", "time": "1"})
    with path.open("a") as handle:
        handle.write("{not json\n")
    append_history(path, {"verdict": "NO-GO", "profile": "ci", "time": "2"})
    assert [e["time"] for e in read_history(path)] == ["1", "2"]


def test_the_baseline_is_the_latest_go_of_the_same_profile() -> None:
    entries = [
        {"verdict": "GO", "profile": "ci", "time": "1"},
        {"verdict": "GO", "profile": "smoke", "time": "2"},
        {"verdict": "NO-GO", "profile": "ci", "time": "3"},
    ]
    assert last_go(entries, "ci")["time"] == "1"
    assert last_go(entries, "smoke")["time"] == "2"
    assert last_go(entries, "full") is None


def test_a_missing_history_file_is_an_empty_history(tmp_path: Path) -> None:
    assert read_history(tmp_path / "history.jsonl") == []
