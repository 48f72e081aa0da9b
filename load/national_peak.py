"""The national end-of-day peak: the one place where the load suite turns DESIGN.md's national figures into
a request rate. Every load target is a multiple of this peak ("10x" = ten times it).

Run `python -m load.national_peak` to print the derivation. Every number below is either a published figure
(quoted in DESIGN.md, "Load model") or an assumption, named and explained, so a reader can disagree with one
line and see what follows.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields

SECONDS_AN_HOUR = 3600


@dataclass(frozen=True)
class Figures:
    """Published national figures (DESIGN.md, "Load model")."""

    magistrates_receipts_a_year: int = 1_370_000  # 2023
    crown_receipts_a_year: int = 105_000  # 2023
    magistrates_listings_a_day_low: int = 6_000
    magistrates_listings_a_day_high: int = 11_000
    crown_courtrooms_sitting: int = 400
    agency_notifications_a_day: int = 1_000  # "about 1,000 or more"
    people_tagged: int = 20_900  # at one time, June 2024
    court_bail_share_of_tagged: float = 1 / 3


@dataclass(frozen=True)
class Assumptions:
    """What the figures do not say, chosen on purpose and stated so that they can be challenged."""

    # A peak day, not an average one: the top of the published range of magistrates' listings.
    magistrates_hearings_a_day: int = 11_000
    # A Crown courtroom sits on a trial or works through a list of mentions, pleas and sentences: 5 a day.
    crown_hearings_per_courtroom: float = 5.0
    # Most hearings have one defendant; co-defendants bring the mean to 1.2.
    defendants_per_hearing: float = 1.2
    # The legal adviser shares the results of a hearing once, when its last defendant is resulted.
    shares_per_hearing: float = 1.0
    # The share spike: 40 % of the day's results are shared between 16:00 and 18:00, after the courts rise.
    evening_spike_share: float = 0.40
    evening_spike_hours: float = 2.0
    # The busiest quarter-hour of the spike runs at 1.5 times the spike's mean rate.
    spike_peak_to_mean: float = 1.5
    # Requests the platform serves per shared hearing at the peak, everyone's traffic included; see
    # REQUEST_BUDGET for the breakdown by persona (it must add up to this figure).
    requests_per_share: float = 9.0
    # EM orders a day: people on court bail with a tag stay tagged for 60 days on average; court orders
    # (community and suspended sentence orders) account for another third of those tagged and last 180 days;
    # each new order brings on average one follow-up (a variation or a revocation) later.
    bail_em_mean_days: float = 60.0
    court_order_share_of_tagged: float = 1 / 3
    court_order_em_mean_days: float = 180.0
    follow_ups_per_new_order: float = 1.0
    # Working days a year, only to cross-check listings against yearly receipts.
    sitting_days_a_year: int = 250
    # Hearings per case over its life, only for the same cross-check.
    magistrates_hearings_per_case: float = 2.0


# Requests per shared hearing at the peak, by who makes them and what for. They add up to
# Assumptions.requests_per_share; the locustfile's personas are calibrated to reproduce them.
REQUEST_BUDGET: dict[str, dict[str, float]] = {
    "legal_adviser": {
        "list the hearing's case and hearing (done by listing, counted with the share)": 2.0,
        "open the court list": 1.0,
        "open the hearing": 1.0,
        "open the case": 1.0,
        "draft a result per defendant": 1.2,
        "share the results": 1.0,
    },
    "listing_officer": {"court lists, case searches and tomorrow's listings": 0.6},
    "agency_viewer": {"searches and reads of cases, EM orders and notifications": 1.0},
    "court_admin": {"the work queue and pending EM orders": 0.2},
}


@dataclass(frozen=True)
class NationalPeak:
    """The derivation's results. `requests_per_second` is "the national end-of-day peak"."""

    figures: Figures
    assumptions: Assumptions
    hearings_a_day: float
    defendant_results_a_day: float
    shares_a_day: float
    spike_mean_shares_per_second: float
    shares_per_second: float
    requests_per_second: float
    new_em_orders_a_day: float
    em_orders_a_day: float
    em_share_of_results: float
    em_orders_per_second: float
    cross_checks: dict[str, str] = field(default_factory=dict)

    def at(self, multiplier: float) -> dict[str, float]:
        """The rates to generate at a multiple of the peak."""
        return {
            "multiplier": multiplier,
            "requests_per_second": round(self.requests_per_second * multiplier, 3),
            "shares_per_second": round(self.shares_per_second * multiplier, 3),
            "em_orders_per_second": round(self.em_orders_per_second * multiplier, 4),
        }

    def to_json(self) -> dict[str, object]:
        return {
            "requests_per_second": round(self.requests_per_second, 3),
            "shares_per_second": round(self.shares_per_second, 4),
            "em_orders_per_second": round(self.em_orders_per_second, 5),
            "hearings_a_day": self.hearings_a_day,
            "defendant_results_a_day": self.defendant_results_a_day,
            "em_orders_a_day": round(self.em_orders_a_day, 1),
            "em_share_of_results": round(self.em_share_of_results, 4),
            "assumptions": {f.name: getattr(self.assumptions, f.name) for f in fields(self.assumptions)},
        }


def budget_total(budget: dict[str, dict[str, float]] = REQUEST_BUDGET) -> float:
    return round(sum(sum(items.values()) for items in budget.values()), 6)


