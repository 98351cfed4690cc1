"""The writes of the foundation. Each runs in one transaction and is audited (django-auditlog),
with the acting user recorded even outside a web request (management commands, the API)."""

import contextlib

from auditlog.context import auditlog_value, set_actor
from django.db import transaction

from .models import Role, RoleAssignment, User


@contextlib.contextmanager
def acting_as(actor):
    """Record ``actor`` on the audit entries written inside.

    Inside a request, auditlog's middleware has already set the actor and address; we keep the
    address and put the previous context back afterwards, so later writes of the same request
    are still attributed.
    """
    if actor is None or not actor.is_authenticated:
        yield
        return
    previous = auditlog_value.get(None)
    address = (previous or {}).get("remote_addr"), (previous or {}).get("remote_port")
    try:
        with set_actor(actor, *address):
            yield
    finally:
        if previous is not None:
            auditlog_value.set(previous)


def save_organisation(actor, organisation):
    with acting_as(actor), transaction.atomic():
        organisation.full_clean()
        organisation.save()
    return organisation


def save_department(actor, department):
    with acting_as(actor), transaction.atomic():
        department.full_clean()
        department.save()
    return department


def delete_department(actor, department):
    with acting_as(actor), transaction.atomic():
        department.delete()


def grant_role(actor, *, user, role, organisation=None, department=None):
    with acting_as(actor), transaction.atomic():
        assignment = RoleAssignment(
            user=user, role=Role(role), organisation=organisation, department=department
        )
        assignment.full_clean()
        assignment.save()
    return assignment


def revoke_role(actor, assignment):
    with acting_as(actor), transaction.atomic():
        assignment.delete()


def assign_role(actor, *, email, role, organisation, department=None, display_name=""):
    """Grant ``role`` to the person with ``email``, creating their account if they have none
    (without a password: they set one from the invitation mail). All or nothing.

    Returns (assignment, invited)."""
    email = email.strip().lower()
    with acting_as(actor), transaction.atomic():
        user = User.objects.filter(email__iexact=email).first()
        invited = user is None
        if invited:
            user = User(email=email, display_name=display_name)
            user.set_unusable_password()
            user.full_clean(exclude=["password"])
            user.save()
        assignment = grant_role(
            actor, user=user, role=role, organisation=organisation, department=department
        )
    return assignment, invited

