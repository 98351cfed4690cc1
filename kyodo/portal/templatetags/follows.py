"""``{% follow_button obj %}``: follow or stop following a plan item, a council, a partner or an
organisation from its public page (one query for a signed-in visitor, none otherwise)."""

from django import template

from kyodo.portal import queries

register = template.Library()


@register.inclusion_tag("portal/includes/follow_button.html", takes_context=True)
def follow_button(context, obj):
    request = context.get("request")
    user = getattr(request, "user", None)
    signed_in = bool(user and user.is_authenticated)
    return {
        "request": request, "csrf_token": context.get("csrf_token"), "signed_in": signed_in,
        "following": signed_in and queries.is_following(user, obj),
        "target": queries.target_key(obj), "next": request.get_full_path() if request else "/",
    }
