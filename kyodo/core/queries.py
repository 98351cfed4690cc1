"""Reads shared by the foundation's pages, each a fixed number of queries."""

from dataclasses import dataclass, field

from django.db.models import Count

from .models import AuditEntry, Department, Organisation, RoleAssignment, User


@dataclass
class PortalRegion:
    prefecture: Organisation
    municipalities: list = field(default_factory=list)


def portal_regions():
    """Prefectures, each with its municipalities in code order (one query)."""
    organisations = list(Organisation.objects.order_by("local_government_code"))
    regions = {o.pk: PortalRegion(o) for o in organisations if o.kind == Organisation.Kind.PREFECTURE}
    for org in organisations:
        if org.prefecture_id in regions:
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
