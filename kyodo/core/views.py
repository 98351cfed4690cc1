"""Pages of the foundation: the regional portal, organisation homes, my page, and the
organisation admin's and platform admin's screens. Views stay thin: parse, check, call, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import SetPasswordForm
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import connection
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from . import actions, invitations, modules, queries
from . import audit, downloads
from .forms import (
    AuditFilter,
    DepartmentForm,
    OrganisationForm,
    OrganisationProfileForm,
    RoleGrantForm,
)
from .inputs import BadInput, page_number
from .models import Organisation, RoleAssignment, User
from .rules import forget_roles, role_assignments


def portal(request):
    """The region's front door and its main organisations; the template keeps it all in a
    shared fragment, so the reads are lazy (a stored fragment runs none of them)."""
    from kyodo.portal.frontdoor import front_door

    return render(request, "core/portal.html", {
        "regions": SimpleLazyObject(queries.portal_regions), **front_door(),
    })


def organisation_home(request, slug):
    """The organisation's home: its header (and the person's follow button) per request, the
    rest from a shared fragment, read lazily."""
    from kyodo.portal.frontdoor import front_door

    organisation = get_object_or_404(Organisation.objects.select_related("prefecture"), slug=slug)
    return render(request, "core/organisation.html", {
        "organisation": organisation,
        "departments": SimpleLazyObject(lambda: queries.flatten(queries.department_tree(organisation))),
        "organisation_modules": SimpleLazyObject(lambda: modules.public_links(organisation)),
        **front_door(organisation),
    })


@login_required
def mypage(request):
    from allauth.mfa.utils import is_mfa_enabled

    from kyodo.portal.queries import follows_of

    assignments = role_assignments(request.user)
    return render(request, "core/mypage.html", {
        "my_items": modules.my_items(request.user),
        "follows": follows_of(request.user),
        "assignments": assignments,
        "mfa_enabled": is_mfa_enabled(request.user),
        "admin_organisations": sorted(
            {a.organisation for a in assignments if a.organisation and request.user.has_perm(
                "core.manage_roles", a.organisation)},
            key=lambda o: o.local_government_code,
        ),
        "platform_admin": request.user.has_perm("core.manage_organisations"),
    })


@never_cache
def healthz(request):
    """200 when the application can reach its database; 503 otherwise (for load balancers)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any database failure means "not healthy"
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def bench_hello(request):
    """The benchmark's ceiling: the smallest Django response, through the same middleware as
    every page. Routed only when KYODO_BENCH_HELLO is set (docs/benchmarks.md)."""
    return HttpResponse("Hello, world", content_type="text/plain")


# --- Organisation admin (団体管理) ---------------------------------------------------------------

def _organisation_for(request, slug, permission):
    organisation = get_object_or_404(Organisation, slug=slug)
    if not request.user.has_perm(permission, organisation):
        raise PermissionDenied
    return organisation


@login_required
def manage_home(request, slug):
    organisation = _organisation_for(request, slug, "core.view_staff_area")
    return render(request, "core/manage/home.html", {
        "organisation": organisation,
        "manage_modules": modules.staff_links(organisation, request.user),
        "can": {
            name: request.user.has_perm(f"core.{name}", organisation)
            for name in ("manage_departments", "manage_roles", "view_audit_log",
                         "edit_organisation_profile")
        },
    })


@login_required
def manage_profile(request, slug):
    organisation = _organisation_for(request, slug, "core.edit_organisation_profile")
    form = OrganisationProfileForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        actions.save_organisation(request.user, form.instance)
        messages.success(request, _("団体の紹介を保存しました。"))
        return redirect("manage:home", slug=slug)
    return render(request, "core/manage/profile.html", {"organisation": organisation, "form": form})


@login_required
def manage_departments(request, slug):
    organisation = _organisation_for(request, slug, "core.manage_departments")
    departments = queries.flatten(queries.department_tree(organisation))
    return render(request, "core/manage/departments.html", {
        "organisation": organisation, "departments": departments,
    })


