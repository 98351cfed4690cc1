"""``{% correction_notices obj %}``: the public notice of a record's corrections and withdrawals.

Pages that show many records pass the map from ``corrections.corrections_of`` instead:
``{% correction_notices obj trail=corrections %}`` (no query per record).
"""

from django import template

from kyodo.core.corrections import corrections_of

register = template.Library()


@register.inclusion_tag("core/includes/correction_notices.html")
def correction_notices(obj, trail=None):
    if trail is None:
        trail = corrections_of([obj])
    return {"corrections": trail.get(getattr(obj, "pk", None), [])}
