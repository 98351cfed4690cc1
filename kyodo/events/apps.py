from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    """Events, seminars and staff training (issue 16): registration, waitlists, attendance, reports."""

    name = "kyodo.events"
    label = "events"
    verbose_name = _("イベント・研修")

    def ready(self):
        from auditlog.registry import auditlog

        from kyodo.core import reminders

        from . import models, notices, providers, rules  # noqa: F401  (rules registers events.* permissions)

        auditlog.register(models.Event, m2m_fields={"partners"})
        auditlog.register(models.Session)
        auditlog.register(models.EventReport)
        auditlog.register(models.EventFile, exclude_fields=["file"])
        auditlog.register(models.Registration, include_fields=[
            "status", "seats", "session", "checked_in_at", "cancelled_at", "promoted_at"])
        reminders.register("events.day_before", notices.day_before)
        providers.register()

    def load_demo(self, world):
        from . import demo

        demo.load(world)
