from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LecturesConfig(AppConfig):
    """出前講座 (SPEC §3.3): the lecture menu, requests and their routing, statistics."""

    name = "kyodo.lectures"
    label = "lectures"
    verbose_name = _("出前講座")
