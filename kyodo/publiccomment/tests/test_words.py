"""語の分析 of a call's comments (kyodo.surveys.textanalysis): the frequent words, the network
with its table, the comparison by commenter type and the comments behind a word — for those
who manage the call; the analysis reads the public (masked) text."""

from django.urls import reverse

from kyodo.publiccomment.models import Comment

from .conftest import add_comments


def test_staff_read_the_words_and_the_comments_behind_one(client, sapporo, office_staff, other_staff, closed_call):
    comments = add_comments(closed_call, 3)
    texts = ["窓口の待ち時間が長い。", "窓口の案内がわかりにくい。", "電話の応対を改善してほしい。"]
    for comment, text in zip(comments, texts):
        Comment.objects.filter(pk=comment.pk).update(body=text)
    Comment.objects.filter(pk=comments[2].pk).update(body="[非公開]の電話の応対を改善してほしい。",
                                                     original_body="山田の電話の応対を改善してほしい。")
    url = reverse("publiccomment:words", args=[sapporo.slug, closed_call.pk])
    client.force_login(office_staff)
    page = client.get(url)
    html = page.content.decode()
    assert page.status_code == 200 and "窓口" in html and "共起ネットワーク" in html
    assert "山田" not in html
    behind = client.get(url + "?word=窓口").content.decode()
    assert comments[0].receipt_number in behind and comments[1].receipt_number in behind
    assert comments[2].receipt_number not in behind
    assert client.get(url + "?by=section").status_code == 200
    assert client.get(url + "?by=nonsense").status_code == 404
    client.force_login(other_staff)
    assert client.get(url).status_code == 403
