"""``{% record_links links record.pk %}``: the links other modules add to a record a page lists
(``kyodo.core.modules.record_links``), e.g. the public comment held on a plan's revision."""

from django import template

register = template.Library()


@register.inclusion_tag("core/includes/record_links.html")
def record_links(links, record_id):
    return {"links": links.get(record_id, ())}
