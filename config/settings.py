"""Settings for OneOnOne, read from the environment only.

Every setting has a default that is safe for local use (the "embedded default": SQLite,
tasks in-process, emails written under var/outbox/). Production sets DEBUG=false and must then
provide SECRET_KEY and ALLOWED_HOSTS, or the server refuses to start. README.md lists them all.
"""

import logging
import os
from datetime import timedelta
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

from config.logs import configure_structlog, logging_config

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"
VAR_DIR.mkdir(exist_ok=True)  # the embedded default keeps its database, outbox and media here

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)  # optional, never committed

INSECURE_DEV_KEY = "django-insecure-local-development-only-do-not-use-in-production"

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env.str("SECRET_KEY", default=INSECURE_DEV_KEY)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]", "testserver"])
if not DEBUG:
    # A real key: not the development one, 32+ characters, not one character repeated.
    if SECRET_KEY == INSECURE_DEV_KEY or len(SECRET_KEY) < 32 or len(set(SECRET_KEY)) < 5:
        raise ImproperlyConfigured(
            "DEBUG is off: set SECRET_KEY to a random string of 32+ chars (50+ for "
            "`manage.py check --deploy`), e.g. python3 -c 'import secrets; "
            "print(secrets.token_urlsafe(50))'."
        )
    if not env.list("ALLOWED_HOSTS", default=[]):
        raise ImproperlyConfigured("DEBUG is off: set ALLOWED_HOSTS (comma-separated host names).")
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# Origins of browser front-ends served elsewhere (the seeds' real clients), e.g.
# "https://mentorq.example.org,http://localhost:3000". Empty: no cross-origin access.
CORS_ALLOWED_ORIGINS = env.list("CORS_ALLOWED_ORIGINS", default=[])
# The front-ends send `Authorization` headers, not cookies; credentials stay off by default.
CORS_ALLOW_CREDENTIALS = env.bool("CORS_ALLOW_CREDENTIALS", default=False)
# A front-end may read the request id of an answer (to quote it in a bug report).
CORS_EXPOSE_HEADERS = ["X-Request-ID"]

INSTALLED_APPS = [
    "accounts.admin_apps.ThrottledAdminConfig",  # django.contrib.admin, login throttled
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "core",  # before staticfiles: its runserver (a larger listen backlog) is the one used
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "rest_framework_simplejwt.token_blacklist",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "corsheaders",
    "django_structlog",
    # Domain apps: models and the services that own the rules.
    "accounts",
    "notifications",
    "contacts",
    "scheduling",
    "mentoring",
    "helpqueue",
    # HTTP contracts of the seed documents: thin adapters over the services.
    "contracts",
    # Server-rendered pages for people, over the same services (issue #12).
    "web",
]

