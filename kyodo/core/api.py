"""Read API of organisations and departments (public data only)."""

from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.pagination import paginate

from . import queries
from .api_inputs import Pagination
from .models import Organisation

router = Router(tags=["organisations"])


class OrganisationOut(Schema):
    name: str
    name_kana: str
    name_en: str
    slug: str
    kind: str
    kind_label: str
    local_government_code: str
    prefecture_code: str | None
    website: str
    url: str

    @staticmethod
    def resolve_kind_label(obj):
        return str(obj.get_kind_display())

    @staticmethod
    def resolve_prefecture_code(obj):
        return obj.prefecture.local_government_code if obj.prefecture else None

    @staticmethod
    def resolve_url(obj):
        return obj.get_absolute_url()


class DepartmentOut(Schema):
    id: int
    name: str
    full_name: str
    kind: str
    kind_label: str
    parent_id: int | None
    depth: int

    @staticmethod
    def resolve_kind_label(obj):
        return str(obj.get_kind_display())


@router.get("/organisations", response=list[OrganisationOut], summary="団体の一覧")
@paginate(Pagination, page_size=100)
def list_organisations(request):
    return Organisation.objects.select_related("prefecture").order_by("local_government_code")


@router.get("/organisations/{slug}", response=OrganisationOut, summary="団体")
def get_organisation(request, slug: str):
    return get_object_or_404(Organisation.objects.select_related("prefecture"), slug=slug)


@router.get(
    "/organisations/{slug}/departments", response=list[DepartmentOut], summary="団体の部署(階層順)"
)
@paginate(Pagination, page_size=100)
def list_departments(request, slug: str):
    organisation = get_object_or_404(Organisation, slug=slug)
    nodes = queries.flatten(queries.department_tree(organisation))
    for node in nodes:
        node.department.depth = node.depth
    return [node.department for node in nodes]
