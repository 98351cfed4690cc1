"""A signed-in resident's session for the load benchmark's "signed-in" column (docs/benchmarks.md).

Prints the key of a fresh session of ``bench-resident@example.jp`` — an account with no role,
so no second factor and no staff links, what a resident checking their requests gets — created
the first time and reused after. ``scripts/bench`` sends it as the ``sessionid`` cookie. Run it
with the server's environment: the session is signed with its ``SECRET_KEY`` and stored by its
session engine. In production it runs only beside the benchmark's hello view
(``KYODO_BENCH_HELLO``), as the benchmark server does.
"""

from importlib import import_module

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.core.management.base import BaseCommand, CommandError

from kyodo.core.models import RoleAssignment, User

EMAIL = "bench-resident@example.jp"


class Command(BaseCommand):
    help = "Print a session key of a signed-in resident (no role) for the load benchmark."

    def handle(self, *args, **options):
        if settings.PRODUCTION and not settings.KYODO_BENCH_HELLO:
            raise CommandError("bench_session refuses to run with KYODO_MODE=production unless "
                               "KYODO_BENCH_HELLO is on (the benchmark's server).")
        user = User.objects.filter(email=EMAIL).first()
        if user is None:
            user = User.objects.create_user(EMAIL)  # no usable password: only this session
        if RoleAssignment.objects.filter(user=user).exists():
            raise CommandError(f"{EMAIL} holds a role; the benchmark needs a plain resident.")
        session = import_module(settings.SESSION_ENGINE).SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        self.stdout.write(session.session_key)
