"""The writes of the foundation. Each runs in one transaction and is audited (django-auditlog),
with the acting user recorded even outside a web request (management commands, the API)."""

import contextlib

from auditlog.context import auditlog_value, set_actor
from django.db import transaction

from .models import Role, RoleAssignment, User


@contextlib.contextmanager
def acting_as(actor):
    """Record ``actor`` on audit entries written inside, unless a request already does."""
    try:
        current = auditlog_value.get()
    except LookupError:
        current = None
    if actor is None or (current and current.get("actor") is not None):
        yield
        return
    with set_actor(actor):
        yield


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


def find_or_invite_user(actor, email, display_name=""):
    """The user with this e-mail, or a new account without a password (they set one by mail)."""
    email = email.strip().lower()
    user = User.objects.filter(email__iexact=email).first()
    if user:
        return user, False
    with acting_as(actor), transaction.atomic():
        user = User(email=email, display_name=display_name)
        user.set_unusable_password()
        user.full_clean(exclude=["password"])
        user.save()
    return user, True

