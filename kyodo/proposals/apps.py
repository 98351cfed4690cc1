from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProposalsConfig(AppConfig):
    """協働事業提案制度 (issue 15): proposal calls, proposals, screening by a panel, results."""

    name = "kyodo.proposals"
    label = "proposals"
    verbose_name = _("提案募集")

    def ready(self):
        pass
