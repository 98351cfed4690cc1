"""Production settings come from the environment, refuse to start half-configured, and pass
``manage.py check --deploy``."""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
PRODUCTION_ENV = {
    "KYODO_MODE": "production",
    "SECRET_KEY": "x7!kq2#pz9@vb4$mw8^rt6&yn3*hc5(jd1)lf0-ge2+sa7=ou9",
    "DATABASE_URL": "postgres://kyodo:secret@db.internal:5432/kyodo",
    "ALLOWED_HOSTS": "kyodo.example.jp",
    "EMAIL_URL": "smtp+tls://mailer:secret@smtp.example.jp:587",
}


def manage(*args, env):
    # The browser tests' DJANGO_ALLOW_ASYNC_UNSAFE must not leak into a production check.
    clean = {k: v for k, v in os.environ.items()
             if k not in PRODUCTION_ENV
             and k not in ("DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE")}
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env={**clean, **env},
        capture_output=True, text=True, timeout=120,
    )


def test_check_deploy_is_clean_under_production_settings():
    env = {**PRODUCTION_ENV, "KYODO_GENERATION_CACHE_URL": "filecache:///srv/kyodo/var/generation"}
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_asks_several_machines_for_a_shared_generation_store():
    """The default keeps the page cache's generation in a file of this machine (pagecache.py)."""
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode != 0 and "kyodo.W001" in result.stderr + result.stdout


CACHE_SETTINGS = ("import json; from django.conf import settings as s; print(json.dumps("
                  "[s.CACHES, s.KYODO_GENERATION_CACHE_ALIAS, s.SESSION_ENGINE], default=str))")
REDIS = "django.core.cache.backends.redis.RedisCache"
MEMCACHED = "django.core.cache.backends.memcached.PyMemcacheCache"


@pytest.mark.parametrize("extra, backend, location, generation, sessions", [
    # One machine, nothing else to run: pages in the database, the generation in a file.
    ({}, "django.core.cache.backends.db.DatabaseCache", "kyodo_cache",
     "django.core.cache.backends.filebased.FileBasedCache", "db"),
    # Several machines: one URL for everything, sessions cached in it too.
    ({"CACHE_URL": "redis://cache.internal:6379/1"}, REDIS, "redis://cache.internal:6379/1",
     REDIS, "cached_db"),
    ({"CACHE_URL": "memcache://cache.internal:11211"}, MEMCACHED, "cache.internal:11211",
     MEMCACHED, "cached_db"),
    ({"CACHE_URL": "pymemcache://cache.internal:11211", "KYODO_CACHED_SESSIONS": "0"},
     MEMCACHED, "cache.internal:11211", MEMCACHED, "db"),
    # Pages in the database, the generation alone in Redis.
    ({"KYODO_GENERATION_CACHE_URL": "redis://cache.internal:6379/2"},
     "django.core.cache.backends.db.DatabaseCache", "kyodo_cache", REDIS, "db"),
])
def test_cache_urls_choose_djangos_own_engines(extra, backend, location, generation, sessions):
    result = manage("shell", "-v", "0", "-c", CACHE_SETTINGS, env={**PRODUCTION_ENV, **extra})
    caches, alias, engine = json.loads(result.stdout or "null") or pytest.fail(result.stderr)
    assert (caches["default"]["BACKEND"], caches["default"]["LOCATION"]) == (backend, location)
    assert caches[alias]["BACKEND"] == generation
    assert engine == f"django.contrib.sessions.backends.{sessions}"
    if backend in (REDIS, MEMCACHED):  # their clients would take MAX_ENTRIES for an argument
        assert "MAX_ENTRIES" not in caches["default"].get("OPTIONS", {})


@pytest.mark.parametrize("missing", ["SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS", "EMAIL_URL"])
def test_production_refuses_to_start_without(missing):
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != missing}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert f"{missing} must be set" in result.stderr


def test_production_refuses_a_weak_secret_key():
    result = manage("check", env={**PRODUCTION_ENV, "SECRET_KEY": "short"})
    assert result.returncode != 0 and "SECRET_KEY must be at least 50" in result.stderr


def test_unknown_mode_is_refused():
    result = manage("check", env={"KYODO_MODE": "staging"})
    assert result.returncode != 0 and "KYODO_MODE" in result.stderr


def test_production_turns_on_secure_cookies_and_hsts():
    code = ("from django.conf import settings as s; "
            "print(s.DEBUG, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT, "
            "s.SECURE_HSTS_SECONDS > 0, s.DATABASES['default']['ENGINE'], s.EMAIL_BACKEND)")
    result = manage("shell", "-v", "0", "-c", code, env=PRODUCTION_ENV)
    assert result.stdout.split() == [
        "False", "True", "True", "True", "True", "django.db.backends.postgresql",
        "django.core.mail.backends.smtp.EmailBackend",
    ], result.stderr


def test_responses_carry_a_content_security_policy(client, db):
    policy = client.get("/").headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy


@pytest.mark.parametrize("key", [
    "demo-only-insecure-key-never-use-in-production-0123456789",  # the demo's, published
    "django-insecure-7q!x2#pz9@vb4$mw8^rt6&yn3*hc5(jd1)lf0-ge2+sa7=ou9",
    "x7!kq2#pz9@vb4$mw8^rt6&yn3*hc5(jd1)lf0-ge2+sa7=ou9-DEMO",
])
def test_production_refuses_a_published_or_demo_secret_key(key):
    result = manage("check", env={**PRODUCTION_ENV, "SECRET_KEY": key})
    assert result.returncode != 0
    assert "SECRET_KEY is a published or demo key" in result.stderr


@pytest.mark.parametrize("url", ["/", "/api/v1/organisations", "/no-such-page/",
                                 "/static/kyodo/css/site.css"])
def test_every_response_refuses_the_browser_features_kyodo_does_not_use(client, db, url):
    policy = client.get(url).headers["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment", "usb", "interest-cohort"):
        assert f"{feature}=()" in policy


def test_django_admin_is_gone(client, db):
    """Every task has a screen in the product; a password-only admin would bypass MFA."""
    assert client.get("/django-admin/").status_code == 404
    assert client.get("/django-admin/login/").status_code == 404


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_gunicorn_with_kyodos_configuration_does_not_name_itself():
    port = free_port()
    env = {k: v for k, v in os.environ.items()
           if k not in ("DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE", "DATABASE_URL")}
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "-c", "python:kyodo.gunicorn_conf",
         "kyodo.wsgi", "--workers", "1", "--bind", f"127.0.0.1:{port}"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(300):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as reply:
                    headers = reply.headers
                    break
            except OSError:
                assert server.poll() is None, "gunicorn exited"
                time.sleep(0.2)
        else:
            pytest.fail("gunicorn did not answer /healthz")
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert "Server" not in headers
    assert "camera=()" in headers["Permissions-Policy"]
