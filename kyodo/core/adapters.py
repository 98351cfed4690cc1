"""How django-allauth behaves on Kyodo: its mails leave through the task queue, and a login
refused after repeated failures tells the owner how to get in at once."""

from allauth.account.adapter import DefaultAccountAdapter
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from .tasks import send_mail_on_commit


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix, email, context):
        """Queue allauth's mails (verification, password reset, "account already exists") like
        every other mail: a failing mail server never turns the page into a server error."""
        message = self.render_mail(template_prefix, email, context)
        send_mail_on_commit(message.to, message.subject, message.body)

    @property
    def error_messages(self):
        # The lock counts failures per address; a password reset proves control of the mailbox
        # and lifts it (allauth clears the counter), so the owner is never locked out.
        return {
            **DefaultAccountAdapter.error_messages,
            "too_many_login_attempts": format_html(
                gettext("ログイン失敗が連続しています。しばらく時間をおいてからやり直すか、"
                        "{link}パスワードの再設定{end}をしてください。再設定のメールで本人確認が"
                        "できれば、すぐにログインできます。"),
                link=format_html('<a href="{}">', reverse("account_reset_password")),
                end=mark_safe("</a>"),
            ),
        }
