from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """Site-wide search (issue 18): the index, the search page, feeds of what is new."""

    name = "kyodo.search"
    label = "search"
    verbose_name = _("検索")

    def ready(self):
        pass
