"""The signed-in person's notifications: the list, and opening one (marks it read)."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme

from . import notify
from .inputs import page_number


@login_required
def notifications(request):
    lines = notify.Notification.objects.filter(recipient=request.user).only(
        "id", "subject", "body", "url", "created_at", "read_at")
    page = Paginator(lines, 30).get_page(page_number(request.GET))
    return render(request, "core/notifications.html", {"page": page})


@login_required
def open_notification(request, pk):
    notification = notify.mark_read(request.user, pk)
    if notification is None:
        raise Http404
    target = notification.url
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("core:notifications")
