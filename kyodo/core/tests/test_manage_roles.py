"""An organisation admin grants and revokes roles."""

import pytest
from django.core import mail
from django.urls import reverse

from kyodo.core.models import RoleAssignment, User

from .factories import DepartmentFactory, UserFactory, grant

URL = reverse("manage:roles", args=["sapporo"])


def test_admin_grants_staff_role_to_an_existing_user(admin_client, sapporo, sapporo_department,
                                                     django_capture_on_commit_callbacks):
    staff = UserFactory(email="koho@sapporo.example.jp")
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(URL, {
            "email": "KOHO@sapporo.example.jp", "role": "reception_desk",
            "department": sapporo_department.pk,
        })
    assert response.status_code == 302
    assignment = RoleAssignment.objects.get(user=staff)
    assert (assignment.role, assignment.organisation, assignment.department) == (
        "reception_desk", sapporo, sapporo_department)
    # Known or not, the person accepts through the invitation before the role counts.
    assert assignment.accepted_at is None
    assert [m.to for m in mail.outbox] == [["koho@sapporo.example.jp"]]
    page = admin_client.get(URL).content.decode()
    assert "koho@sapporo.example.jp" in page and "招待中(未承認)" in page
    assert "本人が招待を承認すると有効になります" in page


def test_a_new_person_is_invited_by_mail(admin_client, sapporo, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(URL, {"email": "new.member@example.jp",
                                           "role": "council_member", "display_name": "新委員"})
    assert response.status_code == 302
    user = User.objects.get(email="new.member@example.jp")
    assert not user.has_usable_password()
    assert user.role_assignments.get().role == "council_member"
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["new.member@example.jp"]
    body = mail.outbox[0].body
    assert "札幌市の市民会議委員" in body and "/invitations/" in body and "パスワードを設定" in body


def test_an_accepted_role_shows_as_effective(admin_client, sapporo):
    grant(UserFactory(email="kansa@example.jp"), "reviewer", sapporo)
    page = admin_client.get(URL).content.decode()
    assert "kansa@example.jp" in page and "招待中(未承認)" not in page


def test_unknown_role_is_refused(admin_client):
    response = admin_client.post(URL, {"email": "x@example.jp", "role": "mayor"})
    assert response.status_code == 200
    assert "一覧にない役割" in response.context["form"].errors["role"][0]
    assert not User.objects.filter(email="x@example.jp").exists()


def test_org_admin_cannot_grant_platform_admin(admin_client):
    response = admin_client.post(URL, {"email": "x@example.jp", "role": "platform_admin"})
    assert response.context["form"].errors["role"]
    assert not RoleAssignment.objects.filter(role="platform_admin").exists()


def test_department_roles_need_a_department(admin_client):
    response = admin_client.post(URL, {"email": "x@example.jp", "role": "department_staff"})
    assert response.context["form"].errors["department"] == ["この役割には部署の指定が必要です。"]
    assert not User.objects.filter(email="x@example.jp").exists()


def test_department_of_another_organisation_is_refused(admin_client, hokkaido_department):
    response = admin_client.post(URL, {"email": "x@example.jp", "role": "department_staff",
                                       "department": hokkaido_department.pk})
    assert response.context["form"].errors["department"]
    assert not RoleAssignment.objects.filter(department=hokkaido_department).exists()


def test_the_same_role_twice_is_refused_and_nothing_is_half_saved(admin_client, sapporo):
    user = UserFactory(email="twice@example.jp")
    grant(user, "reviewer", sapporo)
    response = admin_client.post(URL, {"email": "twice@example.jp", "role": "reviewer"})
    assert response.status_code == 200
    assert "すでに同じ役割" in str(response.context["form"].errors)
    assert RoleAssignment.objects.filter(user=user).count() == 1


def test_admin_revokes_a_role(admin_client, sapporo):
    assignment = grant(UserFactory(), "reviewer", sapporo)
    url = reverse("manage:role_revoke", args=["sapporo", assignment.pk])
    assert admin_client.get(url).status_code == 405
    assert admin_client.post(url).status_code == 302
    assert not RoleAssignment.objects.filter(pk=assignment.pk).exists()


def test_roles_of_another_organisation_cannot_be_revoked(admin_client, hokkaido):
    assignment = grant(UserFactory(), "reviewer", hokkaido)
    url = reverse("manage:role_revoke", args=["sapporo", assignment.pk])
    assert admin_client.post(url).status_code == 404
    assert RoleAssignment.objects.filter(pk=assignment.pk).exists()


@pytest.mark.parametrize("count", [3, 40])
def test_roles_page_query_count_is_constant(admin_client, sapporo, count,
                                            django_assert_max_num_queries):
    for _ in range(count):
        grant(UserFactory(), "department_staff", sapporo, DepartmentFactory(organisation=sapporo))
    with django_assert_max_num_queries(12):
        assert admin_client.get(URL).status_code == 200
