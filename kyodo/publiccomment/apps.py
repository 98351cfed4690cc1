from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicCommentConfig(AppConfig):
    """Public comment (issue 17): drafts, comments, opinion items with the administration's view, results."""

    name = "kyodo.publiccomment"
    label = "publiccomment"
    verbose_name = _("意見公募")

    def ready(self):
        pass
