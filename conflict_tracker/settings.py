"""Settings for Conflict Tracker: one module, configured by environment variables only.

With nothing set it runs on SQLite with Celery tasks executed in-process after the transaction
commits, so `make run` needs no other service. Production sets DATABASE_URL (PostgreSQL) and
CELERY_BROKER_URL (Redis); see README.md for every variable.
"""

import datetime as dt
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from kombu import Queue

from conflict_tracker.env import envbool, envint, envlist, envstr, local_secret_key
from conflict_tracker.security import tile_image_source

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = envbool("DEBUG", False)
# Production sets SECRET_KEY; a local checkout gets a random key kept in var/ (never committed).
SECRET_KEY = envstr("SECRET_KEY") or local_secret_key(BASE_DIR / "var" / "secret_key")

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    # Trigram and full-text search on PostgreSQL (lookups only; SQLite searches with LIKE).
    "django.contrib.postgres",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "csp",
    "axes",
    "conflict_tracker",
    "articles",
    "entities",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "conflict_tracker.middleware.RejectNullCharactersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: turns a locked-out login into its 429 page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "conflict_tracker.urls"
WSGI_APPLICATION = "conflict_tracker.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "conflict_tracker.context_processors.site",
            ],
        },
    },
]

# Database: SQLite in the project folder unless DATABASE_URL names another one.
DATABASES = {
    "default": dj_database_url.parse(
        envstr("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=envint("DATABASE_CONN_MAX_AGE", 60, minimum=0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # The dashboard's queries are short: PostgreSQL's JIT compiler spent 300-500 ms planning
    # them on the million-report benchmark and saved nothing. Off for this application's
    # connections only, unless DATABASE_URL's own options say otherwise.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# django-axes first: it refuses a locked-out login before the password is even checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(envstr("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
# Leaflet (with leaflet.markercluster), the country outlines (world-atlas, read with
# topojson-client) and cytoscape.js come from npm (`npm ci`) and are served from node_modules.
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/leaflet", BASE_DIR / "node_modules" / "leaflet" / "dist"),
    ("vendor/leaflet.markercluster", BASE_DIR / "node_modules" / "leaflet.markercluster" / "dist"),
    ("vendor/topojson-client", BASE_DIR / "node_modules" / "topojson-client" / "dist"),
    ("vendor/world-atlas", BASE_DIR / "node_modules" / "world-atlas"),
    ("vendor/cytoscape", BASE_DIR / "node_modules" / "cytoscape" / "dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": envstr(
            "STATICFILES_BACKEND",
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage",
        )
    },
}

# Security headers; production sets SECURE_SSL_REDIRECT and friends behind its TLS proxy.
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SECURE = envbool("SESSION_COOKIE_SECURE", False)
CSRF_COOKIE_SECURE = envbool("CSRF_COOKIE_SECURE", False)
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", False)
if envbool("USE_X_FORWARDED_PROTO", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# HSTS: off until the site is known to be served over TLS only (browsers remember it).
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 0, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", False)

# Login lockout (django-axes): after LOGIN_FAILURE_LIMIT failed logins for one username from one
# address, that pair is refused for LOGIN_LOCKOUT_MINUTES (429). Attempts are kept in the database,
# so every web process sees them. The address is the one the rate limits use (TRUSTED_PROXY_COUNT).
AXES_FAILURE_LIMIT = envint("LOGIN_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = dt.timedelta(minutes=envint("LOGIN_LOCKOUT_MINUTES", 15, minimum=1))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "conflict_tracker.api_guards.client_address"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "conflict_tracker.views.login_locked_out"
AXES_VERBOSE = False

# Cache: per-process memory unless CACHE_URL names a shared Redis (recommended in production,
# where several web processes serve the dashboard's cached activity counts).
# Rate limits (API throttles, the upload form) count in "throttle", which every web process must
# share for a limit to hold: the same Redis, or else a database table (created by a migration).
CACHE_URL = envstr("CACHE_URL")
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}
    if CACHE_URL
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "throttle": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": CACHE_URL,
        "KEY_PREFIX": "throttle",
    }
    if CACHE_URL
    else {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "throttle_cache",
        # Counters expire within their window; culling early would forgive a client.
        "OPTIONS": {"MAX_ENTRIES": 100_000},
    },
}

# Celery: with no broker configured, tasks run in-process (eagerly) after the transaction commits.
CELERY_BROKER_URL = envstr("CELERY_BROKER_URL")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
# With no broker, an upload (or one article re-processed from its page) is extracted by a thread
# of the web process after the upload is answered (articles.background); the article page shows
# its progress. 0: the upload request waits for its extraction. Imports and `reprocess` from the
# command line run in their own process either way.
UPLOADS_IN_BACKGROUND = envbool("UPLOADS_IN_BACKGROUND", True)
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A broker that stops answering (Redis frozen, a half-open connection) must not hold a request:
# connecting, and each read or write on the broker's socket, gives up after this many seconds.
# An upload whose send fails is answered all the same (saved, queued); the sweep sends it later.
BROKER_TIMEOUT_SECONDS = envint("BROKER_TIMEOUT_SECONDS", 3, minimum=1)
CELERY_BROKER_CONNECTION_TIMEOUT = BROKER_TIMEOUT_SECONDS
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.5,
    "socket_connect_timeout": BROKER_TIMEOUT_SECONDS,
    # Above the worker's 1 s wait for messages (BRPOP), which must not time out.
    "socket_timeout": BROKER_TIMEOUT_SECONDS + 1,
}
CELERY_TASK_PUBLISH_RETRY = False
# Two queues: an analyst's upload (or one article re-processed from its page) goes to "uploads";
# imports, bulk re-processing and the sweep go to "bulk". A worker started without -Q consumes
# both; one started with `-Q uploads` (docker-compose's `upload-worker`) serves uploads only, so a
# bulk import never delays an upload.
CELERY_UPLOAD_QUEUE = "uploads"
CELERY_TASK_DEFAULT_QUEUE = "bulk"
CELERY_TASK_QUEUES = (
    Queue(CELERY_UPLOAD_QUEUE, routing_key=CELERY_UPLOAD_QUEUE),
    Queue(CELERY_TASK_DEFAULT_QUEUE, routing_key=CELERY_TASK_DEFAULT_QUEUE),
)
CELERY_TASK_SOFT_TIME_LIMIT = envint("CELERY_TASK_SOFT_TIME_LIMIT", 120, minimum=1)
CELERY_TASK_TIME_LIMIT = envint("CELERY_TASK_TIME_LIMIT", 180, minimum=1)
# An article left in "queued" longer than this is queued again by the periodic sweep.
ARTICLE_REQUEUE_AFTER_SECONDS = envint("ARTICLE_REQUEUE_AFTER_SECONDS", 300, minimum=1)
CELERY_BEAT_SCHEDULE = {
    "sweep-stuck-articles": {
        "task": "articles.tasks.sweep_stuck_articles",
        "schedule": float(envint("ARTICLE_SWEEP_INTERVAL_SECONDS", 60, minimum=1)),
    },
}