MIDDLEWARE = [
    # Outermost: the request id (X-Request-ID: checked, or made; echoed in the response), then
    # django-structlog's one log line per request, preflights and error pages included.
    "core.request_logs.RequestIdMiddleware",
    "django_structlog.middlewares.RequestMiddleware",
    # Then CORS headers on every response, the JSON error pages below included, and a
    # preflight OPTIONS answered here, before authentication (a browser sends no credentials).
    "corsheaders.middleware.CorsMiddleware",
    "core.middleware.JsonErrorsMiddleware",  # API paths: JSON errors even with DEBUG=true
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # An invitation link opened in a browser goes to the answer page; API clients keep the JSON.
    "web.middleware.InvitationPageMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# --- Database -----------------------------------------------------------------------------------
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Set up for a threaded server. IMMEDIATE: a transaction takes the write lock when it begins,
    # so it never fails upgrading a read lock. timeout: a writer waits up to 20 s for the lock
    # instead of failing at once. WAL: reads go on while one request writes; synchronous=NORMAL
    # is WAL's usual setting (an OS crash may lose the last commits, never corrupts the file).
    # Options given in DATABASE_URL's query string win over these.
    _sqlite_options = DATABASES["default"].setdefault("OPTIONS", {})
    _sqlite_options.setdefault("timeout", 20)
    _sqlite_options.setdefault("transaction_mode", "IMMEDIATE")
    _sqlite_options.setdefault("init_command", "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL")
    # Tests on a file, not in memory: threads then share one database with real locking.
    # One file per process, so that two test runs on one machine never share it.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / f"test-db-{os.getpid()}.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# PostgreSQL: longest SQL statement of a web request (gunicorn, runserver), in ms; 0: no limit.
# Below gunicorn's 30 s worker timeout. Celery and management commands get no limit (core/db.py).
DATABASE_STATEMENT_TIMEOUT_MS = env.int("DATABASE_STATEMENT_TIMEOUT_MS", default=20000)

# --- Cache --------------------------------------------------------------------------------------
# Holds the login throttle's counts, so it must be one cache for every process: by default a table
# of the database (`migrate` creates it: accounts/apps.py).
CACHES = {"default": env.cache("CACHE_URL", default="dbcache://oneonone_cache")}
if CACHES["default"]["BACKEND"].endswith(("DatabaseCache", "LocMemCache")):
    # Django culls these caches past 300 entries, live ones included: a burst of failed logins
    # on other names must not erase the counts of the name under attack.
    CACHES["default"].setdefault("OPTIONS", {}).setdefault("MAX_ENTRIES", 100_000)

# --- Accounts and auth --------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "web:login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 8},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Opt-in paging of list endpoints (?limit=&offset=, core/paging.py): the largest page served.
API_PAGE_MAX = env.int("API_PAGE_MAX", default=500)
# A whole list served at once is read and encoded this many items at a time (core/jsonlist.py).
API_LIST_CHUNK = env.int("API_LIST_CHUNK", default=2000)
# Failed logins are counted per (username, client); past the limit within the window: 429.
LOGIN_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=10)
LOGIN_FAILURE_WINDOW_SECONDS = env.int("LOGIN_FAILURE_WINDOW_SECONDS", default=60)
# How POST /api/auth/token/ (the MentorQ contract) checks an email + lcs_token pair.
IDENTITY_BACKEND = env.str("IDENTITY_BACKEND", default="accounts.identity.LocalTokenIdentity")
IDENTITY_SERVICE_URL = env.str("IDENTITY_SERVICE_URL", default="")
IDENTITY_SERVICE_TIMEOUT = env.float("IDENTITY_SERVICE_TIMEOUT", default=5.0)
PROFILE_PHOTO_MAX_BYTES = env.int("PROFILE_PHOTO_MAX_BYTES", default=5 * 1024 * 1024)
PHONE_DEFAULT_REGION = env.str("PHONE_DEFAULT_REGION", default="US")

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # simplejwt's, refusing tokens ended by a logout or a password change (accounts.tokens)
        "accounts.tokens.VersionedJWTAuthentication",
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    # DRF's three, with a JSON parser that refuses deep nesting and lone surrogates (400).
    "DEFAULT_PARSER_CLASSES": [
        "core.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "core.api.exception_handler",
    "NUM_PROXIES": env.int("NUM_PROXIES", default=0),
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SIMPLE_JWT = {
    "ACCESS_TOKEN_LIFETIME": timedelta(minutes=env.int("JWT_ACCESS_MINUTES", default=60)),
    "REFRESH_TOKEN_LIFETIME": timedelta(days=env.int("JWT_REFRESH_DAYS", default=7)),
    "ROTATE_REFRESH_TOKENS": True,
    "BLACKLIST_AFTER_ROTATION": True,
    "UPDATE_LAST_LOGIN": True,
    "AUTH_HEADER_TYPES": ("Bearer",),
    "SIGNING_KEY": env.str("JWT_SIGNING_KEY", default=SECRET_KEY),
    # refresh refuses tokens ended by a logout or a password change (accounts.tokens)
    "TOKEN_REFRESH_SERIALIZER": "accounts.tokens.VersionedTokenRefreshSerializer",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "OneOnOne API",
    "DESCRIPTION": (
        "One server, five HTTP contracts (the seed documents), one account system. "
        "Every authenticated endpoint accepts `Authorization: Bearer <JWT>` and "
        "`Authorization: Token <key>`."
    ),
    "VERSION": "0.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # One name for seed 000's availability status (Open, Booked), used by several components.
    "ENUM_NAME_OVERRIDES": {"AvailabilityStatusEnum": ["Open", "Booked"]},
    "PREPROCESSING_HOOKS": ["core.api.drop_slashless_duplicates"],
    # Tags in contract order, operationIds, summaries, examples and errors (core/api_docs.py).
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "core.api_docs.document_operations",
    ],
}

