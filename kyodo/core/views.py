"""Pages of the foundation: the regional portal, organisation homes, my page, and the
organisation admin's and platform admin's screens. Views stay thin: parse, check, call, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from . import actions, modules, queries
from .forms import (
    AuditFilter,
    DepartmentForm,
    OrganisationForm,
    OrganisationProfileForm,
    RoleGrantForm,
)
from .models import Organisation, RoleAssignment
from .rules import forget_roles, role_assignments


def portal(request):
    return render(request, "core/portal.html", {"regions": queries.portal_regions()})


def organisation_home(request, slug):
    organisation = get_object_or_404(Organisation.objects.select_related("prefecture"), slug=slug)
    tree = queries.department_tree(organisation)
    return render(request, "core/organisation.html", {
        "organisation": organisation,
        "departments": queries.flatten(tree),
        "organisation_modules": modules.public_links(organisation),
    })


@login_required
def mypage(request):
    from allauth.mfa.utils import is_mfa_enabled

    assignments = role_assignments(request.user)
    return render(request, "core/mypage.html", {
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
            assignment, invited = actions.assign_role(
                request.user, email=data["email"], display_name=data["display_name"],
                role=data["role"], organisation=organisation, department=data["department"],
            )
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            if invited:
                send_invitation(request, assignment.user)
            messages.success(request, _("%(user)s に役割を付与しました。") % {"user": assignment.user})
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


def send_invitation(request, user):
    """Send the new user allauth's password-setting mail (the invitation; also used by 協働
    when a partner member is added)."""
    from allauth.account.forms import ResetPasswordForm

    form = ResetPasswordForm(data={"email": user.email})
    if form.is_valid():
        form.save(request)


@login_required
def manage_audit(request, slug):
    organisation = _organisation_for(request, slug, "core.view_audit_log")
    audit_filter = AuditFilter(request.GET or None, queryset=queries.audit_entries(organisation))
    page = Paginator(audit_filter.qs, 50).get_page(request.GET.get("page"))
    queries.describe_audit_entries(page.object_list)
    query = request.GET.copy()
    query.pop("page", None)
    template = "core/manage/audit.html#results" if request.htmx else "core/manage/audit.html"
    return render(request, template, {
        "organisation": organisation, "filter": audit_filter, "page": page,
        "query": query.urlencode(),
    })


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
