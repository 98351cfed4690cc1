"""Test data builders for the foundation (factory_boy)."""

import factory
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from allauth.mfa.utils import is_mfa_enabled
from django.utils import timezone

from kyodo.core.models import (
    MFA_REQUIRED_ROLES, Department, Organisation, Role, RoleAssignment, User,
)
from kyodo.core.japanese import local_government_code_check_digit


def valid_code(n):
    body = f"{n:05d}"
    return body + str(local_government_code_check_digit(body))


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("local_government_code",)

    name = factory.Sequence(lambda n: f"テスト市{n}")
    name_kana = factory.Sequence(lambda n: f"てすとし{n}")
    slug = factory.Sequence(lambda n: f"test-city-{n}")
    kind = Organisation.Kind.CITY
    prefecture = factory.LazyFunction(lambda: PrefectureFactory())
    local_government_code = factory.Sequence(lambda n: valid_code(1300 + n))


class PrefectureFactory(OrganisationFactory):
    name = "北海道"
    name_kana = "ほっかいどう"
    slug = "hokkaido"
    kind = Organisation.Kind.PREFECTURE
    prefecture = None
    local_government_code = "010006"


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"第{n}課")
    kind = Department.Kind.DIVISION


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.jp")
    display_name = factory.Sequence(lambda n: f"利用者{n}")
    password = factory.PostGenerationMethodCall("set_password", "correct-horse-battery")

    @factory.post_generation
    def save_password(self, create, extracted, **kwargs):
        if create:
            self.save()

    @factory.post_generation
    def verified_email(self, create, extracted, **kwargs):
        """The address counts as proved (sign-in requires it); ``verified_email=False`` not."""
        if create and extracted is not False:
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)


def grant(user, role, organisation=None, department=None, *, totp=True, pending=False):
    """Grant a role. Staff and platform admins are fully onboarded — TOTP set up, as the site
    requires of them (``MFA_REQUIRED_ROLES``); ``totp=False`` leaves the second factor out.
    The grant is accepted, as after the invitation; ``pending=True`` leaves it unaccepted."""
    assignment = RoleAssignment.objects.create(
        user=user, role=Role(role), organisation=organisation, department=department,
        accepted_at=None if pending else timezone.now(),
    )
    if totp and role in MFA_REQUIRED_ROLES and not is_mfa_enabled(user, [Authenticator.Type.TOTP]):
        enable_totp(user)
    return assignment


def enable_totp(user):
    """Give the user a new TOTP authenticator, as if they had set one up; returns the secret."""
    Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).delete()
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret
