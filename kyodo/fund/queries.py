"""Reads of the fund database. Every list runs a fixed number of queries whatever the number
of grants (aggregates in the database, pages of 50 rows). A withdrawn grant (取消) keeps its own
page but is in none of these: ``standing()`` is every grant that counts."""

from django.db.models import Count, Prefetch, Q, Sum

from .models import DonationYear, Donor, Fund, FundRound, Grant

PAGE_SIZE = 50

#: The grants that count (not withdrawn), as a filter on a relation to grants.
STANDING = Q(grants__withdrawn_at__isnull=True)


def standing():
    """Every recorded grant not withdrawn (取消)."""
    return Grant.objects.filter(withdrawn_at__isnull=True)


def funds_with_totals(organisation):
    """The organisation's funds with their grant count and total (one query)."""
    return list(Fund.objects.filter(organisation=organisation)
                .annotate(grant_count=Count("grants", filter=STANDING),
                          grant_total=Sum("grants__amount", filter=STANDING))
                .order_by("name"))


def fund_page(organisation, fund_id):
    """One fund with its rounds (and categories), donation years and the donors who consented
    to publication — four queries."""
    return (Fund.objects.filter(organisation=organisation)
            .prefetch_related(
                Prefetch("rounds", queryset=FundRound.objects.prefetch_related("categories")
                         .annotate(grant_count=Count("grants", filter=STANDING),
                                   grant_total=Sum("grants__amount", filter=STANDING))),
                Prefetch("donation_years", queryset=DonationYear.objects.prefetch_related(
                    Prefetch("donors", queryset=Donor.objects.filter(name_public=True),
                             to_attr="public_donors"))))
            .get(pk=fund_id))


def grants(organisation):
    return standing().filter(organisation=organisation)


def filter_grants(queryset, data):
    """Apply the grant database's cleaned filters (``GrantFilterForm.cleaned_data``)."""
    if data.get("fund"):
        queryset = queryset.filter(fund=data["fund"])
    if data.get("year"):
        queryset = queryset.filter(fiscal_year=data["year"])
    if data.get("field"):
        queryset = queryset.filter(field=data["field"])
    if data.get("area"):
        queryset = queryset.filter(area=data["area"])
    if data.get("amount_min") is not None:
        queryset = queryset.filter(amount__gte=data["amount_min"])
    if data.get("amount_max") is not None:
        queryset = queryset.filter(amount__lte=data["amount_max"])
    if data.get("q"):
        for word in data["q"].split()[:5]:
            queryset = queryset.filter(Q(group_name__icontains=word) | Q(title__icontains=word)
                                       | Q(summary__icontains=word))
    return queryset


def totals(queryset):
    """{"count", "amount"} of the filtered grants (one query)."""
    result = queryset.order_by().aggregate(count=Count("pk"), amount=Sum("amount"))
    return {"count": result["count"], "amount": result["amount"] or 0}


def totals_by_year(queryset):
    """[(年度, 件数, 金額)] newest first (one query)."""
    return [(row["fiscal_year"], row["n"], row["total"]) for row in
            queryset.order_by().values("fiscal_year").annotate(n=Count("pk"), total=Sum("amount"))
            .order_by("-fiscal_year")]


def totals_by_field(queryset):
    """[(field key, 件数, 金額)] by count (one query)."""
    return [(row["field"], row["n"], row["total"]) for row in
            queryset.order_by().values("field").annotate(n=Count("pk"), total=Sum("amount"))
            .order_by("-n", "field")]


def grant_years(organisation):
    return list(grants(organisation).order_by("-fiscal_year").values_list("fiscal_year", flat=True)
                .distinct())


def grant_areas(organisation):
    return list(grants(organisation).order_by("area").values_list("area", flat=True).distinct())


def grant_rows(queryset):
    """The grant database's rows for downloads (public fields only), read in batches."""
    fields = ("pk", "fund__name", "fiscal_year", "round__number", "category__name", "group_name",
              "title", "field", "area", "amount", "reported_on")
    return queryset.order_by("-fiscal_year", "group_name", "pk").values(*fields).iterator(chunk_size=2000)


def grants_of_partner(partner):
    return list(standing().filter(partner=partner).select_related("fund")
                .order_by("-fiscal_year", "title"))
