"""Kyodo's one settings module, configured from environment variables.

With nothing set, the site runs in demo mode on SQLite (``var/kyodo.sqlite3``) and prints mail
to the console. ``KYODO_MODE=production`` turns on the production defaults and refuses to start
unless ``SECRET_KEY``, ``DATABASE_URL``, ``ALLOWED_HOSTS`` and ``EMAIL_URL`` are set and well
formed. docs/operations.md lists every variable.
"""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
PACKAGE_DIR = Path(__file__).resolve().parent

env = environ.Env()

MODE = env.str("KYODO_MODE", default="demo")
if MODE not in ("demo", "production"):
    raise ImproperlyConfigured(f"KYODO_MODE must be 'demo' or 'production', not {MODE!r}")
PRODUCTION = MODE == "production"


def required(name, cast=str):
    """Read a variable production cannot run without; fail loudly when it is missing."""
    value = env(name, default=None)
    if value in (None, ""):
        raise ImproperlyConfigured(f"{name} must be set when KYODO_MODE=production")
    return cast(value) if cast is not str else value


DEMO_SECRET_KEY = "demo-only-insecure-key-never-use-in-production-0123456789"

if PRODUCTION:
    SECRET_KEY = required("SECRET_KEY")
    if len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5:
        raise ImproperlyConfigured("SECRET_KEY must be at least 50 random characters")
    # The demo's key is published with the source, and copies of it (or of Django's
    # "django-insecure-" start-project keys) are the usual way a known key reaches production.
    if SECRET_KEY == DEMO_SECRET_KEY or any(
        word in SECRET_KEY.lower() for word in ("insecure", "demo")
    ):
        raise ImproperlyConfigured(
            "SECRET_KEY is a published or demo key; generate a new random one for production"
        )
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("ALLOWED_HOSTS must be set when KYODO_MODE=production")
    required("DATABASE_URL")
    required("EMAIL_URL")
    DEBUG = False
else:
    SECRET_KEY = env.str("SECRET_KEY", default=DEMO_SECRET_KEY)
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
    DEBUG = env.bool("DEBUG", default=False)

CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "rules.apps.AutodiscoverRulesConfig",
    "auditlog",
    "django_filters",
    "django_htmx",
    "template_partials",
    "ninja",
    "django_tasks",
    "django_tasks_db",
    "kyodo.core",
    "kyodo.plans",
    "kyodo.councils",
    "kyodo.lectures",
    "kyodo.collaboration",
    "kyodo.proposals",
    "kyodo.fund",
    "kyodo.events",
    "kyodo.desks",
    "kyodo.calendar",
    "kyodo.publiccomment",
    "kyodo.surveys",
    "kyodo.search",
    "kyodo.portal",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "kyodo.core.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "kyodo.core.headers.SignedInNoStoreMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    "kyodo.core.middleware.RoleMFAMiddleware",
    # Last, so that the headers added above are fresh on cached pages too.
    "kyodo.core.pagecache.PageCacheMiddleware",
]

ROOT_URLCONF = "kyodo.urls"
WSGI_APPLICATION = "kyodo.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "kyodo.core.context_processors.site",
            ],
            "builtins": ["kyodo.core.templatetags.japanese"],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
