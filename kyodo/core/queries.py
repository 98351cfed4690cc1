"""Reads shared by the foundation's pages, each a fixed number of queries."""

from dataclasses import dataclass, field

from django.db.models import Count, F, Window
from django.db.models.functions import Coalesce, RowNumber

from .models import AuditEntry, Department, Organisation, RoleAssignment, User


#: Municipalities the portal shows per prefecture. Organisation codes put the designated city
#: and the cities first, so these are the region's main municipalities; the directory
#: (portal:organisations) lists them all.
PORTAL_FEATURED = 11
ORGANISATION_CARD = ("name", "slug", "kind", "local_government_code", "prefecture_id")


@dataclass
class PortalRegion:
    prefecture: Organisation
    municipalities: list = field(default_factory=list)
    more: int = 0  # how many of its municipalities the portal does not show


def portal_regions(featured=PORTAL_FEATURED):
    """Prefectures, each with its first ``featured`` municipalities in code order and the
    number of the others (one query of at most ``featured + 1`` rows per prefecture)."""
    # A prefecture and its municipalities share a partition (the prefecture's id); its code
    # sorts first, so it is row 1 and its municipalities follow.
    region = Coalesce("prefecture_id", "pk")
    organisations = (
        Organisation.objects.only(*ORGANISATION_CARD)
        .annotate(rank=Window(RowNumber(), partition_by=region, order_by=F("local_government_code").asc()),
                  size=Window(Count("pk"), partition_by=region))
        .filter(rank__lte=featured + 1).order_by("local_government_code")
    )
    regions = {}
    for org in organisations:
        if org.kind == Organisation.Kind.PREFECTURE:
            regions[org.pk] = PortalRegion(org, more=max(org.size - 1 - featured, 0))
        elif org.prefecture_id in regions:
            regions[org.prefecture_id].municipalities.append(org)
    return list(regions.values())


@dataclass
class DepartmentNode:
    department: Department
    depth: int
    children: list = field(default_factory=list)

    @property
    def full_name(self):
        return self.department.full_name


def department_tree(organisation):
    """The organisation's departments as a tree of DepartmentNode (one query).

    Each department also gets ``full_name`` (環境生活部 生活文化・青少年室 生活振興課).
    """
    departments = list(organisation.departments.order_by("sort_order", "name"))
    by_id = {d.pk: d for d in departments}
    nodes = {}
    roots = []

    def node_for(dept):
        if dept.pk in nodes:
            return nodes[dept.pk]
        parent = by_id.get(dept.parent_id)
        parent_node = node_for(parent) if parent else None
        node = DepartmentNode(dept, parent_node.depth + 1 if parent_node else 0)
        dept.full_name = f"{parent.full_name} {dept.name}" if parent else dept.name
        nodes[dept.pk] = node
        (parent_node.children if parent_node else roots).append(node)
        return node

    for dept in departments:
        node_for(dept)
    return roots


def flatten(tree):
    """Depth-first list of the nodes of a department tree."""
    result = []
    for node in tree:
        result.append(node)
        result.extend(flatten(node.children))
    return result


def role_assignments_of(organisation):
    return (
        RoleAssignment.objects.filter(organisation=organisation)
        .select_related("user", "department")
        .order_by("role", "department__sort_order", "user__email")
    )


def audit_entries(organisation=None):
    """The audit log, newest first, with what ``kyodo.core.audit.readable`` needs selected."""
    qs = AuditEntry.objects.select_related("actor", "content_type").order_by("-timestamp", "-id")
    if organisation is not None:
        qs = qs.filter(organisation=organisation)
    return qs


def audit_people(organisation):
    """The people who hold a role in the organisation (the audit log's choice of actors)."""
    return User.objects.filter(role_assignments__organisation=organisation).distinct().order_by(
        "display_name", "email").only("display_name", "email")


def organisation_counts():
    return Organisation.objects.annotate(department_count=Count("departments"))