@login_required
def manage_department_edit(request, slug, pk=None):
    organisation = _organisation_for(request, slug, "core.manage_departments")
    departments = queries.flatten(queries.department_tree(organisation))
    department = None
    if pk is not None:
        department = next((n.department for n in departments if n.department.pk == pk), None)
        if department is None:
            raise PermissionDenied
    form = DepartmentForm(
        request.POST or None, instance=department, organisation=organisation,
        department_choices=[n.department for n in departments],
    )
    if request.method == "POST" and form.is_valid():
        actions.save_department(request.user, form.instance)
        messages.success(request, _("部署「%(name)s」を保存しました。") % {"name": form.instance.name})
        return redirect("manage:departments", slug=slug)
    return render(request, "core/manage/department_form.html", {
        "organisation": organisation, "form": form, "department": department,
    })


@login_required
def manage_roles(request, slug):
    organisation = _organisation_for(request, slug, "core.manage_roles")
    departments = [n.department for n in queries.flatten(queries.department_tree(organisation))]
    form = RoleGrantForm(
        request.POST or None, organisation=organisation, department_choices=departments
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            assignment, _created = actions.assign_role(
                request.user, email=data["email"], display_name=data["display_name"],
                role=data["role"], organisation=organisation, department=data["department"],
            )
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _(
                "%(user)s に役割を付与し、招待メールを送りました。本人が招待を承認すると有効になります。"
            ) % {"user": assignment.user})
            return redirect("manage:roles", slug=slug)
    full_names = {d.pk: d.full_name for d in departments}
    assignments = list(queries.role_assignments_of(organisation))
    for a in assignments:
        a.department_full_name = full_names.get(a.department_id, "")
    return render(request, "core/manage/roles.html", {
        "organisation": organisation, "assignments": assignments, "form": form,
    })


@login_required
@require_POST
def manage_role_revoke(request, slug, pk):
    organisation = _organisation_for(request, slug, "core.manage_roles")
    assignment = get_object_or_404(RoleAssignment, pk=pk, organisation=organisation)
    actions.revoke_role(request.user, assignment)
    forget_roles(request.user)
    messages.success(request, _("役割を取り消しました。"))
    return redirect("manage:roles", slug=slug)


@login_required
@require_POST
def manage_invitation_resend(request, slug, user_pk):
    """Resend the invitation of someone granted something here (a role, a partner membership,
    a council member's account link) who has not accepted yet; every staff screen that lists
    such grants posts here and names itself in ``next``."""
    organisation = _organisation_for(request, slug, "core.view_staff_area")
    user = get_object_or_404(User, pk=user_pk)
    if not invitations.pending_grants(user, organisation):
        raise Http404
    actions.resend_invitation(request.user, user, organisation=organisation)
    messages.success(request, _("%(email)s に招待メールを再送しました。") % {"email": user.email})
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
        back = reverse("manage:roles", args=[slug])
    return redirect(back)


# --- Invitations (招待) --------------------------------------------------------------------------

@never_cache
def invitation(request, token):
    """The link of an invitation mail: the holder of the address accepts what was granted.

    Signed in as the invited account: confirm. Not signed in: a new account (or one whose
    address nobody had proved) sets its password here; any other signs in and comes back."""
    found = invitations.find(token)
    if found is None or not found.is_open():
        return render(request, "core/invitation.html", {"state": "closed"}, status=410)
    user = found.user
    if request.user.is_authenticated and request.user.pk != user.pk:
        return render(request, "core/invitation.html", {
            "state": "refused", "message": actions.INVITATION_REFUSED,
        }, status=403)
    context = {
        "invitation": found,
        "grants": [invitations.describe(g) for g in invitations.pending_grants(user)],
    }
    if request.user.is_authenticated:
        if request.method == "POST":
            try:
                actions.accept_invitation(request.user, found)
            except ValidationError:
                return render(request, "core/invitation.html", {"state": "closed"}, status=410)
            messages.success(request, _("招待を承認しました。付与された役割が有効になりました。"))
            return redirect("core:mypage")
        return render(request, "core/invitation.html", {**context, "state": "confirm"})
    if not invitations.needs_password(user):
        return redirect_to_login(request.get_full_path())
    form = SetPasswordForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.accept_invitation_with_password(found, form.cleaned_data["new_password1"])
        except ValidationError:
            return render(request, "core/invitation.html", {"state": "closed"}, status=410)
        messages.success(request, _(
            "パスワードを設定し、招待を承認しました。設定したパスワードでログインしてください。"))
        return redirect_to_login(reverse("core:mypage"))
    return render(request, "core/invitation.html", {**context, "state": "password", "form": form})


