"""``{% notifications_panel %}``: the signed-in person's latest notifications (one query)."""

from django import template

from kyodo.core.notify import Notification

register = template.Library()

#: Lines shown in the panel; older ones are on the my page list.
PANEL_SIZE = 8


@register.inclusion_tag("core/includes/notifications_panel.html", takes_context=True)
def notifications_panel(context, limit=PANEL_SIZE):
    user = context["request"].user
    lines = list(Notification.objects.filter(recipient=user).only(
        "id", "subject", "url", "created_at", "read_at")[:limit]) if user.is_authenticated else []
    return {"lines": lines, "unread": sum(1 for n in lines if n.read_at is None)}
