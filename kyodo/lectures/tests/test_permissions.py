"""Who may do what in 出前講座, role by role, and the object-level cases: every write is checked
on the object as it is and as it will be, so posting another department's or another
organisation's id (in the form or the URL) is refused and nothing changes."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kyodo.core.tests.factories import DepartmentFactory, OrganisationFactory, UserFactory, grant
from kyodo.lectures import actions
from kyodo.lectures.models import Request, Theme

pytestmark = pytest.mark.django_db


@pytest.fixture
def finance(sapporo):
    """Another department of 札幌市, with its own staff member."""
    return DepartmentFactory(organisation=sapporo, name="財政課")


@pytest.fixture
def finance_staff(sapporo, finance):
    user = UserFactory(email="zaisei@sapporo.example.jp")
    grant(user, "department_staff", sapporo, finance)
    return user


@pytest.fixture
def otaru_department(hokkaido):
    otaru = OrganisationFactory(name="小樽市", slug="otaru", local_government_code="012033", prefecture=hokkaido)
    return DepartmentFactory(organisation=otaru, name="広報広聴課")


def theme_form(theme, **changes):
    form = {"fiscal_year": "2026", "number": str(theme.number), "title": theme.title, "summary": theme.summary,
            "department": theme.department_id, "duration_minutes": "90", "category": "city", "active": "on"}
    form.update(changes)
    return form


def unchanged(theme):
    stored = Theme.objects.get(pk=theme.pk)
    return stored.department_id == theme.department_id and stored.title == theme.title


# --- Role by role -------------------------------------------------------------------------------

@pytest.mark.parametrize("who, inbox, request_page, theme_page, rules_page", [
    ("anonymous", 302, 302, 302, 302),
    ("citizen", 403, 403, 403, 403),
    ("finance_staff", 200, 403, 403, 403),
    ("office_staff", 200, 200, 200, 403),
    ("reception", 200, 200, 200, 403),
    ("sapporo_admin", 200, 200, 200, 200),
])
def test_staff_screens_role_by_role(client, request, sapporo, theme, request_data, who, inbox, request_page,
                                    theme_page, rules_page):
    lecture_request = actions.submit_request(sapporo, theme, request_data)[0]
    if who == "citizen":
        client.force_login(UserFactory())
    elif who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    assert client.get("/org/sapporo/lectures/manage/").status_code == inbox
    assert client.get(f"/org/sapporo/lectures/manage/requests/{lecture_request.pk}/").status_code == request_page
    assert client.get(f"/org/sapporo/lectures/manage/themes/{theme.pk}/").status_code == theme_page
    assert client.get("/org/sapporo/lectures/manage/rules/").status_code == rules_page


# --- Themes: the department as it is and as it will be -----------------------------------------------

def test_the_theme_form_offers_only_the_staff_members_own_departments(client, theme, office_staff, finance):
    client.force_login(office_staff)
    choices = client.get(f"/org/sapporo/lectures/manage/themes/{theme.pk}/").context["form"].fields["department"].queryset
    assert list(choices) == [theme.department]


def test_staff_cannot_move_their_theme_into_another_department(client, theme, office_staff, finance):
    client.force_login(office_staff)
    response = client.post(f"/org/sapporo/lectures/manage/themes/{theme.pk}/", theme_form(theme, department=finance.pk))
    assert response.status_code == 400 and "department" in response.context["form"].errors
    assert unchanged(theme)


def test_staff_cannot_take_another_departments_theme_by_its_url(client, theme, finance_staff, finance):
    client.force_login(finance_staff)
    response = client.post(f"/org/sapporo/lectures/manage/themes/{theme.pk}/",
                           theme_form(theme, department=finance.pk, title="乗っ取り"))
    assert response.status_code == 403
    assert unchanged(theme)


def test_staff_cannot_create_a_theme_for_another_department(client, theme, office_staff, finance):
    client.force_login(office_staff)
    response = client.post("/org/sapporo/lectures/manage/themes/new/",
                           theme_form(theme, number="2", department=finance.pk))
    assert response.status_code == 400
    assert Theme.objects.count() == 1


@pytest.mark.parametrize("who", ["office_staff", "reception", "sapporo_admin"])
def test_nobody_moves_a_theme_to_another_organisations_department(client, request, theme, otaru_department, who):
    client.force_login(request.getfixturevalue(who))
    response = client.post(f"/org/sapporo/lectures/manage/themes/{theme.pk}/",
                           theme_form(theme, department=otaru_department.pk))
    assert response.status_code == 400 and "department" in response.context["form"].errors
    assert unchanged(theme)


def test_the_reception_desk_may_give_a_theme_to_any_department_of_its_organisation(client, theme, reception, finance):
    client.force_login(reception)
    response = client.post(f"/org/sapporo/lectures/manage/themes/{theme.pk}/", theme_form(theme, department=finance.pk))
    assert response.status_code == 302
    assert Theme.objects.get(pk=theme.pk).department == finance


def test_the_action_refuses_a_move_whatever_door_it_comes_through(theme, office_staff, finance, otaru_department):
    theme.department = finance
    with pytest.raises(PermissionDenied, match="自分の課以外"):
        actions.save_theme(office_staff, theme)
    theme.department = otaru_department
    with pytest.raises(ValidationError, match="この団体の部署"):
        actions.save_theme(office_staff, theme)
    assert Theme.objects.get(pk=theme.pk).department.name == "市政推進室"


def test_a_theme_of_another_organisation_is_not_found_under_this_one(client, theme, hokkaido, otaru_department,
                                                                     sapporo_admin):
    foreign = Theme.objects.create(organisation=otaru_department.organisation, fiscal_year=2026, number=1,
                                   title="小樽の講座", summary="-", department=otaru_department, category="city")
    client.force_login(sapporo_admin)
    response = client.post(f"/org/sapporo/lectures/manage/themes/{foreign.pk}/", theme_form(foreign, title="x"))
    assert response.status_code == 404
    assert Theme.objects.get(pk=foreign.pk).title == "小樽の講座"


# --- Requests: routing and the request's organisation ------------------------------------------------

@pytest.fixture
def received(sapporo, theme, request_data, reception):
    lecture_request = actions.submit_request(sapporo, theme, request_data)[0]
    actions.receive(reception, lecture_request)
    return lecture_request


def test_routing_to_another_organisations_department_is_refused(client, received, reception, otaru_department):
    client.force_login(reception)
    response = client.post(f"/org/sapporo/lectures/manage/requests/{received.pk}/",
                           {"step": "route", "route-department": otaru_department.pk})
    assert response.status_code == 400
    received.refresh_from_db()
    assert received.status == "received" and received.department.name == "市政推進室"
    with pytest.raises(ValidationError):
        actions.route(reception, received, otaru_department)


def test_a_department_cannot_handle_a_request_routed_elsewhere(client, received, reception, office, finance_staff):
    actions.route(reception, received, office)
    client.force_login(finance_staff)
    response = client.post(f"/org/sapporo/lectures/manage/requests/{received.pk}/", {"step": "schedule"})
    assert response.status_code == 403
    received.refresh_from_db()
    assert received.status == "routed"


def test_a_request_of_another_organisation_is_not_found_under_this_one(client, received, hokkaido, otaru_department):
    otaru_admin = UserFactory()
    grant(otaru_admin, "org_admin", otaru_department.organisation)
    client.force_login(otaru_admin)
    assert client.get(f"/org/otaru/lectures/manage/requests/{received.pk}/").status_code == 404
    response = client.post(f"/org/otaru/lectures/manage/requests/{received.pk}/",
                           {"step": "decline", "decline-reason": "x"})
    assert response.status_code == 404
    assert Request.objects.get(pk=received.pk).status == "received"
