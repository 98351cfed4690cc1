"""Demo data of the portal: the demo resident (citizen@example.jp) follows 札幌市 and its
first council, and gets the 出前講座 notices in the weekly digest. Idempotent."""

from django.contrib.contenttypes.models import ContentType

from kyodo.core.models import Organisation, User

from .models import Follow, MailSetting


def load(world):
    citizen = User.objects.filter(email="citizen@example.jp").first()
    sapporo = Organisation.objects.filter(slug="sapporo").first()
    if citizen is None or sapporo is None:
        return
    targets = [sapporo]
    from kyodo.councils.models import Council

    council = Council.objects.filter(organisation=sapporo).order_by("pk").first()
    if council is not None:
        targets.append(council)
    for target in targets:
        Follow.objects.get_or_create(user=citizen, object_id=target.pk,
                                     content_type=ContentType.objects.get_for_model(target))
    MailSetting.objects.get_or_create(user=citizen, kind="lectures",
                                      defaults={"mode": MailSetting.Mode.DIGEST})
