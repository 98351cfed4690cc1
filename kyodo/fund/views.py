"""Pages of the fund database: the public pages (funds, the searchable grant database, a grant,
downloads) and the staff screens under manage/ (coordinator and organisation admin)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _

from kyodo.collaboration.vocabularies import FIELD_SHORT
from kyodo.core import downloads
from kyodo.core.inputs import add_errors, page_number
from kyodo.core.models import Organisation

from . import actions, exports, queries
from .forms import (
    CategoryForm, DonationYearForm, DonorForm, FundForm, GrantFilterForm, GrantForm,
    GrantImportForm, RoundForm, WithdrawalForm,
)
from .models import DonationYear, Donor, Fund, FundRound, Grant


def _organisation(slug):
    return get_object_or_404(Organisation, slug=slug)


def _query_string(request):
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


# --- Public pages -------------------------------------------------------------------------------

def index(request, slug):
    organisation = _organisation(slug)
    funds = queries.funds_with_totals(organisation)
    return render(request, "fund/index.html", {
        "organisation": organisation, "funds": funds,
        "can_manage": request.user.has_perm("fund.manage", organisation),
    })


def fund_detail(request, slug, fund_id):
    organisation = _organisation(slug)
    try:
        fund = queries.fund_page(organisation, fund_id)
    except Fund.DoesNotExist:
        raise Http404 from None
    by_year = queries.totals_by_year(queries.grants(organisation).filter(fund=fund))
    return render(request, "fund/fund_detail.html", {
        "organisation": organisation, "fund": fund, "by_year": by_year,
        "grant_total": sum(row[2] for row in by_year), "grant_count": sum(row[1] for row in by_year),
    })


def _grant_filters(request, organisation):
    funds = list(Fund.objects.filter(organisation=organisation).only("pk", "name").order_by("name"))
    form = GrantFilterForm(request.GET or None, years=queries.grant_years(organisation),
                           areas=queries.grant_areas(organisation), funds=funds)
    return form, queries.filter_grants(queries.grants(organisation), form.value())


def grant_list(request, slug):
    """The public grant database: filters, totals of what they select, a page of 50 grants."""
    organisation = _organisation(slug)
    number = page_number(request.GET)

    def listing():
        form, selected = _grant_filters(request, organisation)
        paginator = Paginator(selected.only("pk", "fiscal_year", "group_name", "title", "field", "area", "amount")
                              .order_by("-fiscal_year", "group_name", "pk"), queries.PAGE_SIZE)
        totals = queries.totals(selected)
        paginator.count = totals["count"]  # the aggregate already counted them
        page = paginator.get_page(number)
        for grant in page.object_list:
            grant.field_label = FIELD_SHORT.get(grant.field, grant.field)
        by_field = [(FIELD_SHORT.get(key, key), n, amount) for key, n, amount in queries.totals_by_field(selected)]
        return {"form": form, "page": page, "totals": totals, "by_year": queries.totals_by_year(selected),
                "by_field": by_field}

    template = "fund/grant_list.html#results" if request.htmx else "fund/grant_list.html"
    # lazy: the filters and the results are the same for everyone, kept in shared fragments
    return render(request, template, {"organisation": organisation, "listing": SimpleLazyObject(listing),
                                      "query": _query_string(request)})


def grant_detail(request, slug, grant_id):
    organisation = _organisation(slug)
    grant = get_object_or_404(Grant.objects.select_related("fund", "round", "category", "partner"),
                              pk=grant_id, organisation=organisation)
    return render(request, "fund/grant_detail.html", {
        "organisation": organisation, "grant": grant,
        "field_label": FIELD_SHORT.get(grant.field, grant.field),
        "partner_public": grant.partner is not None and grant.partner.verified_at is not None,
        "can_manage": request.user.has_perm("fund.manage", grant) and grant.withdrawn_at is None,
    })


def grant_download(request, slug, fmt):
    organisation = _organisation(slug)
    if fmt not in downloads.CONTENT_TYPES:
        raise Http404
    _form, selected = _grant_filters(request, organisation)
    return exports.grants_response(organisation, selected, fmt)


# --- Staff screens ------------------------------------------------------------------------------

def _require(request, obj):
    if not request.user.has_perm("fund.manage", obj):
        raise PermissionDenied


def _fund_for_staff(request, slug, fund_id):
    organisation = _organisation(slug)
    fund = get_object_or_404(Fund, pk=fund_id, organisation=organisation)
    _require(request, fund)
    return organisation, fund


@login_required
def manage(request, slug):
    organisation = _organisation(slug)
    _require(request, organisation)
    funds = queries.funds_with_totals(organisation)
    rounds = (FundRound.objects.filter(fund__organisation=organisation)
              .prefetch_related("categories").order_by("fund_id", "-fiscal_year", "number"))
    by_fund = {}
    for round_ in rounds:
        by_fund.setdefault(round_.fund_id, []).append(round_)
    for fund in funds:
        fund.round_list = by_fund.get(fund.pk, [])
    return render(request, "fund/manage/home.html", {"organisation": organisation, "funds": funds})


@login_required
def fund_edit(request, slug, fund_id=None):
    organisation = _organisation(slug)
    fund = get_object_or_404(Fund, pk=fund_id, organisation=organisation) if fund_id else Fund(
        organisation=organisation)
    _require(request, fund if fund_id else organisation)
    form = FundForm(request.POST or None, instance=fund)
    if request.method == "POST" and form.is_valid():
        try:
            actions.save_fund(request.user, form.save(commit=False))
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("ファンドを保存しました。"))
            return redirect("fund:manage", slug)
    return render(request, "fund/manage/form.html", {
        "organisation": organisation, "form": form,
        "heading": _("ファンドの編集") if fund_id else _("ファンドの登録"),
    })


@login_required
def round_new(request, slug, fund_id):
    organisation, fund = _fund_for_staff(request, slug, fund_id)
    form = RoundForm(request.POST or None, instance=FundRound(fund=fund))
    if request.method == "POST" and form.is_valid():
        try:
            round_ = actions.save_round(request.user, form.save(commit=False))
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("募集回を登録しました。区分と上限額を登録してください。"))
            return redirect("fund:round_edit", slug, round_.pk)
    return render(request, "fund/manage/form.html", {
        "organisation": organisation, "form": form, "heading": _("募集回の登録"), "fund": fund,
    })


@login_required
def round_edit(request, slug, round_id):
    organisation = _organisation(slug)
    round_ = get_object_or_404(FundRound.objects.select_related("fund"), pk=round_id,
                               fund__organisation=organisation)
    _require(request, round_.fund)
    adding = request.method == "POST" and "add_category" in request.POST
    form = RoundForm(request.POST if request.method == "POST" and not adding else None, instance=round_)
    category_form = CategoryForm(request.POST if adding else None,
                                 instance=round_.categories.model(round=round_), prefix="category")
    if request.method == "POST":
        target = category_form if adding else form
        if target.is_valid():
            try:
                if adding:
                    actions.save_category(request.user, category_form.save(commit=False))
                else:
                    actions.save_round(request.user, form.save(commit=False))
            except ValidationError as error:
                add_errors(target, error)
            else:
                messages.success(request, _("区分を追加しました。") if adding else _("募集回を保存しました。"))
                return redirect("fund:round_edit", slug, round_.pk)
    return render(request, "fund/manage/round.html", {
        "organisation": organisation, "round": round_, "fund": round_.fund, "form": form,
        "category_form": category_form, "categories": list(round_.categories.all()),
    })


@login_required
def grant_edit(request, slug, fund_id=None, grant_id=None):
    organisation = _organisation(slug)
    if grant_id:
        grant = get_object_or_404(Grant.objects.select_related("fund"), pk=grant_id,
                                  organisation=organisation)
        fund = grant.fund
    else:
        fund = get_object_or_404(Fund, pk=fund_id, organisation=organisation)
        grant = Grant(fund=fund, organisation=organisation)
    _require(request, fund)
    if grant_id and grant.withdrawn_at is not None:
        raise PermissionDenied(_("取り消した助成は訂正できません。"))
    withdrawing = grant_id and request.POST.get("step") == "withdraw"
    form = GrantForm(request.POST if request.method == "POST" and not withdrawing else None,
                     instance=grant, fund=fund)
    withdraw_form = WithdrawalForm(request.POST if withdrawing else None) if grant_id else None
    if withdrawing and withdraw_form.is_valid():
        try:
            actions.withdraw_grant(request.user, grant, reason=withdraw_form.cleaned_data["reason"])
        except ValidationError as error:
            add_errors(withdraw_form, error)
        else:
            messages.success(request, _("助成「%(title)s」を取り消しました。助成のページに取消の日付と理由を表示し、"
                                        "一覧・集計・ダウンロードからは外しました。") % {"title": grant.title})
            return redirect("fund:grant", slug, grant.pk)
    if form.is_bound and form.is_valid():
        try:
            if grant_id:
                grant = actions.update_grant(request.user, form.save(commit=False),
                                             reason=form.cleaned_data["correction_reason"])
            else:
                grant = actions.save_grant(request.user, form.save(commit=False))
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("助成「%(title)s」を保存しました。") % {"title": grant.title})
            return redirect("fund:grant", slug, grant.pk)
    return render(request, "fund/manage/form.html", {
        "organisation": organisation, "form": form, "fund": fund, "withdraw_form": withdraw_form,
        "heading": _("助成の訂正・取消") if grant_id else _("助成の登録"),
    }, status=400 if request.method == "POST" else 200)


@login_required
def donations(request, slug, fund_id):
    """寄附の受入れ: the totals of a 年度 (a year entered again replaces its totals) and the
    named donors, whose names are public only with their consent."""
    organisation, fund = _fund_for_staff(request, slug, fund_id)
    years = list(DonationYear.objects.filter(fund=fund).prefetch_related("donors"))
    action = request.POST.get("action") if request.method == "POST" else None
    year_form = DonationYearForm(request.POST if action == "year" else None, prefix="year")
    donor_form = DonorForm(request.POST if action == "donor" else None, prefix="donor")
    if action == "year" and year_form.is_valid():
        existing = next((y for y in years if y.fiscal_year == year_form.cleaned_data["fiscal_year"]), None)
        donation_year = existing or DonationYear(fund=fund)
        for name in ("fiscal_year", "count", "amount"):
            setattr(donation_year, name, year_form.cleaned_data[name])
        try:
            actions.save_donation_year(request.user, donation_year)
        except ValidationError as error:
            add_errors(year_form, error)
        else:
            messages.success(request, _("寄附の受入れを保存しました。"))
            return redirect("fund:donations", slug, fund.pk)
    elif action == "donor":
        year = next((y for y in years if str(y.pk) == request.POST.get("donation_year")), None)
        if year is None:
            donor_form.is_valid()
            donor_form.add_error(None, _("寄附者を登録する年度を選んでください。"))
        elif donor_form.is_valid():
            donor = donor_form.save(commit=False)
            donor.donation_year = year
            try:
                actions.add_donor(request.user, donor)
            except ValidationError as error:
                add_errors(donor_form, error)
            else:
                messages.success(request, _("寄附者を登録しました。"))
                return redirect("fund:donations", slug, fund.pk)
    elif action == "remove_donor":
        donor = next((d for y in years for d in y.donors.all()
                      if str(d.pk) == request.POST.get("donor")), None)
        if donor is None:
            raise Http404
        actions.delete_donor(request.user, donor)
        messages.success(request, _("寄附者を削除しました。"))
        return redirect("fund:donations", slug, fund.pk)
    return render(request, "fund/manage/donations.html", {
        "organisation": organisation, "fund": fund, "years": years, "year_form": year_form,
        "donor_form": donor_form,
    }, status=400 if request.method == "POST" else 200)


@login_required
def import_grants(request, slug, fund_id):
    """Grants from an Excel file (the download's columns): all rows or none."""
    from . import imports

    organisation, fund = _fund_for_staff(request, slug, fund_id)
    form = GrantImportForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        rows, errors = imports.read_grants(fund, form.cleaned_data["file"])
        if not errors:
            try:
                created = actions.import_grants(request.user, fund, rows)
            except ValidationError as error:
                errors = error.messages
            else:
                messages.success(request, _("%(n)s件の助成を取り込みました。") % {"n": len(created)})
                return redirect(reverse("fund:grants", args=[slug]) + f"?fund={fund.pk}")
    return render(request, "fund/manage/import.html", {
        "organisation": organisation, "fund": fund, "form": form, "errors": errors,
    }, status=400 if errors else 200)


__all__ = ["Donor"]
