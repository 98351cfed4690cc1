from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "kyodo.core"
    label = "core"
    verbose_name = _("基盤")

    def ready(self):
        from auditlog.registry import auditlog

        from . import converters, models, pagecache

        converters.register()
        pagecache.connect_signals()

        auditlog.register(models.Organisation)
        auditlog.register(models.Department)
        auditlog.register(models.RoleAssignment)
        auditlog.register(models.Invitation, exclude_fields=["token_hash"])
        auditlog.register(models.User, exclude_fields=["password", "last_login"])
