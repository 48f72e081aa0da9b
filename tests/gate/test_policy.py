"""gate.toml is read strictly: typos and wrong types stop the gate with a message naming key and section."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from release_gate.errors import PolicyError
from release_gate.policy import load_policy, parse_policy
from release_gate.suites import BUILT_IN, STANDARD_SUITES

REPO_GATE_TOML = Path(__file__).resolve().parents[2] / "gate.toml"

MINIMAL = """
[profiles.ci]
suites = ["acceptance"]
"""


def policy_error(text: str) -> str:
    with pytest.raises(PolicyError) as caught:
        parse_policy(tomllib.loads(text))
    return str(caught.value)


def test_the_shipped_policy_loads_and_its_profiles_select_only_suites_that_have_runners() -> None:
    policy = load_policy(REPO_GATE_TOML)
    assert set(policy.profiles) == {"smoke", "ci", "full"}
    for profile in policy.profiles.values():
        assert profile.suites, profile.name
        assert all(name in BUILT_IN for name in profile.suites), profile.name
    assert policy.profile("smoke").budget_s <= 60
    assert policy.profile("ci").budget_s <= 1200  # five suites, each with its own time limit
    assert policy.suite_options(policy.profile("smoke"), "acceptance")["markers"] == "(incident or security) and critical and not slow"


def test_the_shipped_policy_makes_the_acceptance_checks_key_and_blocks_flaky_critical_scenarios() -> None:
    policy = load_policy(REPO_GATE_TOML)
    specs = policy.check_specs(policy.profile("ci"), ["acceptance"])
    assert set(specs) == {"acceptance.ran", "acceptance.pass_rate", "acceptance.critical", "acceptance.incident",
                          "acceptance.flaky", "acceptance.duration_s"}
    assert all(specs[c].key for c in ("acceptance.ran", "acceptance.pass_rate", "acceptance.critical",
                                      "acceptance.incident", "acceptance.flaky"))
    assert specs["acceptance.pass_rate"].threshold == 1.0
    assert specs["acceptance.flaky"].params["blocking_tags"] == ["critical"]
    assert not specs["acceptance.duration_s"].key and specs["acceptance.duration_s"].warn_limit is not None


def test_a_misspelt_check_key_names_the_key_the_section_and_the_likely_fix() -> None:
    message = policy_error(MINIMAL + "[checks.acceptance.pass_rate]\ntrheshold = 0.9\n")
    assert "unknown key 'trheshold'" in message
    assert "[checks.acceptance.pass_rate]" in message
    assert "did you mean 'threshold'" in message


def test_an_unknown_top_level_section_is_refused() -> None:
    message = policy_error(MINIMAL + "[scroe]\npass = 80\n")
    assert "unknown key 'scroe' in the top level" in message and "did you mean 'score'" in message


def test_an_unknown_check_is_refused_with_the_checks_that_exist() -> None:
    message = policy_error(MINIMAL + "[checks.acceptance.pass_ratio]\nthreshold = 1\n")
    assert "unknown check 'acceptance.pass_ratio'" in message and "pass_rate" in message


def test_an_unknown_suite_in_a_profile_is_refused() -> None:
    message = policy_error('[profiles.ci]\nsuites = ["acceptence"]\n')
    assert "unknown suite 'acceptence' in [profiles.ci]" in message and "did you mean 'acceptance'" in message


def test_an_unknown_suite_option_in_a_profile_names_the_option_and_section() -> None:
    message = policy_error(MINIMAL + '[profiles.ci.acceptance]\nmarker = "critical"\n')
    assert "unknown key 'marker' in [profiles.ci.acceptance]" in message and "did you mean 'markers'" in message


def test_an_unknown_key_in_a_profile_is_refused() -> None:
    message = policy_error(MINIMAL + "budget = 60\n")
    assert "unknown key 'budget' in [profiles.ci]" in message and "budget_s" in message


def test_a_value_of_the_wrong_type_is_refused() -> None:
    message = policy_error(MINIMAL + '[checks.acceptance.pass_rate]\nweight = "heavy"\n')
    assert "'weight' in [checks.acceptance.pass_rate] must be a number" in message
    message = policy_error(MINIMAL + "[checks.acceptance.critical]\nkey = 1\n")
    assert "'key' in [checks.acceptance.critical] must be true or false" in message


def test_a_warning_band_on_the_wrong_side_of_the_threshold_is_refused() -> None:
    message = policy_error(MINIMAL + "[checks.acceptance.duration_s]\nthreshold = 100\nwarn_limit = 50\n")
    assert "acceptance.duration_s" in message and "must be at least the threshold" in message
    message = policy_error(MINIMAL + "[checks.acceptance.pass_rate]\nthreshold = 0.9\nwarn_limit = 0.95\n")
    assert "must be at most the threshold" in message


def test_score_levels_must_be_ordered() -> None:
    assert "pass <= warn" in policy_error(MINIMAL + "[score]\npass = 95\nwarn = 90\n")


def test_a_policy_without_profiles_is_refused() -> None:
    assert "no profiles" in policy_error("[score]\npass = 90\n")


def test_an_unknown_profile_is_refused_by_name() -> None:
    policy = parse_policy(tomllib.loads(MINIMAL))
    with pytest.raises(PolicyError, match="unknown profile 'smoek'"):
        policy.profile("smoek")


def test_suites_chosen_on_the_command_line_are_validated() -> None:
    policy = parse_policy(tomllib.loads(MINIMAL))
    with pytest.raises(PolicyError, match="unknown suite 'lod'.*did you mean 'load'"):
        policy.select(policy.profile("ci"), ["acceptance", "lod"])
    assert policy.select(policy.profile("ci"), ["load"]) == ["load"]  # a planned suite is selectable


def test_every_standard_suite_name_is_known_even_without_a_runner() -> None:
    policy = parse_policy(tomllib.loads(MINIMAL))
    assert set(STANDARD_SUITES) <= set(policy.registry)
    assert all(policy.registry[name].kind == "planned" for name in STANDARD_SUITES if name not in BUILT_IN)


def test_a_profile_override_lies_over_the_global_check_settings() -> None:
    text = MINIMAL + (
        "[checks.acceptance.duration_s]\nthreshold = 100\n"
        "[profiles.ci.checks.acceptance.duration_s]\nthreshold = 20\nwarn_limit = 30\n"
        "[profiles.ci.checks.acceptance.flaky]\nblocking_tags = []\n"
    )
    policy = parse_policy(tomllib.loads(text))
    specs = policy.check_specs(policy.profile("ci"), ["acceptance"])
    assert (specs["acceptance.duration_s"].threshold, specs["acceptance.duration_s"].warn_limit) == (20, 30)
    assert specs["acceptance.flaky"].params["blocking_tags"] == []


def test_a_custom_suite_needs_a_known_kind_and_its_required_keys() -> None:
    assert "'kind' must be one of" in policy_error(MINIMAL + '[suites.extra]\nkind = "shell"\n')
    assert "'paths' is required" in policy_error(MINIMAL + '[suites.extra]\nkind = "pytest"\n')
    assert "'command' is required" in policy_error(MINIMAL + '[suites.extra]\nkind = "command"\n')
    assert "standard suite name" in policy_error(MINIMAL + '[suites.load]\nkind = "command"\ncommand = ["x"]\n')
    assert "unknown key 'path' in [suites.extra]" in policy_error(
        MINIMAL + '[suites.extra]\nkind = "pytest"\npath = ["t"]\n'
    )


def test_a_regression_limit_must_name_an_existing_check() -> None:
    message = policy_error(MINIMAL + '[regression.max_regression]\n"acceptance.duration" = 0.2\n')
    assert "unknown check 'acceptance.duration'" in message and "did you mean 'acceptance.duration_s'" in message


def test_invalid_toml_is_reported_with_the_file_name(tmp_path: Path) -> None:
    bad = tmp_path / "gate.toml"
    bad.write_text("[profiles.ci\nsuites = 1\n")
    with pytest.raises(PolicyError, match="gate.toml is not valid TOML"):
        load_policy(bad)


def test_a_missing_policy_file_is_reported(tmp_path: Path) -> None:
    with pytest.raises(PolicyError, match="no policy file"):
        load_policy(tmp_path / "gate.toml")


def test_suites_that_run_side_by_side_are_groups_of_the_profiles_own_suites() -> None:
    policy = parse_policy(tomllib.loads("""