# SQLite is the embedded default; PostgreSQL (DATABASE_URL=postgres://…) runs production.
(BASE_DIR / "var").mkdir(exist_ok=True)
DATABASES = {
    "default": env.db_url(
        "DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'var' / 'kyodo.sqlite3'}"
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout let the one-process demo take concurrent writes without
    # "database is locked"; IMMEDIATE transactions take the write lock up front.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
# Connections are kept between requests (a cached page then costs no new connection and, on
# SQLite, no PRAGMA round); health checks replace one that went away.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Caches and sessions --------------------------------------------------------------------
# CACHE_URL is the cache every machine shares: anonymous visitors' pages and the shared fragments
# (kyodo/core/pagecache.py, fragments.py), rate-limit counters (django-ratelimit, allauth) and,
# with Redis or memcached, sessions. Production's default is the database cache table; for
# several machines name Redis (redis://host:6379/0) or memcached (pymemcache://host:11211).
MEMORY_CACHE_BACKENDS = (
    "django.core.cache.backends.redis.RedisCache",
    "django.core.cache.backends.memcached.PyMemcacheCache",
)


def cache_url(name, default):
    """A cache from a URL, always with Django's built-in engines: ``redis://`` is
    ``RedisCache`` and ``memcache://`` (whose old engine Django removed) ``PyMemcacheCache``."""
    config = env.cache_url(name, default=default)
    if config["BACKEND"] in ("django_redis.cache.RedisCache", "redis_cache.RedisCache"):
        config["BACKEND"] = MEMORY_CACHE_BACKENDS[0]
    if config["BACKEND"].endswith(("memcached.MemcachedCache", "memcached.PyLibMCCache")):
        config["BACKEND"] = MEMORY_CACHE_BACKENDS[1]
    if config["BACKEND"] not in MEMORY_CACHE_BACKENDS:
        # The default of 300 entries would churn once the public pages are cached (Redis and
        # memcached evict by memory instead, and would take the option for a client argument).
        config.setdefault("OPTIONS", {}).setdefault("MAX_ENTRIES", 20000)
    return config


CACHES = {
    "default": cache_url(
        "CACHE_URL",
        default="dbcache://kyodo_cache" if PRODUCTION else "locmemcache://kyodo",
    )
}
SHARED_MEMORY_CACHE = CACHES["default"]["BACKEND"] in MEMORY_CACHE_BACKENDS
# Anonymous visitors' copies of public pages (kyodo/core/pagecache.py): how long a copy may be
# served at most (any write invalidates them at once), and the cache that holds them.
KYODO_PAGE_CACHE_SECONDS = env.int("KYODO_PAGE_CACHE_SECONDS", default=300)
KYODO_PAGE_CACHE_ALIAS = "default"
# ... and how much memory each worker may give to its own copies of the current pages.
KYODO_PAGE_CACHE_LOCAL_BYTES = env.int("KYODO_PAGE_CACHE_LOCAL_BYTES", default=32 * 1024 * 1024)
# The *generation* the pages are filed under is read on every cached hit, so it lives where a
# read is cheapest while every worker that must see a write still sees it: in Redis or
# memcached when CACHE_URL names one, in the process with the demo's local-memory cache (one
# process), and — with the database cache — in a file on this machine's disk, read by every
# worker of the machine with one open and read instead of a database round trip. That file is
# not shared between machines: with several, set KYODO_GENERATION_CACHE_URL (or CACHE_URL) to a
# shared Redis or memcached (`manage.py check --deploy` warns until it is set, docs/operations.md).
KYODO_GENERATION_CACHE_EXPLICIT = bool(env.str("KYODO_GENERATION_CACHE_URL", default=""))
if KYODO_GENERATION_CACHE_EXPLICIT:
    CACHES["generation"] = cache_url("KYODO_GENERATION_CACHE_URL", default="")
elif CACHES["default"]["BACKEND"] == "django.core.cache.backends.db.DatabaseCache":
    CACHES["generation"] = {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": BASE_DIR / "var" / "generation",
    }
KYODO_GENERATION_CACHE_ALIAS = "generation" if "generation" in CACHES else "default"

# Sessions live in the database. With Redis or memcached they are also cached there
# (``cached_db``): a signed-in request then reads its session from memory instead of the
# database, and since every write still reaches the database, a restarted cache signs nobody
# out. KYODO_CACHED_SESSIONS=0/1 overrides the choice.
SESSION_ENGINE = (
    "django.contrib.sessions.backends.cached_db"
    if env.bool("KYODO_CACHED_SESSIONS", default=SHARED_MEMORY_CACHE)
    else "django.contrib.sessions.backends.db"
)

# The load benchmark's hello-world view (/bench/hello), off unless the benchmark turns it on.
KYODO_BENCH_HELLO = env.bool("KYODO_BENCH_HELLO", default=False)
# The site's own address, for the links in notification mails.
KYODO_SITE_URL = env.str("KYODO_SITE_URL", default="http://127.0.0.1:8000")

# --- Accounts (django-allauth) -------------------------------------------------------------
AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "core:mypage"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
# An account signs in only once its address is proved, and roles wait for an invitation to
# be accepted (kyodo/core/invitations.py); allauth's mails leave through the task queue.
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_ADAPTER = "kyodo.core.adapters.AccountAdapter"
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_PREVENT_ENUMERATION = True
# Failed logins are throttled per IP and per account (allauth's rate limits, in the cache).
ACCOUNT_RATE_LIMITS = {
    "login_failed": env.str("KYODO_LOGIN_RATE", default="10/m/ip,5/5m/key"),
    "reset_password": "20/m/ip,5/m/key",
    "signup": "20/m/ip",
}
ACCOUNT_FORMS = {}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Kyodo"
# Accept the codes of the neighbouring 30-second windows: phones' clocks drift.
MFA_TOTP_TOLERANCE = 1

# --- Mail ------------------------------------------------------------------------------------
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Kyodo <no-reply@kyodo.example.jp>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Background tasks (django-tasks) -------------------------------------------------------
# Notification mails leave the request through a task. The demo and the tests run tasks at
# once; production queues them in the database for ``manage.py db_worker``.
TASKS = {
    "default": {
        "BACKEND": env.str(
            "TASK_BACKEND",
            default="django_tasks_db.DatabaseBackend" if PRODUCTION
            else "django_tasks.backends.immediate.ImmediateBackend",
        ),
    }
}

# django-ratelimit counts in the default cache; behind a proxy, set the client address header.
RATELIMIT_IP_META_KEY = env.str("RATELIMIT_IP_META_KEY", default=None) or None

# --- Language and time -------------------------------------------------------------------------
LANGUAGE_CODE = "ja"
LANGUAGES = [("ja", "日本語"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Asia/Tokyo"
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_SECURE = PRODUCTION
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

# --- Static files (whitenoise) ---------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "var" / "media")
MEDIA_URL = "/media/"
WHITENOISE_USE_FINDERS = not PRODUCTION
if not PRODUCTION:
    Path(STATIC_ROOT).mkdir(parents=True, exist_ok=True)

# --- Security -----------------------------------------------------------------------------------
SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# A refused form token gets the site's Japanese page, not Django's English one.
CSRF_FAILURE_VIEW = "kyodo.core.errors.csrf_failure"
if PRODUCTION:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
# Content Security Policy: no inline script or style anywhere, everything from this origin.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# --- Audit log (django-auditlog) ---------------------------------------------------------------
AUDITLOG_LOGENTRY_MODEL = "core.AuditEntry"
# auditlog's own migrations would create its default table even though our model replaces it,
# and that stray table (with a key to core_user) blocks TRUNCATE on PostgreSQL. Its only model
# is swapped out, so the app needs no migrations at all.
MIGRATION_MODULES = {"auditlog": None}
AUDITLOG_STORE_JSON_CHANGES = True
AUDITLOG_DISABLE_REMOTE_ADDR = False

# --- Logging -------------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
