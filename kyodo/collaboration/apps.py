from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CollaborationConfig(AppConfig):
    """協働 (SPEC §3.4): partners, collaboration projects, the annual survey, evaluation."""

    name = "kyodo.collaboration"
    label = "collaboration"
    verbose_name = _("協働")
