"""Verified e-mail before any grant (issue 13 item 1): the reads behind the invitations.

A role, a partner membership or a council member's account link is saved *pending*: it gives
nothing until the holder of the account's address opens the single-use link mailed to it after
the grant (``actions.invite``, ``actions.accept_invitation``). So someone who signs up first with
a new colleague's predictable address receives nothing, and every permission check everywhere
sees only accepted grants (``rules.role_assignments`` and the modules' own membership reads).

Grant models take part by inheriting ``models.InvitedGrant``; this module finds them all, so
accepting one invitation makes every pending grant of the account effective — whichever module
made it.
"""

import hashlib
import secrets

from django.apps import apps

from .models import Invitation, InvitedGrant


def grant_models():
    """Every model whose rows are grants that wait for an invitation to be accepted."""
    return [model for model in apps.get_models() if issubclass(model, InvitedGrant)]


def pending_grants(user, organisation=None):
    """The account's grants not yet accepted, optionally only those in ``organisation``."""
    found = []
    for model in grant_models():
        filters = {model.grant_user_field: user, f"{model.grant_accepted_field}__isnull": True}
        if organisation is not None:
            filters[model.grant_organisation_path] = organisation
        found.extend(model.objects.filter(**filters))
    return found


def describe(grant):
    """What a grant gives, in a sentence fragment for the mail and the acceptance page."""
    describe_grant = getattr(grant, "describe_grant", None)
    return describe_grant() if describe_grant else str(grant)


def new_token():
    """A fresh link token and the hash that is stored in its place."""
    token = secrets.token_urlsafe(32)
    return token, token_hash(token)


def token_hash(token):
    return hashlib.sha256(token.encode()).hexdigest()


def find(token):
    """The invitation a link's token belongs to, or None."""
    if not token or len(token) > 100:
        return None
    return (Invitation.objects.select_related("user", "organisation")
            .filter(token_hash=token_hash(token)).first())


def address_verified(user):
    """Has the holder of the account's address proved it (allauth's verified address)?"""
    from allauth.account.models import EmailAddress

    return EmailAddress.objects.filter(user=user, email__iexact=user.email, verified=True).exists()


def needs_password(user):
    """Must the invited person set the account's password to accept? A new account has none;
    an account whose address nobody has proved may have been opened by someone else, so the
    holder of the address, who proves it now, takes it over."""
    return not user.has_usable_password() or not address_verified(user)
