"""Who gets the coordinator's screens: every role against every page and POST (one table)."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from kyodo.collaboration.models import EvaluationCriterion, Initiative, PartnerMember
from kyodo.core.tests.factories import DepartmentFactory, UserFactory, enable_totp, grant

#: Who may: the coordinator (主管課) and the organisation admin of 北海道. Everyone else who is
#: signed in gets 403; a visitor is sent to the login page.
ALLOWED = {"coordinator", "org_admin"}
ROLES = ["visitor", "citizen", "partner_member", "department_staff", "coordinator", "org_admin",
         "sapporo_coordinator"]


@pytest.fixture
def people(hokkaido, sapporo, coordinator, env_staff, partner_member):
    admin = UserFactory(email="admin@hokkaido.example.jp")
    grant(admin, "org_admin", hokkaido)
    enable_totp(admin)
    sapporo_coordinator = UserFactory(email="coordinator@sapporo.example.jp")
    grant(sapporo_coordinator, "coordinator", sapporo,
          DepartmentFactory(organisation=sapporo, name="市民自治推進課"))
    return {"visitor": AnonymousUser(), "citizen": UserFactory(),
            "partner_member": partner_member, "department_staff": env_staff,
            "coordinator": coordinator, "org_admin": admin,
            "sapporo_coordinator": sapporo_coordinator}


@pytest.fixture
def objects(hokkaido, partner, partner_member, template):
    initiative = Initiative.objects.create(organisation=hokkaido, fiscal_year=2000,
                                           category="basis", kind="ordinance", title="条例")
    return {"slug": "hokkaido", "partner": partner.pk, "template": template.pk,
            "criterion": template.criteria.get(title="対等な関係").pk,
            "member": PartnerMember.objects.get(user=partner_member).pk,
            "initiative": initiative.pk}


GET_PAGES = {
    "partner_admin_list": ["slug"],
    "partner_admin_new": ["slug"],
    "partner_admin": ["slug", "partner"],
    "template_list": ["slug"],
    "template_new": ["slug"],
    "template": ["slug", "template"],
    "criterion_new": ["slug", "template"],
    "criterion_edit": ["slug", "template", "criterion"],
    "initiative_list": ["slug"],
    "initiative_new": ["slug"],
    "initiative_edit": ["slug", "initiative"],
}

POSTS = {
    "partner_member_add": (["slug", "partner"], {"member-email": "new@example.org"}),
    "partner_member_remove": (["slug", "partner", "member"], {}),
    "template_copy": (["slug", "template"], {}),
    "criterion_step/up": (["slug", "template", "criterion"], {}),
    "criterion_step/delete": (["slug", "template", "criterion"], {}),
    "initiative_delete": (["slug", "initiative"], {}),
}


def sign_in(client, people, role):
    if role != "visitor":
        client.force_login(people[role])


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(GET_PAGES))
def test_pages(client, people, objects, role, name):
    sign_in(client, people, role)
    response = client.get(reverse(f"collaboration:{name}",
                                  args=[objects[k] for k in GET_PAGES[name]]))
    if role == "visitor":
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    else:
        assert response.status_code == (200 if role in ALLOWED else 403)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(POSTS))
def test_writes(client, people, objects, role, name):
    sign_in(client, people, role)
    view, _slash, step = name.partition("/")
    keys, data = POSTS[name]
    args = [objects[k] for k in keys] + ([step] if step else [])
    criteria_before = EvaluationCriterion.objects.count()
    members_before = PartnerMember.objects.count()
    response = client.post(reverse(f"collaboration:{view}", args=args), data)
    if role == "visitor":
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    elif role in ALLOWED:
        assert response.status_code == 302 and "/accounts/login/" not in response["Location"]
    else:
        assert response.status_code == 403
    if role not in ALLOWED:  # refused means nothing written
        assert EvaluationCriterion.objects.count() == criteria_before
        assert PartnerMember.objects.count() == members_before
        assert Initiative.objects.count() == 1


@pytest.mark.parametrize("permission", ["collaboration.manage_partners",
                                        "collaboration.manage_templates",
                                        "collaboration.manage_initiatives"])
def test_the_rules_agree_with_the_pages(people, hokkaido, partner, template, permission):
    for obj in (hokkaido, partner if permission.endswith("partners") else template):
        assert {r for r, user in people.items() if user.has_perm(permission, obj)} == ALLOWED
