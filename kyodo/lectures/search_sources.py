"""What the site-wide search indexes of the lectures: the themes of the menu that take
requests (an inactive theme is not on the public menu, so it is not found). Requests hold
personal data and are never indexed."""

from django.urls import reverse
from django.utils.translation import gettext as _

from kyodo.core import modules

from .models import Theme


def theme_documents(ids):
    themes = Theme.objects.filter(active=True).select_related("organisation", "department")
    if ids is not None:
        themes = themes.filter(pk__in=ids)
    for theme in themes:
        yield modules.SearchDocument(
            key=f"lectures.theme:{theme.pk}", organisation_id=theme.organisation_id,
            module="lectures", kind=_("出前講座"), title=theme.title,
            body="\n".join(filter(None, [theme.summary, theme.keywords, theme.department.name,
                                         str(theme.get_category_display())])),
            url=reverse("lectures:theme", args=[theme.organisation.slug, theme.pk]),
            fiscal_year=theme.fiscal_year)


# Registered when the app's ready() imports this module.
modules.register_search(modules.SearchSource(
    name="lectures.theme", model=Theme, documents=theme_documents))
