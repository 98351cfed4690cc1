"""Pages of 市民活動インフォメーション: the public list of desks (with the area filter), a desk's
page, the yearly statistics and their downloads; the staff's consultation log and desk set-up.
Thin: parse, check, call, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kyodo.core import downloads
from kyodo.core.inputs import add_errors, FiscalYearField, query_value
from kyodo.core.japanese import fiscal_year
from kyodo.core.models import Organisation

from . import actions, queries
from .forms import AreaFilterForm, ConsultationForm, DeskForm, HoursFormSet, hours_initial
from .models import Consultation, Desk


def organisation_or_404(slug):
    return get_object_or_404(Organisation, slug=slug)


def year_param(request):
    return query_value(request.GET, "fiscal_year", FiscalYearField(),
                       default=fiscal_year(timezone.localdate()))


# --- Public ------------------------------------------------------------------------------------

def index(request, slug):
    organisation = organisation_or_404(slug)

    def listing():
        every = list(queries.desk_list(organisation))
        filters = AreaFilterForm(request.GET or None, municipalities=queries.area_choices(every))
        municipality = filters.value()
        desks = [d for d in every if _covers(d, municipality)] if municipality else every
        return {"desks": desks, "filters": filters, "municipality": municipality}

    # lazy: the list is the same for everyone, kept in a shared fragment
    return render(request, "desks/index.html", {"organisation": organisation,
                                                "listing": SimpleLazyObject(listing)})


def _covers(desk, municipality):
    return (municipality in desk.municipality_names or municipality in desk.area_name
            or any(o.name == municipality for o in desk.covered_organisations.all()))


def desk(request, slug, desk_id):
    organisation = organisation_or_404(slug)
    desk = get_object_or_404(queries.public_desks(organisation), pk=desk_id)
    return render(request, "desks/desk.html", {
        "organisation": organisation, "desk": desk,
        "can_keep_log": request.user.has_perm("desks.keep_log", desk),
    })


def statistics(request, slug):
    organisation = organisation_or_404(slug)
    year = year_param(request)
    return render(request, "desks/statistics.html", {
        "organisation": organisation, "stats": queries.statistics(organisation, year),
        "years": queries.years_with_consultations(organisation), "year": year,
    })


def statistics_download(request, slug, fmt):
    organisation = organisation_or_404(slug)
    if fmt not in ("csv", "xlsx", "json"):
        raise Http404
    year = year_param(request)
    columns, rows = queries.statistics_download(queries.statistics(organisation, year))
    return downloads.response(fmt, f"desks-consultations-{organisation.slug}-{year}.{fmt}", columns, rows,
                              sheet_title=str(year),
                              head={"organisation": organisation.name, "fiscal_year": year,
                                    "title": "市民活動インフォメーション 相談件数"})


DESK_COLUMNS = [downloads.Column(key, title) for key, title in [
    ("organisation", "団体"), ("local_government_code", "全国地方公共団体コード"), ("id", "ID"),
    ("name", "窓口の名称"), ("area", "担当地域"), ("municipalities", "管内の市町村"), ("place", "設置場所"),
    ("postal_code", "郵便番号"), ("address", "所在地"), ("hours", "開設時間"), ("phone", "電話番号"),
    ("fax", "FAX番号"), ("email", "メールアドレス"), ("services", "相談・サービスの内容"), ("url", "URL"),
]]


def desks_download(request, slug, fmt):
    """The public desks as open data (CSV/Excel/JSON): what their public pages show."""
    organisation = organisation_or_404(slug)
    if fmt not in ("csv", "xlsx", "json"):
        raise Http404
    rows = ({
        "organisation": organisation.name, "local_government_code": organisation.local_government_code,
        "id": d.pk, "name": d.name, "area": d.area_name, "municipalities": "、".join(d.municipality_names),
        "place": d.place, "postal_code": d.postal_code, "address": d.address,
        "hours": " / ".join(f"{h.weekdays_label} {h.opens:%H:%M}-{h.closes:%H:%M}{f'({h.note})' if h.note else ''}"
                            for h in d.hours.all()),
        "phone": d.phone, "fax": d.fax, "email": d.email, "services": "、".join(d.service_lines),
        "url": request.build_absolute_uri(d.get_absolute_url()),
    } for d in queries.public_desks(organisation))
    return downloads.response(fmt, f"desks-{organisation.slug}.{fmt}", DESK_COLUMNS, rows, sheet_title="desks",
                              head={"organisation": organisation.name, "title": "市民活動インフォメーション"})


# --- Staff -------------------------------------------------------------------------------------

def _staff_organisation(request, slug):
    organisation = organisation_or_404(slug)
    if not request.user.has_perm("desks.use_staff_screens", organisation):
        raise PermissionDenied(_("この画面は団体の職員だけが使えます。"))
    return organisation


@login_required
def staff(request, slug):
    """The desks of the organisation, marking those whose log the user keeps."""
    organisation = _staff_organisation(request, slug)
    desks = list(queries.staff_desks(organisation))
    for d in desks:
        d.kept = request.user.has_perm("desks.keep_log", d)
    return render(request, "desks/staff.html", {
        "organisation": organisation, "desks": desks,
        "can_manage": request.user.has_perm("desks.manage_desks", organisation),
    })


@login_required
def log(request, slug, desk_id):
    """A desk's consultation log: record a day's consultations, see and remove recent lines."""
    organisation = _staff_organisation(request, slug)
    desk = get_object_or_404(queries.staff_desks(organisation), pk=desk_id)
    if not request.user.has_perm("desks.keep_log", desk):
        raise PermissionDenied(actions.REFUSALS["desks.keep_log"])
    form = ConsultationForm(request.POST or None, initial={"date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            actions.record_consultation(request.user, desk, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("相談記録を追加しました。"))
            return redirect("desks:log", slug=slug, desk_id=desk.pk)
    year = fiscal_year(timezone.localdate())
    return render(request, "desks/log.html", {
        "organisation": organisation, "desk": desk, "form": form,
        "recent": queries.recent_consultations(desk),
        "stats": queries.statistics(organisation, year, desk=desk), "year": year,
    })


@login_required
@require_POST
def delete_line(request, slug, consultation_id):
    organisation = _staff_organisation(request, slug)
    line = get_object_or_404(Consultation.objects.select_related("desk__organisation"), pk=consultation_id,
                             desk__organisation=organisation)
    actions.delete_consultation(request.user, line)
    messages.success(request, _("相談記録を1行削除しました。"))
    return redirect("desks:log", slug=slug, desk_id=line.desk_id)


@login_required
def edit(request, slug, desk_id=None):
    """Set up a desk (new, or an existing one): its details, area and opening hours."""
    organisation = _staff_organisation(request, slug)
    if not request.user.has_perm("desks.manage_desks", organisation):
        raise PermissionDenied(actions.REFUSALS["desks.manage_desks"])
    desk = (get_object_or_404(Desk, pk=desk_id, organisation=organisation) if desk_id
            else Desk(organisation=organisation))
    form = DeskForm(request.POST or None, instance=desk, organisation=organisation)
    hours = HoursFormSet(request.POST or None, initial=hours_initial(desk), prefix="hours")
    if request.method == "POST" and form.is_valid() & hours.is_valid():
        lines = [line for line in (f.line() for f in hours.forms if f.has_changed()) if line]
        try:
            actions.save_desk(request.user, form.save(commit=False), lines,
                              covered=form.cleaned_data["covered_organisations"])
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("窓口の情報を保存しました。"))
            return redirect("desks:staff", slug=slug)
    return render(request, "desks/edit.html", {
        "organisation": organisation, "desk": desk, "form": form, "hours": hours,
    })
