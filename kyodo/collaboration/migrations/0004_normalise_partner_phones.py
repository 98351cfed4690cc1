"""Partners' phone numbers as the profile form now stores them (「011-211-2111」).

The model refuses any other form since 0002, so a stored 「０１１ ２１１ ２１１１」 would block
every later correction or verification of the partner. Numbers that cannot be read as a
phone number are kept as they are: staff correct them on the partner's page.
"""

from django.core.exceptions import ValidationError
from django.db import migrations

from kyodo.core.inputs import normalise_phone


def normalise(apps, schema_editor):
    Partner = apps.get_model("collaboration", "Partner")
    for partner in Partner.objects.exclude(phone="").only("pk", "phone").iterator():
        try:
            phone = normalise_phone(partner.phone)
        except ValidationError:
            continue
        if phone != partner.phone:
            Partner.objects.filter(pk=partner.pk).update(phone=phone)


class Migration(migrations.Migration):
    dependencies = [("collaboration", "0003_partner_member_invitation")]

    operations = [migrations.RunPython(normalise, migrations.RunPython.noop)]
