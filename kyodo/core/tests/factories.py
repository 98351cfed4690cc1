"""Test data builders for the foundation (factory_boy)."""

import factory
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from kyodo.core.models import Department, Organisation, Role, RoleAssignment, User
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


def grant(user, role, organisation=None, department=None):
    return RoleAssignment.objects.create(
        user=user, role=Role(role), organisation=organisation, department=department
    )


def enable_totp(user):
    """Give the user a TOTP authenticator, as if they had set one up; returns the secret."""
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret
