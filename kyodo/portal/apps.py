from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The portal (issue 18): what is open now, my page, follows, open-data catalogue."""

    name = "kyodo.portal"
    label = "portal"
    verbose_name = _("ポータル")

    def ready(self):
        pass
