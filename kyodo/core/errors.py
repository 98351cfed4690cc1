"""Error pages in the site's frame and language (issue: every error speaks Japanese).

400, 403, 404 and 500 render ``templates/<code>.html`` inside the layout, in the language of the
address (English under /en/), with a way back. A 403 shows the reason the refusing rule or
action gave (``PermissionDenied("…")``); a 400 shows what could not be read (``inputs.BadInput``).
While the database is unreachable, the site answers 503 with a maintenance page that needs no
database at all, instead of a stream of 500s.
"""

import logging
import re
import sys

from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)

#: Seconds a client should wait before retrying while the database is away.
RETRY_AFTER = 30


def _message(exception):
    """The refusal's own words, when it has any (never a Python repr or an empty string)."""
    text = getattr(exception, "message", None) or (exception.args[0] if getattr(exception, "args", None) else "")
    return text if isinstance(text, str) and text.strip() else ""


_ORGANISATION_PATH = re.compile(r"^/(?:en/)?org/([-a-z0-9]{1,40})/")


def _organisation(request):
    """The organisation whose pages the visitor was in, for a link back to its home."""
    from .models import Organisation

    match = _ORGANISATION_PATH.match(request.path)
    return Organisation.objects.filter(slug=match.group(1)).first() if match else None


def _render(request, template, status, context=None):
    try:
        context = {"organisation": _organisation(request), **(context or {})}
        return render(request, template, context, status=status)
    except DatabaseError:
        # The frame reads the signed-in user; with the database gone, show the page bare.
        return maintenance(request) if status >= 500 else HttpResponse(
            render_to_string("errors/bare.html", {"status": status}), status=status
        )


def bad_request(request, exception=None):
    return _render(request, "400.html", 400, {"reason": _message(exception)})


def permission_denied(request, exception=None):
    return _render(request, "403.html", 403, {"reason": _message(exception)})


def page_not_found(request, exception=None):
    return _render(request, "404.html", 404)


def server_error(request):
    exception = sys.exc_info()[1]
    if isinstance(exception, (OperationalError, InterfaceError)):
        return maintenance(request)
    try:
        return render(request, "500.html", status=500)
    except Exception:  # the frame itself failed: the page must still say something useful
        logger.exception("the 500 page could not be rendered in the frame")
        return HttpResponseServerError(render_to_string("errors/bare.html", {"status": 500}))


def csrf_failure(request, reason=""):
    return _render(request, "403_csrf.html", 403)


def maintenance(request):
    """503 while the database is unreachable: no database, no user, no frame that needs them."""
    response = HttpResponse(render_to_string("503.html", {"retry_after": RETRY_AFTER}), status=503)
    response["Retry-After"] = str(RETRY_AFTER)
    response["Cache-Control"] = "no-store"
    return response
