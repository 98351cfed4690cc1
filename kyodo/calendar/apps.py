from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CalendarConfig(AppConfig):
    """One calendar of everything dated and public (issue 16): month and list views, iCalendar."""

    name = "kyodo.calendar"
    label = "calendar"
    verbose_name = _("カレンダー")

    def ready(self):
        from kyodo.core import modules

        modules.register(modules.ModuleLink(
            title=_("カレンダー"), summary=_("イベント、傍聴できる会議、出前講座など公開の予定"),
            url_name="calendar:month", order=15,
        ))
        modules.register_bench_targets(bench_targets)


def bench_targets():
    """The regional month (every organisation's entries) and the busiest organisation's month."""
    from django.urls import reverse

    return [("calendar_month", "カレンダー(全団体・今月)", reverse("calendar_regional:month"))]
