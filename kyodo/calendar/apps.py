from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CalendarConfig(AppConfig):
    """One calendar of everything dated and public (issue 16): month and list views, iCalendar."""

    name = "kyodo.calendar"
    label = "calendar"
    verbose_name = _("カレンダー")

    def ready(self):
        pass