def derive(figures: Figures = Figures(), assumptions: Assumptions = Assumptions()) -> NationalPeak:
    """The national end-of-day peak from the figures and the assumptions, step by step."""
    a = assumptions
    if abs(budget_total() - a.requests_per_share) > 1e-6:
        raise ValueError(f"REQUEST_BUDGET adds up to {budget_total()}, not requests_per_share={a.requests_per_share}")
    crown_hearings = figures.crown_courtrooms_sitting * a.crown_hearings_per_courtroom
    hearings = a.magistrates_hearings_a_day + crown_hearings
    results = hearings * a.defendants_per_hearing
    shares = hearings * a.shares_per_hearing
    spike_mean = shares * a.evening_spike_share / (a.evening_spike_hours * SECONDS_AN_HOUR)
    shares_per_second = spike_mean * a.spike_peak_to_mean
    requests_per_second = shares_per_second * a.requests_per_share

    on_bail = figures.people_tagged * figures.court_bail_share_of_tagged
    on_court_orders = figures.people_tagged * a.court_order_share_of_tagged
    new_orders = on_bail / a.bail_em_mean_days + on_court_orders / a.court_order_em_mean_days
    em_orders = new_orders * (1 + a.follow_ups_per_new_order)
    em_share = em_orders / results
    em_per_second = shares_per_second * a.defendants_per_hearing * em_share

    new_cases = figures.magistrates_receipts_a_year / a.sitting_days_a_year
    checks = {
        "magistrates' hearings from receipts": (
            f"{figures.magistrates_receipts_a_year:,} receipts / {a.sitting_days_a_year} days x "
            f"{a.magistrates_hearings_per_case:g} hearings a case = "
            f"{new_cases * a.magistrates_hearings_per_case:,.0f} a day (assumed {a.magistrates_hearings_a_day:,}; "
            f"published range {figures.magistrates_listings_a_day_low:,}-{figures.magistrates_listings_a_day_high:,})"
        ),
        "Crown hearings from receipts": (
            f"{figures.crown_receipts_a_year:,} receipts / {a.sitting_days_a_year} days = "
            f"{figures.crown_receipts_a_year / a.sitting_days_a_year:,.0f} new cases a day against "
            f"{crown_hearings:,.0f} hearings (about {crown_hearings * a.sitting_days_a_year / figures.crown_receipts_a_year:.1f} "
            "hearings a case)"
        ),
        "EM orders against agency notifications": (
            f"{em_orders:,.0f} EM orders a day is part of the 'about {figures.agency_notifications_a_day:,} or more' "
            "agency notifications a day"
        ),
    }
    return NationalPeak(
        figures=figures,
        assumptions=a,
        hearings_a_day=hearings,
        defendant_results_a_day=results,
        shares_a_day=shares,
        spike_mean_shares_per_second=spike_mean,
        shares_per_second=shares_per_second,
        requests_per_second=requests_per_second,
        new_em_orders_a_day=new_orders,
        em_orders_a_day=em_orders,
        em_share_of_results=em_share,
        em_orders_per_second=em_per_second,
        cross_checks=checks,
    )


def describe(peak: NationalPeak, multiplier: float | None = None) -> str:
    """The derivation in words, for the start of every run and for the README."""
    f, a = peak.figures, peak.assumptions
    lines = [
        "National end-of-day peak (load/national_peak.py)",
        f"  hearings a day      = {a.magistrates_hearings_a_day:,} magistrates' (top of {f.magistrates_listings_a_day_low:,}-"
        f"{f.magistrates_listings_a_day_high:,}) + {f.crown_courtrooms_sitting} Crown courtrooms x "
        f"{a.crown_hearings_per_courtroom:g} = {peak.hearings_a_day:,.0f}",
        f"  defendant results   = {peak.hearings_a_day:,.0f} x {a.defendants_per_hearing:g} defendants a hearing = "
        f"{peak.defendant_results_a_day:,.0f} a day; shared once per hearing = {peak.shares_a_day:,.0f} shares a day",
        f"  share spike         = {a.evening_spike_share:.0%} of shares in {a.evening_spike_hours:g} h (16:00-18:00) = "
        f"{peak.spike_mean_shares_per_second:.3f} shares/s, busiest quarter-hour x{a.spike_peak_to_mean:g} = "
        f"{peak.shares_per_second:.3f} shares/s",
        f"  requests            = {peak.shares_per_second:.3f} shares/s x {a.requests_per_share:g} requests a share = "
        f"{peak.requests_per_second:.2f} requests/s  <- the national end-of-day peak",
        f"  EM orders           = ({f.people_tagged:,} tagged x {f.court_bail_share_of_tagged:.2f} on bail / "
        f"{a.bail_em_mean_days:g} d + {f.people_tagged:,} x {a.court_order_share_of_tagged:.2f} on court orders / "
        f"{a.court_order_em_mean_days:g} d)"
        f" x {1 + a.follow_ups_per_new_order:g} = {peak.em_orders_a_day:,.0f} a day = {peak.em_share_of_results:.1%} of "
        f"results = {peak.em_orders_per_second:.4f} orders/s at the peak",
    ]
    for name, text in peak.cross_checks.items():
        lines.append(f"  cross-check: {name}: {text}")
    if multiplier is not None:
        rates = peak.at(multiplier)
        lines.append(
            f"  target x{multiplier:g}: {rates['requests_per_second']:.1f} requests/s, "
            f"{rates['shares_per_second']:.2f} shares/s, {rates['em_orders_per_second']:.3f} EM orders/s"
        )
    return "\n".join(lines)


PEAK = derive()


if __name__ == "__main__":
    print(describe(PEAK, 10))
    print("\n  request budget per shared hearing:")
    for persona, items in REQUEST_BUDGET.items():
        for what, n in items.items():
            print(f"    {persona:16} {n:4.1f}  {what}")
