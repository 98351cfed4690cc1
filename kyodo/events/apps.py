from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    """Events, seminars and staff training (issue 16): registration, waitlists, attendance, reports."""

    name = "kyodo.events"
    label = "events"
    verbose_name = _("イベント・研修")

    def ready(self):
        pass
