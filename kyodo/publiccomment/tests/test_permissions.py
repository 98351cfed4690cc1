"""Who may do what with 意見公募, for every role, in its own organisation and another: the owning
department's staff, the coordinator and the admin manage a call; other departments, the
reception desk, council members, reviewers and citizens do not; only the owning department
and the coordinator see commenters' names and contacts."""

import pytest
from django.urls import reverse

from kyodo.core.tests.factories import DepartmentFactory, UserFactory, grant
from kyodo.publiccomment.models import Call

from .conftest import add_comments, make_call

ROLES = {
    # role: (department needed, manages the call, sees commenters, uses the staff screens)
    "owning_staff": ("office", True, True, True),
    "coordinator": ("other", True, True, True),
    "org_admin": (None, True, False, True),
    "other_department_staff": ("other", False, False, True),
    "reception_desk": ("other", False, False, True),
    "council_member": (None, False, False, False),
    "reviewer": (None, False, False, False),
    "citizen": (None, False, False, False),
}


@pytest.fixture
def actors(sapporo, office, hokkaido):
    other = DepartmentFactory(organisation=sapporo, name="広報課")
    found = {}
    for key, (department, *_rest) in ROLES.items():
        user = UserFactory(email=f"{key}@example.jp")
        role = {"owning_staff": "department_staff", "other_department_staff": "department_staff"}.get(key, key)
        if role != "citizen":
            grant(user, role, sapporo, {"office": office, "other": other, None: None}[department])
        found[key] = user
    elsewhere = UserFactory(email="elsewhere@example.jp")
    grant(elsewhere, "coordinator", hokkaido, DepartmentFactory(organisation=hokkaido, name="生活振興課"))
    found["other_organisation_coordinator"] = elsewhere
    return found


@pytest.mark.parametrize("key", [*ROLES, "other_organisation_coordinator"])
def test_each_role(key, actors, sapporo, office):
    user = actors[key]
    call = make_call(sapporo, office)
    _department, manages, sees, staff = ROLES.get(key, (None, False, False, False))
    assert user.has_perm("publiccomment.manage_call", call) is manages
    assert user.has_perm("publiccomment.see_commenters", call) is sees
    assert user.has_perm("publiccomment.use_staff_screens", sapporo) is staff


@pytest.mark.parametrize("key", [*ROLES, "other_organisation_coordinator"])
def test_the_staff_screens_of_a_call_open_only_for_those_who_manage_it(key, actors, client, sapporo, office):
    call = make_call(sapporo, office)
    comment = add_comments(call, 1)[0]
    client.force_login(actors[key])
    _department, manages, sees, _staff = ROLES.get(key, (None, False, False, False))
    for name, args in [("manage_call", [call.pk]), ("comments", [call.pk]), ("comment", [call.pk, comment.pk]),
                       ("proxy_entry", [call.pk])]:
        response = client.get(reverse(f"publiccomment:{name}", args=[sapporo.slug, *args]))
        assert response.status_code == (200 if manages else 403), (name, response.status_code)
    if manages:
        page = client.get(reverse("publiccomment:comment", args=[sapporo.slug, call.pk, comment.pk])).content.decode()
        assert (comment.name in page) is sees
        assert (comment.email in page) is sees


def test_a_department_creates_calls_only_for_itself(actors, client, sapporo, office):
    client.force_login(actors["other_department_staff"])
    form = client.get(reverse("publiccomment:call_new", args=[sapporo.slug])).context["form"]
    assert list(form.fields["department"].queryset) != [] and office not in form.fields["department"].queryset


def test_a_draft_is_not_public(client, sapporo, office, actors):
    call = make_call(sapporo, office, status=Call.Status.DRAFT)
    assert client.get(reverse("publiccomment:call", args=[sapporo.slug, call.pk])).status_code == 404
    client.force_login(actors["owning_staff"])
    assert client.get(reverse("publiccomment:manage_call", args=[sapporo.slug, call.pk])).status_code == 200


def test_anonymous_visitors_are_sent_to_log_in(client, sapporo, office):
    call = make_call(sapporo, office)
    response = client.get(reverse("publiccomment:manage_call", args=[sapporo.slug, call.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