# Extraction: the spaCy model package to load; the official one is tried first if this is unset.
SPACY_MODEL = envstr("SPACY_MODEL")
# Where the compiled gazetteer index is cached.
GAZETTEER_CACHE_DIR = Path(envstr("GAZETTEER_CACHE_DIR", str(BASE_DIR / "var" / "cache")))
# Largest article text accepted from the form, the API and the importer, in bytes.
ARTICLE_MAX_BYTES = envint("ARTICLE_MAX_BYTES", 2 * 1024 * 1024, minimum=1)
# Shortest article text accepted, in characters after page furniture is removed: a headline or
# a teaser alone is not a report. 0 accepts any length.
ARTICLE_MIN_CHARS = envint("ARTICLE_MIN_CHARS", 200, minimum=0)
DATA_UPLOAD_MAX_MEMORY_SIZE = ARTICLE_MAX_BYTES + 512 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = ARTICLE_MAX_BYTES + 512 * 1024

# Map tiles: any XYZ tile server; markers render even when no tiles are reachable.
MAP_TILE_URL = envstr("MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_TILE_ATTRIBUTION = envstr("MAP_TILE_ATTRIBUTION", "&copy; OpenStreetMap contributors")

# Content-Security-Policy (django-csp): scripts, styles and everything else from this site only;
# no inline script or style (data for scripts travels in json_script blocks, which never run).
# Images may also come from the map's tile server. The API docs pages relax it for themselves
# (conflict_tracker/api_urls.py).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, *filter(None, [tile_image_source(MAP_TILE_URL)])],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# REST API. These defaults are the ones in force: an API view only adds to them or narrows them
# (conflict_tracker/tests/test_settings.py checks every one).
API_REQUIRE_LOGIN = envbool("API_REQUIRE_LOGIN", False)
REST_FRAMEWORK = {
    # Token first: its challenge ("WWW-Authenticate: Token") makes a missing login a 401.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    # Reading is open unless API_REQUIRE_LOGIN is set; writing always needs a signed-in user.
    "DEFAULT_PERMISSION_CLASSES": [
        "rest_framework.permissions.IsAuthenticated"
        if API_REQUIRE_LOGIN
        else "rest_framework.permissions.IsAuthenticatedOrReadOnly"
    ],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.SearchFilter",
        "conflict_tracker.api_defaults.StrictOrderingFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "conflict_tracker.api_defaults.ApiPagination",
    "PAGE_SIZE": envint("API_PAGE_SIZE", 50, minimum=1),
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
        "conflict_tracker.api_defaults.CSVRenderer",
    ],
    "DEFAULT_SCHEMA_CLASS": "conflict_tracker.api_schema.ApiAutoSchema",
    "EXCEPTION_HANDLER": "conflict_tracker.api_errors.api_exception_handler",
    "DEFAULT_PARSER_CLASSES": [
        "conflict_tracker.api_guards.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_THROTTLE_CLASSES": [
        "conflict_tracker.api_guards.AnonRateThrottle",
        "conflict_tracker.api_guards.UserRateThrottle",
    ],
    # Proxies in front of the app whose X-Forwarded-For is believed; 0: the client's own address,
    # so a client cannot dodge a limit by sending a made-up X-Forwarded-For.
    "NUM_PROXIES": envint("TRUSTED_PROXY_COUNT", 0, minimum=0),
    "DEFAULT_THROTTLE_RATES": {
        "anon": envstr("API_THROTTLE_ANON", "600/minute"),
        "user": envstr("API_THROTTLE_USER", "6000/minute"),
        "uploads": envstr("API_THROTTLE_UPLOADS", "60/minute"),
    },
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Conflict Tracker API",
    "DESCRIPTION": "Actors, places and meetings extracted from Syria conflict news, with sources.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
    "ENUM_NAME_OVERRIDES": {
        "ActorKindEnum": "entities.models.Actor.Kind",
        "PlaceKindEnum": "entities.models.Place.Kind",
        "MeetingKindEnum": "entities.models.Meeting.Kind",
        # A place's and an event's geo_precision share their values, not their labels.
        "PlaceGeoPrecisionEnum": "entities.models.Place.GeoPrecision",
        "EventGeoPrecisionEnum": "entities.models.Event.GeoPrecision",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": envstr("LOG_LEVEL", "INFO")},
}
