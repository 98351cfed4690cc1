"""Test helpers for the department picker (kyodo/core/widgets.py) on each module's forms."""

from kyodo.core.models import Department

from .factories import DepartmentFactory


def two_somuka(organisation, bureaus=("総務局", "財政局"), *, division=None):
    """Two look-alike 総務課 under two 局 (a 局 that exists already is reused): the case a
    department picker must tell apart by the full path (issue 14 §8). With ``division`` (the
    demo's 総務部), each 総務課 sits under a 部 of that name inside its 局."""
    found = []
    for top in bureaus:
        parent = (Department.objects.filter(organisation=organisation, name=top, parent=None).first()
                  or DepartmentFactory(organisation=organisation, name=top, kind=Department.Kind.BUREAU))
        if division:
            parent = DepartmentFactory(organisation=organisation, name=division,
                                       kind=Department.Kind.BUREAU, parent=parent)
        found.append(DepartmentFactory(organisation=organisation, name="総務課", parent=parent))
    return found


def assert_tells_two_somuka_apart(page, name="department"):
    """The form's ``name`` field is the picker (one choice, with its search) naming both of
    ``two_somuka``'s departments by their path."""
    assert "data-department-picker" in page and f'type="radio" name="{name}"' in page
    assert "総務局 › 総務課" in page and "財政局 › 総務課" in page


def assert_offers_only_the_actors_departments(client, url, *, anyone, restricted, own, data):
    """On the form at ``url``: ``anyone`` (a coordinator) is offered the tree telling two 総務課
    apart; ``restricted`` (a department's staff) only ``own`` department, and posting ``data``
    with a 総務課 instead is refused next to the field."""
    somuka, _other = two_somuka(own.organisation)
    client.force_login(anyone)
    assert_tells_two_somuka_apart(client.get(url).content.decode())
    client.force_login(restricted)
    page = client.get(url).content.decode()
    assert f'value="{own.pk}"' in page and "総務課" not in page
    refused = client.post(url, {**data, "department": somuka.pk})
    assert refused.status_code == 400 and "department" in refused.context["form"].errors
