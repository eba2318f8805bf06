"""Settings shared by every environment. Environment-specific files import * from here."""

import os
from pathlib import Path

from django.utils.translation import gettext_lazy as _

from .database import database_from_env
from .storage import media_origin, media_storage

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SECRET_KEY = os.environ.get("SECRET_KEY", "demo-only-insecure-key-change-me")
DEBUG = False
ALLOWED_HOSTS = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "localhost,127.0.0.1").split(",") if h.strip()]

INSTALLED_APPS = [
    "lms",
    "readaloud",
    "learners",
    "lessons",
    "quizzes",
    "practice",
    "classes",
    "offline",
    "certificates",
    "reports",
    "backoffice",
    "pagecache",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "lms.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "lms.middleware.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "lms.middleware.SharedComputerMiddleware",
    "lms.middleware.CachedSiteMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "axes.middleware.AxesMiddleware",
    "pagecache.middleware.PageCacheMiddleware",  # last: the others handle a cached page as a rendered one
]

ROOT_URLCONF = "lms.urls"
WSGI_APPLICATION = "lms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "learners.context_processors.display",
                "pagecache.context_processors.csrf_placeholder",
            ],
            "builtins": ["lms.templatetags.lms_tags"],
        },
    },
]

DATABASES = {"default": database_from_env(os.environ, BASE_DIR / "db.sqlite3")}
# A streaming replica of the primary: the reports dashboards and exports read from it (lms/replica.py).
if os.environ.get("DATABASE_REPLICA_URL", "").strip():
    DATABASES["replica"] = database_from_env({"DATABASE_URL": os.environ["DATABASE_REPLICA_URL"]}, None)
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["lms.replica.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "learners.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "learners.backends.UsernameOrMobileBackend",
]
PASSWORD_HASHERS = [
    "lms.hashers.OwaspArgon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "learners:login"
# A page restricted to signed-in people or groups sends visitors to the same sign-in page (not Wagtail's own form).
WAGTAIL_FRONTEND_LOGIN_URL = LOGIN_URL
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"

# Sign-in throttling (django-axes): 5 failures per username+IP lock for 15 minutes.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "learners/locked_out.html"
AXES_RESET_ON_SUCCESS = True

# Behind nginx: the number of proxies whose X-Forwarded-For entry is trusted (lms.client_ip), 0 = none.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "lms.client_ip.client_ip"
RATELIMIT_IP_META_KEY = "lms.client_ip.client_ip"

# Internationalisation: Thai first, English second.
LANGUAGE_CODE = "th"
LANGUAGES = [("th", _("Thai")), ("en", _("English"))]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Asia/Bangkok"
LOCALE_PATHS = [BASE_DIR / "locale"]

STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "var" / "static"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))
MEDIA_URL = "/media/"
STORAGES = {
    "default": media_storage(os.environ),
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Documents always through the app (their privacy rules), also when media is on S3, where Wagtail would redirect.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WHITENOISE_MAX_AGE = 60  # unhashed files; hashed files get a year automatically

# Cache shared by every app server: Redis through django-redis when REDIS_URL (or CACHE_URL) is set; a Redis
# outage degrades to cache misses (IGNORE_EXCEPTIONS), sessions fall back to the database (cached_db) and the
# verification rate limit fails open. Unset: per-process memory, database sessions (make demo, tests).
REDIS_URL = os.environ.get("REDIS_URL") or os.environ.get("CACHE_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "lms",
            "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 0.5, "SOCKET_TIMEOUT": 0.5},
        }
    }
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    RATELIMIT_FAIL_OPEN = True

# Anonymous home, catalogue, course and lesson pages from the cache above for this many seconds (pagecache
# app; 0 = off). Visitors with a session (everyone signed in) never use it; publishing clears it at once.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "300"))

# Sessions: shared-computer sessions expire after 30 idle minutes (lms.middleware).
SESSION_COOKIE_AGE = 14 * 24 * 3600
SHARED_COMPUTER_IDLE_SECONDS = 30 * 60

# Background work: Django's task API through django-tasks, stored in the database.
# What `manage.py backup` counts into its manifest and `manage.py restore` checks afterwards (lms/backups.py).
BACKUP_COUNTED_MODELS = {
    "courses": "lessons.CoursePage",
    "lessons": "lessons.LessonPage",
    "lesson progress": "lessons.LessonProgress",
    "quiz answers": "quizzes.Answer",
    "certificates": "certificates.Certificate",
    "accounts": "learners.User",
}

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Read-aloud audio made on the server (readaloud app): espeak-ng voices, speed, Opus bit rate, where files live
# (outside MEDIA_ROOT: only the permission-checked view serves them).
READ_ALOUD_ROOT = Path(os.environ.get("READ_ALOUD_ROOT", BASE_DIR / "var" / "read-aloud"))
# READ_ALOUD_ON_PUBLISH=0 turns the audio task off (the load-test cluster does, so workers keep to the load).
READ_ALOUD_ON_PUBLISH = os.environ.get("READ_ALOUD_ON_PUBLISH", "1") != "0"
READ_ALOUD_VOICES = {"th": "th", "en": "en-us"}
READ_ALOUD_WORDS_PER_MINUTE = 150
READ_ALOUD_BITRATE_KBPS = 16

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Open Badges credentials (certificates/badges/keys.py): PEM keys; production sets the signing key.
BADGES_KEY_DIR = Path(os.environ.get("BADGES_KEY_DIR", BASE_DIR / "var" / "badge-keys"))
BADGES_SIGNING_KEY_FILE = os.environ.get("BADGES_SIGNING_KEY_FILE", "")
BADGES_SIGNING_KEY = os.environ.get("BADGES_SIGNING_KEY", "")
BADGES_GENERATE_KEY = True  # demo: generate one key on first use; off in production
LOCALE_PATHS += [BASE_DIR / "certificates" / "badges" / "locale"]

WAGTAIL_SITE_NAME = "ศูนย์ดิจิทัลชุมชน"
# The site's public address, printed under the certificate QR code and encoded in it.
PUBLIC_BASE_URL = os.environ.get("PUBLIC_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", PUBLIC_BASE_URL)
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "txt", "xlsx"]
WAGTAILIMAGES_FORMAT_CONVERSIONS = {"png": "webp", "jpeg": "webp", "gif": "webp", "bmp": "webp"}
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
# A new translation starts as a draft (wagtail-localize would publish an untranslated copy of a live page at
# once); it goes live when centre staff approve it (backoffice).
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False

# Content-Security-Policy (django-csp 4): site pages run only our own static scripts and styles — no inline
# <script>, no style attributes, no eval (htmx is configured with allowEval false in base.html). The Wagtail
# admin gets a looser policy (lms.middleware.ContentSecurityPolicyMiddleware) because Wagtail needs it.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *filter(None, [media_origin(os.environ)])],  # images from S3, if there
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "script-src": ["'self'", "'unsafe-inline'", "'unsafe-eval'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": [*CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"], "blob:"],
        "frame-ancestors": ["'self'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
