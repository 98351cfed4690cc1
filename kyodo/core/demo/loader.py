"""Loads the foundation's demo world; safe to run again (everything is keyed naturally)."""

from allauth.account.models import EmailAddress
from django.db import transaction

from ..models import Department, Organisation, Role, RoleAssignment, User
from . import world


def load_organisations():
    by_name = {}
    rows = list(world.organisation_rows())
    # Prefectures first, so municipalities can point at them.
    rows.sort(key=lambda r: r["kind"] != "prefecture")
    for row in rows:
        name = row["name"]
        kind = row["kind"]
        prefecture = None if kind == "prefecture" else by_name["北海道"]
        org, _ = Organisation.objects.update_or_create(
            local_government_code=row["local_government_code"],
            defaults={
                "name": name,
                "name_kana": row["name_kana"],
                "name_en": world.NAMES_EN.get(name, ""),
                "slug": world.SLUGS[name],
                "kind": kind,
                "prefecture": prefecture,
                "description": world.DESCRIPTIONS.get(name, ""),
                "address": world.ADDRESSES.get(name, ""),
            },
        )
        org.full_clean()
        by_name[name] = org
    return by_name


def load_departments(organisations):
    found = {}
    for org_name, entries in world.DEPARTMENTS.items():
        org = organisations[org_name]
        for order, (path, kind) in enumerate(entries):
            parent = found.get((org_name, path[:-1])) if len(path) > 1 else None
            dept, _ = Department.objects.update_or_create(
                organisation=org, parent=parent, name=path[-1],
                defaults={"kind": kind, "sort_order": (order + 1) * 10},
            )
            found[(org_name, path)] = dept
    return found


def load_users(organisations, departments):
    """The demo accounts, fully onboarded: their addresses count as verified and their roles
    as accepted (a real person gets there through the invitation mail)."""
    users = []
    for email, name, role, org_name, dept_path in world.DEMO_USERS:
        user, created = User.objects.get_or_create(email=email, defaults={"display_name": name})
        if created:
            user.set_password(world.DEMO_PASSWORD)
            user.save()
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True})
        if role:
            assignment, _ = RoleAssignment.objects.get_or_create(
                user=user, role=Role(role),
                organisation=organisations.get(org_name),
                department=departments.get((org_name, dept_path)) if dept_path else None,
            )
            if assignment.accepted_at is None:
                assignment.accepted_at = assignment.granted_at
                assignment.save(update_fields=["accepted_at"])
        users.append((email, Role(role).label if role else "登録市民"))
    return users


@transaction.atomic
def load():
    organisations = load_organisations()
    departments = load_departments(organisations)
    users = load_users(organisations, departments)
    return {"organisations": organisations, "departments": departments, "users": users}
