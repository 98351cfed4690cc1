from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FundConfig(AppConfig):
    """The citizen fund database (issue 15): funds, rounds, grants, donations."""

    name = "kyodo.fund"
    label = "fund"
    verbose_name = _("市民活動ファンド")

    def ready(self):
        from auditlog.registry import auditlog

        from . import models, rules  # noqa: F401  (rules registers the fund.* permission)

        for model in (models.Fund, models.FundRound, models.GrantCategory, models.Grant,
                      models.DonationYear, models.Donor):
            auditlog.register(model)

        from . import providers

        providers.register()

    def load_demo(self, world):
        from . import demo

        demo.load(world)
