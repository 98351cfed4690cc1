"""Small helpers for modules' open-data declarations (``modules.register_dataset``): row counts
and update dates per organisation, one grouped query each."""

from django.db.models import Count, Max


def counts(queryset, organisation_field):
    """callable(organisation_ids) -> {organisation_id: rows} (one query)."""

    def rows(organisation_ids):
        qs = queryset() if callable(queryset) else queryset
        if organisation_ids is not None:
            qs = qs.filter(**{f"{organisation_field}__in": list(organisation_ids)})
        return dict(qs.order_by().values_list(organisation_field).annotate(n=Count("pk")))

    return rows


def latest(queryset, organisation_field, date_field):
    """callable(organisation_ids) -> {organisation_id: latest date or datetime} (one query)."""

    def updated(organisation_ids):
        qs = queryset() if callable(queryset) else queryset
        if organisation_ids is not None:
            qs = qs.filter(**{f"{organisation_field}__in": list(organisation_ids)})
        return {org: value for org, value in qs.order_by().values_list(organisation_field)
                .annotate(last=Max(date_field)) if value is not None}

    return updated
