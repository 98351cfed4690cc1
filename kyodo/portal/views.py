"""Pages of the portal: what is open now, the open-data catalogue (region and organisation,
with its DCAT JSON-LD), following, and the mail settings of my page."""

from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kyodo.core import queries as core_queries
from kyodo.core.inputs import page_number, query_value
from kyodo.core.models import Organisation

from . import dcat, frontdoor, notices, queries
from .forms import LicenceForm, MailSettingsForm
from .models import Follow, OpenDataLicence


def _all_organisations():
    return list(Organisation.objects.only(*core_queries.ORGANISATION_CARD).order_by("local_government_code"))


def organisations(request):
    """団体一覧 — every organisation, a page at a time, narrowed by a name or its reading (the
    portal shows only each prefecture's main municipalities)."""
    text = query_value(request.GET, "q", forms.CharField(max_length=50, strip=True), default="")
    number = page_number(request.GET)
    page = SimpleLazyObject(lambda: Paginator(
        queries.organisation_directory(text), queries.DIRECTORY_PAGE).get_page(number))
    return render(request, "portal/organisations.html", {
        "page": page, "text": text, "query": urlencode({"q": text}) if text else "",
    })


def open_now(request):
    """いま参加できること — everything open for participation across the region."""
    return render(request, "portal/open_now.html", {
        "opportunities": SimpleLazyObject(lambda: frontdoor.with_organisations(frontdoor.open_now())),
    })


def open_data(request):
    return render(request, "portal/open_data.html", {
        "entries": SimpleLazyObject(lambda: queries.catalogue(_all_organisations())),
        "organisation": None,
    })


def organisation_open_data(request, slug):
    organisation = get_object_or_404(Organisation.objects.select_related("prefecture"), slug=slug)
    entries = SimpleLazyObject(lambda: queries.catalogue([organisation], include_empty=True))
    licence_name, licence_url = queries.licences([organisation])[organisation.pk]
    return render(request, "portal/open_data.html", {
        "entries": entries, "organisation": organisation,
        "licence_name": licence_name, "licence_url": licence_url,
        "can_set_licence": request.user.has_perm("core.edit_organisation_profile", organisation),
    })


def _jsonld(document):
    response = JsonResponse(document, json_dumps_params={"ensure_ascii": False, "indent": 1})
    response["Content-Type"] = "application/ld+json; charset=utf-8"
    return response


def catalog(request):
    return _jsonld(dcat.catalogue_document(
        queries.catalogue(_all_organisations()), title=_("北海道 協働ポータル オープンデータカタログ"),
        description=_("北海道と道内の市町村が協働ポータルで公開しているデータセットの一覧です。"),
        url=reverse("portal:catalog")))


def organisation_catalog(request, slug):
    organisation = get_object_or_404(Organisation, slug=slug)
    return _jsonld(dcat.catalogue_document(
        queries.catalogue([organisation]),
        title=_("%(name)s オープンデータカタログ") % {"name": organisation.name},
        description=_("%(name)sが協働ポータルで公開しているデータセットの一覧です。") % {
            "name": organisation.name},
        url=reverse("portal:organisation_catalog", args=[slug]), publisher=organisation))


@login_required
def licence(request, slug):
    organisation = get_object_or_404(Organisation, slug=slug)
    if not request.user.has_perm("core.edit_organisation_profile", organisation):
        raise PermissionDenied
    instance = OpenDataLicence.objects.filter(organisation=organisation).first() or OpenDataLicence(
        organisation=organisation)
    form = LicenceForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("オープンデータのライセンスを保存しました。"))
        return redirect("portal:organisation_open_data", slug=slug)
    return render(request, "portal/licence.html", {"organisation": organisation, "form": form},
                  status=400 if form.errors else 200)


def _back(request, default):
    back = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
        return back
    return default


@login_required
@require_POST
def follow(request):
    """Follow, or with ``unfollow`` stop following, the thing named by ``target``."""
    target = queries.find_target(request.POST.get("target", ""))
    if target is None:
        raise Http404
    content_type = ContentType.objects.get_for_model(target)
    name = queries.followables()[target._meta.label_lower].name(target)
    if request.POST.get("unfollow"):
        Follow.objects.filter(user=request.user, content_type=content_type, object_id=target.pk).delete()
        messages.success(request, _("「%(name)s」のフォローをやめました。") % {"name": name})
    else:
        Follow.objects.get_or_create(user=request.user, content_type=content_type, object_id=target.pk)
        messages.success(request, _("「%(name)s」をフォローしました。マイページで最新の変更を確認できます。") % {
            "name": name})
    return redirect(_back(request, reverse("core:mypage")))


@login_required
def mail_settings(request):
    form = MailSettingsForm(request.POST or None, initial_modes=notices.settings_of(request.user))
    if request.method == "POST" and form.is_valid():
        notices.save_settings(request.user, form.cleaned_data)
        messages.success(request, _("お知らせの受け取り方を保存しました。"))
        return redirect("core:mypage")
    return render(request, "portal/mail_settings.html", {"form": form},
                  status=400 if form.errors else 200)
