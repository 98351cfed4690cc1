"""Small builders the plans tests share."""

from kyodo.plans import workflow
from kyodo.plans.models import IndicatorActual, ProgressReport


def make_report(item, fiscal_year=2005, period="year", status="draft", *, progress=50,
                item_status="in_progress", published_at=None):
    """A report put straight into ``status`` (for tests about what follows it)."""
    return ProgressReport.objects.create(
        item=item, fiscal_year=fiscal_year, period=period, status=status, progress=progress,
        item_status=item_status, published_at=published_at,
    )


def publish(report, actor=None):
    """Walk a draft report to 公表済 through the workflow."""
    for step in ("submit", "approve", "publish"):
        workflow.apply(actor, report, step)
    return report


def actual(indicator, report, value, fiscal_year=None):
    return IndicatorActual.objects.create(indicator=indicator, report=report, value=value,
                                          fiscal_year=fiscal_year or report.fiscal_year)
