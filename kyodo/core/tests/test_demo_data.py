"""The demo world: the seeds' organisations with real codes, their departments, one user
for every role — and loading it twice changes nothing."""

from django.core.management import call_command

from kyodo.core.models import Department, Organisation, Role, RoleAssignment, User


def test_load_demo_is_idempotent(db, capsys):
    call_command("load_demo")
    counts = (Organisation.objects.count(), Department.objects.count(), User.objects.count(),
              RoleAssignment.objects.count())
    call_command("load_demo")
    assert counts == (Organisation.objects.count(), Department.objects.count(),
                      User.objects.count(), RoleAssignment.objects.count())
    assert "kyodo-demo-2026" in capsys.readouterr().out


def test_demo_world_reproduces_the_seeds(db):
    call_command("load_demo", quiet_users=True)
    codes = dict(Organisation.objects.values_list("name", "local_government_code"))
    assert codes == {
        "北海道": "010006", "札幌市": "011002", "旭川市": "012041", "江別市": "012173",
        "根室市": "012238", "千歳市": "012246", "ニセコ町": "013951", "栗山町": "014290",
        "白老町": "015784", "中標津町": "016926",
    }
    names = set(Department.objects.filter(organisation__slug="sapporo").values_list("name", flat=True))
    assert {"市政推進室", "広報部", "広報課", "地域振興部", "市民活動促進課", "区政課"} <= names
    seikatsu = Department.objects.get(organisation__slug="hokkaido", name="生活振興課")
    assert (seikatsu.parent.name, seikatsu.parent.parent.name) == ("生活文化・青少年室", "環境生活部")
    assert set(RoleAssignment.objects.values_list("role", flat=True)) == set(Role.values)