AUDIT_PAGE_SIZE = 50
AUDIT_EXPORTS = {"csv": "CSV", "xlsx": "Excel"}


def _audit_filter(request, organisation):
    return AuditFilter(request.GET or None, queryset=queries.audit_entries(organisation))


@login_required
def manage_audit(request, slug):
    organisation = _organisation_for(request, slug, "core.view_audit_log")
    audit_filter = _audit_filter(request, organisation)
    page = Paginator(audit_filter.qs, AUDIT_PAGE_SIZE).get_page(page_number(request.GET))
    show_personal = request.user.has_perm("core.see_personal_data", organisation)
    lines = audit.readable(page.object_list, organisation, show_personal=show_personal)
    query = request.GET.copy()
    query.pop("page", None)
    template = "core/manage/audit.html#results" if request.htmx else "core/manage/audit.html"
    return render(request, template, {
        "organisation": organisation, "filter": audit_filter, "page": page, "lines": lines,
        "show_personal": show_personal, "people": queries.audit_people(organisation),
        "query": query.urlencode(), "exports": AUDIT_EXPORTS,
    })


@login_required
def manage_audit_export(request, slug, fmt):
    """The filtered entries as CSV or Excel for an information-disclosure request (情報公開請求):
    the rows of the screen, masked by the same rule, streamed; the export is itself logged."""
    organisation = _organisation_for(request, slug, "core.view_audit_log")
    if fmt not in AUDIT_EXPORTS:
        raise Http404
    audit_filter = _audit_filter(request, organisation)
    if audit_filter.is_bound and not audit_filter.form.is_valid():
        raise BadInput(" ".join(e for errors in audit_filter.form.errors.values() for e in errors))
    show_personal = request.user.has_perm("core.see_personal_data", organisation)
    audit.record_export(request.user, organisation, format_label=AUDIT_EXPORTS[fmt],
                        conditions=audit_filter.description(), masked=not show_personal)
    return downloads.response(
        fmt, f"audit-{organisation.slug}-{timezone.localdate():%Y%m%d}.{fmt}", audit.EXPORT_COLUMNS,
        audit.export_rows(audit_filter.qs, organisation, show_personal=show_personal),
        sheet_title=_("監査ログ"),
    )


# --- Platform admin ------------------------------------------------------------------------------

def _require_platform_admin(request):
    if not request.user.has_perm("core.manage_organisations"):
        raise PermissionDenied


@login_required
def platform_organisations(request):
    _require_platform_admin(request)
    return render(request, "core/platform/organisations.html", {
        "organisations": queries.organisation_counts().select_related("prefecture"),
    })


@login_required
def platform_organisation_edit(request, slug=None):
    _require_platform_admin(request)
    organisation = get_object_or_404(Organisation, slug=slug) if slug else None
    form = OrganisationForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        actions.save_organisation(request.user, form.instance)
        messages.success(request, _("団体「%(name)s」を保存しました。") % {"name": form.instance.name})
        return redirect("platform:organisations")
    return render(request, "core/platform/organisation_form.html", {
        "form": form, "organisation": organisation,
    })
