"""The writes of the foundation. Each runs in one transaction and is audited (django-auditlog),
with the acting user recorded even outside a web request (management commands, the API)."""

import contextlib

from auditlog.context import auditlog_value, set_actor
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import invitations
from .models import Invitation, Role, RoleAssignment, User
from .rules import forget_roles
from .tasks import send_mail_on_commit


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


def grant_role(actor, *, user, role, organisation=None, department=None, accepted=False):
    """Grant ``role``; it stays pending (gives nothing) until ``user`` accepts an invitation.
    ``accepted`` is for grants the operator loads (the demo), never for a staff screen."""
    with acting_as(actor), transaction.atomic():
        assignment = RoleAssignment(
            user=user, role=Role(role), organisation=organisation, department=department,
            accepted_at=timezone.now() if accepted else None,
        )
        assignment.full_clean()
        assignment.save()
    return assignment


def revoke_role(actor, assignment):
    with acting_as(actor), transaction.atomic():
        assignment.delete()


def account_for(email, display_name=""):
    """The account holding ``email``, created without a password if there is none (its holder
    sets one from the invitation). Returns (user, created)."""
    email = email.strip().lower()
    user = User.objects.filter(email__iexact=email).first()
    if user is not None:
        return user, False
    user = User(email=email, display_name=display_name)
    user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    return user, True


def assign_role(actor, *, email, role, organisation, department=None, display_name="",
                accepted=False):
    """Grant ``role`` to the person with ``email``, creating their account if they have none,
    and mail them the invitation that makes it effective. All or nothing. ``accepted`` (the
    demo's onboarded people) grants it effective and counts the address as verified.

    Returns (assignment, created) — ``created`` when the account is new."""
    with acting_as(actor), transaction.atomic():
        user, created = account_for(email, display_name)
        assignment = grant_role(
            actor, user=user, role=role, organisation=organisation, department=department,
            accepted=accepted,
        )
        if accepted:
            verify_address(user)
        else:
            invite(actor, user, organisation=organisation)
    return assignment, created


def verify_address(user):
    """Record the account's address as proved (allauth's verified address)."""
    from allauth.account.models import EmailAddress

    address = EmailAddress.objects.filter(user=user, email__iexact=user.email).first()
    if address is None:
        EmailAddress.objects.create(
            user=user, email=user.email, verified=True,
            primary=not EmailAddress.objects.filter(user=user, primary=True).exists(),
        )
    elif not address.verified:
        address.verified = True
        address.save(update_fields=["verified"])


# --- Invitations (招待): a grant counts once the holder of the address accepts --------------------

INVITATION_REFUSED = _(
    "この招待は、いまログインしているアカウントあてのものではありません。"
    "ログアウトしてから、招待メールを受け取ったメールアドレスでログインし直してください。"
)
INVITATION_CLOSED = _("この招待リンクは使用済みか有効期限が切れています。招待した団体に再送を依頼してください。")


def invite(actor, user, *, organisation=None):
    """Mail ``user`` a single-use link that makes their pending grants effective; the mail
    leaves through the task queue once the transaction commits. Returns the invitation.

    The link's host comes from the current request (allauth keeps it for every request)."""
    from allauth.utils import build_absolute_uri

    token, token_hash = invitations.new_token()
    now = timezone.now()
    with acting_as(actor), transaction.atomic():
        invitation = Invitation.objects.create(
            user=user, email=user.email, token_hash=token_hash, organisation=organisation,
            sent_by=actor if actor is not None and actor.is_authenticated else None,
            sent_at=now, expires_at=now + Invitation.VALID_FOR,
        )
        context = {
            "invitation": invitation,
            "link": build_absolute_uri(None, reverse("core:invitation", args=[token])),
            "grants": [invitations.describe(g) for g in invitations.pending_grants(user)],
            "needs_password": invitations.needs_password(user),
        }
        send_mail_on_commit(
            [user.email],
            render_to_string("core/mail/invitation_subject.txt", context).strip(),
            render_to_string("core/mail/invitation_body.txt", context),
        )
    return invitation


def resend_invitation(actor, user, *, organisation):
    """Send a fresh link; the links sent before stop working (only the newest mail counts)."""
    now = timezone.now()
    with acting_as(actor), transaction.atomic():
        for earlier in Invitation.objects.filter(user=user, used_at__isnull=True, expires_at__gt=now):
            earlier.expires_at = now
            earlier.save(update_fields=["expires_at"])
        return invite(actor, user, organisation=organisation)


def accept_invitation(user, invitation):
    """The holder of the address accepts: every pending grant of the account takes effect
    now, the link is used up and the address counts as verified. Returns the grants."""
    if invitation.user_id != user.pk:
        raise PermissionDenied(INVITATION_REFUSED)
    with acting_as(user), transaction.atomic():
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        now = timezone.now()
        if not invitation.is_open(now):
            raise ValidationError(INVITATION_CLOSED, code="closed")
        grants = invitations.pending_grants(user)
        for grant in grants:
            setattr(grant, grant.grant_accepted_field, now)
            grant.save(update_fields=[grant.grant_accepted_field])
        invitation.used_at = now
        invitation.save(update_fields=["used_at"])
        verify_address(user)
    forget_roles(user)
    return grants


def accept_invitation_with_password(invitation, password):
    """Accept for a person who is not signed in and must set the account's password (a new
    account, or one whose address nobody had proved: whoever opened it loses it, with any
    authenticator they set up)."""
    from allauth.mfa.models import Authenticator

    user = invitation.user
    with acting_as(user), transaction.atomic():
        user.set_password(password)
        user.save(update_fields=["password"])
        Authenticator.objects.filter(user=user).delete()
        return accept_invitation(user, invitation)
