from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LecturesConfig(AppConfig):
    """出前講座 (SPEC §3.3): the lecture menu, requests and their routing, statistics."""

    name = "kyodo.lectures"
    label = "lectures"
    verbose_name = _("出前講座")

    def ready(self):
        from auditlog.registry import auditlog

        from kyodo.core import modules, reminders

        from . import models, notices, rules  # noqa: F401  (rules registers the lectures.* permissions)
        from . import search_sources  # noqa: F401  (registers what the site-wide search indexes)

        auditlog.register(models.LectureRules)
        auditlog.register(models.Theme)
        auditlog.register(models.CalendarFeed, include_fields=["issued_at"])
        auditlog.register(models.Request, include_fields=[
            "status", "department", "starts_at", "lecturer", "lecturer_user", "actual_audience",
            "decline_reason", "channel", "entered_by",
        ])
        reminders.register("lectures.upcoming", notices.upcoming_lectures)
        reminders.register("lectures.report_due", notices.overdue_reports)
        modules.register_bench_targets("kyodo.lectures.bench.targets")
        modules.register(modules.ModuleLink(
            title=_("出前講座"), summary=_("職員が地域に出向いて市の施策を説明します。講座一覧と申込"),
            url_name="lectures:catalogue", order=30,
        ))
        modules.register(modules.ModuleLink(
            title=_("出前講座(職員用)"), summary=_("申込の受付・回付・日程調整・実施報告、講座と実施要綱"),
            url_name="lectures:inbox", permission="lectures.use_staff_screens", order=30,
        ), staff=True)
        from . import calendar_entries  # the one calendar (issue 16)

        modules.register_calendar(calendar_entries.calendar_entries)
        from . import portal  # the portal, my page and the open-data catalogue (issue 18)

        portal.register()

    def load_demo(self, world):
        from . import demo

        demo.load(world)