# --- Scheduling rounds --------------------------------------------------------------------------
# Key of the invitation links' HMAC (scheduling/tokens.py); empty means SECRET_KEY.
INVITATION_TOKEN_KEY = env.str("INVITATION_TOKEN_KEY", default="")
# Where an invitation email points; {base}, {calendar_id} and {token} are filled in. By default
# this server's own respond endpoint (seed 001); point it at a web page that calls it instead.
INVITATION_LINK_TEMPLATE = env.str(
    "INVITATION_LINK_TEMPLATE", default="{base}/schedules/calendars/{calendar_id}/respond/{token}/"
)
INVITATION_NUDGE_HOURS = env.int("INVITATION_NUDGE_HOURS", default=24)
REMINDER_MIN_INTERVAL_MINUTES = env.int("REMINDER_MIN_INTERVAL_MINUTES", default=60)
SUGGESTION_COUNT = env.int("SUGGESTION_COUNT", default=3)
SUGGESTION_TIME_LIMIT_SECONDS = env.float("SUGGESTION_TIME_LIMIT_SECONDS", default=10.0)
# Seed 001's client: "seed" (the seed's shapes) or "howardhe02" (its real front-end's shapes).
ONEONONE_P2_CLIENT = env.str("ONEONONE_P2_CLIENT", default="seed")
if ONEONONE_P2_CLIENT not in ("seed", "howardhe02"):
    raise ImproperlyConfigured("ONEONONE_P2_CLIENT must be 'seed' or 'howardhe02'.")

# --- Help queue ---------------------------------------------------------------------------------
# How many tickets one owner may have OPEN or CLAIMED at a time (0: no limit).
HELPQUEUE_MAX_OPEN_TICKETS_PER_OWNER = env.int("HELPQUEUE_MAX_OPEN_TICKETS_PER_OWNER", default=0)
# Seed 002's client: "seed" (the documented shapes) or "hackru" (HackRU's MentorQ front-end:
# extra ticket fields, PATCH without status, a refresh token that is not rotated, richer stats).
MENTORQ_CLIENT = env.str("MENTORQ_CLIENT", default="seed")
if MENTORQ_CLIENT not in ("seed", "hackru"):
    raise ImproperlyConfigured('MENTORQ_CLIENT must be "seed" or "hackru"')