[profiles.ci]
suites = ["acceptance", "e2e", "properties", "load"]
parallel = [["acceptance", "e2e", "properties"]]
"""))
    assert policy.profile("ci").parallel == (("acceptance", "e2e", "properties"),)
    assert load_policy(REPO_GATE_TOML).profile("ci").parallel  # the shipped ci profile uses it


@pytest.mark.parametrize(
    ("parallel", "message"),
    [
        ('["acceptance", "e2e"]', "must be a list of groups"),
        ('[["acceptance"]]', "two or more suite names"),
        ('[["acceptance", "e3e"]]', "'e3e' in [profiles.ci] parallel is not one of the profile's suites (did you "
                                    "mean 'e2e'?"),
        ('[["acceptance", "load"]]', "'load' in [profiles.ci] parallel is not one of the profile's suites"),
        ('[["acceptance", "e2e"], ["e2e", "properties"]]', "'e2e' is in more than one group"),
    ],
)
def test_a_bad_parallel_group_is_refused_naming_the_suite(parallel: str, message: str) -> None:
    text = f"""
[profiles.ci]
suites = ["acceptance", "e2e", "properties"]
parallel = {parallel}
"""
    assert message in policy_error(text)


def test_a_parallel_limit_below_one_is_refused() -> None:
    text = """
[profiles.ci]
suites = ["acceptance", "e2e"]
parallel = [["acceptance", "e2e"]]
parallel_limit = 0
"""
    assert "parallel_limit must be at least 1" in policy_error(text)
