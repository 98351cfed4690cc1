"""Period-true figures (issue 14 §1): an indicator's 年度 figure and its 達成率 come from the
year-end value; a 上半期 figure published later is shown as a 上半期 figure beside it and
never takes its place; every report keeps its own values."""

import datetime
from decimal import Decimal

from django.utils import timezone

from kyodo.plans import progress
from kyodo.plans.models import IndicatorActual

from .builders import actual, make_report

LONG_AGO = timezone.now() - datetime.timedelta(days=200)


def test_a_later_half_year_figure_does_not_replace_the_year_end_figure(indicator):
    year_end = make_report(indicator.item, 2005, "year", status="published", published_at=LONG_AGO)
    actual(indicator, year_end, 120)  # target 300: 40 %
    half = make_report(indicator.item, 2005, "h1", status="published", published_at=timezone.now())
    actual(indicator, half, 300)
    summary = progress.summarise_indicator(indicator)
    assert summary.actuals == {2005: Decimal(120)}
    assert (summary.fiscal_year, summary.rate.value) == (2005, Decimal("40.0"))
    assert summary.interim == {2005: ("h1", Decimal(300))}
    # History is kept: both reports still hold their own value.
    assert sorted(IndicatorActual.objects.values_list("report__period", "value")) == [
        ("h1", Decimal(300)), ("year", Decimal(120))]


def test_a_year_with_only_a_half_year_figure_is_not_rated_on_it(indicator):
    year_end = make_report(indicator.item, 2005, "year", status="published", published_at=LONG_AGO)
    actual(indicator, year_end, 330)
    half = make_report(indicator.item, 2006, "h1", status="published", published_at=timezone.now())
    actual(indicator, half, 100)  # half-way through FY2006: not FY2006's figure
    latest = progress.summarise_indicator(indicator)
    assert (latest.fiscal_year, latest.rate.value) == (2005, Decimal("110.0"))
    assert progress.summarise_indicator(indicator, 2006).rate is None
    assert latest.interim == {2006: ("h1", Decimal(100))}


def test_the_second_half_report_of_a_half_yearly_plan_states_the_year(indicator):
    first = make_report(indicator.item, 2005, "h1", status="published", published_at=LONG_AGO)
    actual(indicator, first, 140)
    second = make_report(indicator.item, 2005, "h2", status="published", published_at=timezone.now())
    actual(indicator, second, 270)
    summary = progress.summarise_indicator(indicator)
    assert summary.actuals == {2005: Decimal(270)} and summary.rate.value == Decimal("90.0")
    assert summary.interim == {2005: ("h1", Decimal(140))}


def test_the_item_page_shows_the_year_figure_and_the_half_year_figure_as_such(client, indicator):
    year_end = make_report(indicator.item, 2005, "year", status="published", published_at=LONG_AGO)
    actual(indicator, year_end, 120)
    half = make_report(indicator.item, 2005, "h1", status="published", published_at=timezone.now())
    actual(indicator, half, 300)
    item = indicator.item
    page = client.get(f"/org/sapporo/plans/{item.plan_id}/items/{item.pk}/").content.decode()
    assert "上半期実績 300" in page
    assert ('<td class="num" data-label="実績値(年度)">120</td>'
            '<td class="num" data-label="途中経過">300(上半期)</td>') in page
    assert "40%" in page