# --- Time, language, files ----------------------------------------------------------------------
LANGUAGE_CODE = "en-us"
TIME_ZONE = env.str("TIME_ZONE", default="UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=VAR_DIR / "static")
Path(STATIC_ROOT).mkdir(
    parents=True, exist_ok=True
)  # whitenoise expects it, even before collectstatic
MEDIA_URL = env.str("MEDIA_URL", default="/media/")
MEDIA_ROOT = env.path("MEDIA_ROOT", default=VAR_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# --- Email and the outbox -----------------------------------------------------------------------
EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.filebased.EmailBackend")
EMAIL_FILE_PATH = env.path("EMAIL_FILE_PATH", default=VAR_DIR / "outbox")
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="OneOnOne <noreply@oneonone.local>")
# A failed delivery is retried after a delay drawn between half and all of a ceiling that
# doubles from OUTBOX_RETRY_BASE_SECONDS up to OUTBOX_RETRY_MAX_SECONDS (exponential + jitter).
OUTBOX_RETRY_BASE_SECONDS = env.int("OUTBOX_RETRY_BASE_SECONDS", default=30)
OUTBOX_RETRY_MAX_SECONDS = env.int("OUTBOX_RETRY_MAX_SECONDS", default=3600)
# A message still failing this long after it was due is marked failed (retry it in the admin).
OUTBOX_GIVE_UP_AFTER_SECONDS = env.int("OUTBOX_GIVE_UP_AFTER_SECONDS", default=24 * 3600)
# A message claimed for sending but never marked sent (a worker died) is retried after this.
OUTBOX_STALE_SENDING_SECONDS = env.int("OUTBOX_STALE_SENDING_SECONDS", default=300)
# Absolute address of this server, used in links that go out by email.
# Unset: this machine at the port `make run` serves (PORT, default 8000).
PUBLIC_BASE_URL = env.str(
    "PUBLIC_BASE_URL", default=f"http://127.0.0.1:{env.int('PORT', default=8000)}"
).rstrip("/")

# --- Tasks --------------------------------------------------------------------------------------
# No broker: tasks run in-process (eagerly) right after the transaction commits.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
if CELERY_TASK_ALWAYS_EAGER:
    CELERY_BROKER_URL = "memory://localhost/"  # never contacted: tasks run eagerly
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = "UTC"
# Beat's record of when each periodic task last ran: under var/, not the working directory.
CELERY_BEAT_SCHEDULE_FILENAME = env.str(
    "CELERY_BEAT_SCHEDULE_FILENAME", default=str(VAR_DIR / "celerybeat-schedule")
)
CELERY_BEAT_SCHEDULE = {
    "deliver-pending-messages": {
        "task": "notifications.tasks.deliver_pending_messages",
        "schedule": 30.0,
    },
    "send-invitation-nudges": {
        "task": "scheduling.tasks.send_due_nudges",
        "schedule": 60.0,
    },
    "send-session-reminders": {
        "task": "mentoring.tasks.send_due_reminders",
        "schedule": 30.0,
    },
}
# A session reminder found more than this late (the beat was down) is skipped, not sent late.
MENTORING_REMINDER_GRACE_SECONDS = env.int("MENTORING_REMINDER_GRACE_SECONDS", default=300)
# Seed 000's client: "seed" (the shapes the seed documents) or "momentors" (the real front-end,
# TeamProductionSystem/Momentors_Frontend). Differences: docs/contracts/000-team-production.md.
TEAM_PRODUCTION_CLIENT = env.str("TEAM_PRODUCTION_CLIENT", default="seed").strip().lower()
if TEAM_PRODUCTION_CLIENT not in ("seed", "momentors"):
    raise ImproperlyConfigured("TEAM_PRODUCTION_CLIENT must be 'seed' or 'momentors'.")
# Where a password-reset email points (seed 000, djoser's reset): {uid} and {token} are filled
# in, and {base} with PUBLIC_BASE_URL. Point it at the front-end's confirm page.
PASSWORD_RESET_URL_TEMPLATE = env.str(
    "PASSWORD_RESET_URL_TEMPLATE", default="{base}/password/reset/confirm/{uid}/{token}"
)
# How long a password-reset link works, in seconds (Django's token generator).
PASSWORD_RESET_TIMEOUT = env.int("PASSWORD_RESET_TIMEOUT", default=24 * 3600)
# On the embedded default a thread in the web process runs the periodic work instead of beat.
INPROCESS_BEAT = env.bool("INPROCESS_BEAT", default=CELERY_TASK_ALWAYS_EAGER)
INPROCESS_BEAT_SECONDS = env.float("INPROCESS_BEAT_SECONDS", default=30.0)

# Debug pages and error reports mask passwords inside URLs too (CELERY_BROKER_URL, DATABASE_URL).
DEFAULT_EXCEPTION_REPORTER_FILTER = "core.debug.UrlPasswordFilter"

# Longest wait of each dependency check of GET /ready/ (core/health.py).
HEALTH_CHECK_TIMEOUT_SECONDS = env.float("HEALTH_CHECK_TIMEOUT_SECONDS", default=3.0)

# --- Logging ------------------------------------------------------------------------------------
# Every line through structlog (config/logs.py): "text" (readable) or "json" (one object a line).
LOG_FORMAT = env.str("LOG_FORMAT", default="text").strip().lower()
LOG_LEVEL = env.str("LOG_LEVEL", default="INFO").strip().upper()  # the root logger's level
LOGGING = logging_config(LOG_FORMAT, LOG_LEVEL)
configure_structlog()
# django-structlog (core/request_logs.py): one request_finished line per request, with the
# request id (X-Request-ID) bound to every line logged meanwhile. request_started only at DEBUG.
DJANGO_STRUCTLOG_STATUS_START_LOG_LEVEL = logging.DEBUG
# The X-Request-ID it reads is checked first (core.request_logs.RequestIdMiddleware).
DJANGO_STRUCTLOG_TRUST_UPSTREAM_REQUEST_ID = True
DJANGO_STRUCTLOG_IP_LOGGING_ENABLED = False  # spoofable without a proxy; gunicorn logs the peer
# With a broker, a task carries the request's log context (its request_id) in its message
# headers, and `celery worker` binds it (config/celery_app.py). Eager tasks share the request's.
DJANGO_STRUCTLOG_CELERY_ENABLED = not CELERY_TASK_ALWAYS_EAGER

# --- HTTPS (production, behind a reverse proxy that terminates TLS; README "Production") ---------
if not DEBUG:
    # The header the proxy sets to tell a request came over HTTPS; empty when nothing strips a
    # client's own copy of it (no proxy in front: then never trust it).
    _proxy_header = env.str("SECURE_PROXY_SSL_HEADER", default="X-Forwarded-Proto")
    if _proxy_header:
        SECURE_PROXY_SSL_HEADER = ("HTTP_" + _proxy_header.upper().replace("-", "_"), "https")
    SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=True)
    CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=True)
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=False)
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=False)
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
