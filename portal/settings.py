"""Settings for the Futian HK & Macau Youth Portal.

One module; every difference between machines comes from the environment
(see `.env.example`). Defaults are safe: DEBUG off, SQLite file, console email.
"""

from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env("SECRET_KEY", default="insecure-dev-key-change-me-" + "x" * 30)
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# The bare view that `make bench` compares pages against exists only here.
BENCHMARK = env.bool("BENCHMARK", default=False)

INSTALLED_APPS = [
    # modeltranslation must come before admin to patch its forms.
    "modeltranslation",
    # django.contrib.admin, with a site that lets in only staff with an authenticator app.
    "portal.apps.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sites",
    "django_filters",
    "csp",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "simple_history",
    "django_tasks",
    "django_tasks_db",
    "portal",
    "portal.capacity",
    "portal.staffbases",
    "incubators",
    "incubators.lab",
    "incubators.teams",
    "incubators.residency",
    "incubators.transit",
    "incubators.makerlab",
    "programs",
    "programs.courses",
    "programs.events",
    "programs.cohorts",
    "programs.posts",
    "programs.onestop",
    "lodging",
    "lodging.apartments",
    "lodging.stations",
    "subsidies",
]
# Schemes that exist only for the tests (tests/schemes/); pytest turns them on (pyproject.toml).
if env.bool("TEST_SCHEMES", default=False):
    INSTALLED_APPS.append("tests.schemes")

MIDDLEWARE = [
    # First, so every response (static files and error pages too) gets its headers.
    "portal.site.middleware.ResponseHeadersMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # After the language is known, before anything reads the body or queries with the URL.
    "portal.site.middleware.RequestGuardMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"
SITE_ID = 1

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
                "portal.site.context_processors.site",
            ],
        },
    },
]

# How long a team member's email invitation stays valid (incubators/teams).
TEAM_INVITATION_DAYS = env.int("TEAM_INVITATION_DAYS", default=14)

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite has no row locks (select_for_update does nothing): writers take the database's write
    # lock when their transaction begins, and wait for it rather than fail "database is locked",
    # so bookings made at once on the embedded database queue up instead of erroring.
    DATABASES["default"].setdefault("OPTIONS", {}).update({"transaction_mode": "IMMEDIATE", "timeout": 20})
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
    SESSION_ENGINE = "django.contrib.sessions.backends.cache"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Anonymous catalogue pages are cached this many seconds (0 turns it off).
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=300)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: Traditional Chinese (Hong Kong usage) first and default.
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"

# Accounts (django-allauth): email only, verified by a code typed on the same phone.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED = True
ACCOUNT_PASSWORD_RESET_BY_CODE_ENABLED = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_REAUTHENTICATION_REQUIRED = True
ACCOUNT_UNIQUE_EMAIL = True
# A new applicant's first stop is the profile every application reuses.
ACCOUNT_SIGNUP_REDIRECT_URL = "profile:edit"
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
# Tell the applicant when their password, email address or two-step sign-in changes, so a
# change they did not make does not go unnoticed.
ACCOUNT_EMAIL_NOTIFICATIONS = True
# allauth's rate limits are on by default and are kept in the cache (Redis when configured).
# They count per client IP: behind the load balancer every request comes from its address, so
# allauth must read the visitor's own from X-Forwarded-For (the number of proxies in front of
# the app that append to it, 1 behind one load balancer) or from a header the proxy sets
# (e.g. X-Real-IP); otherwise one visitor's failed logins would lock everyone out.
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
ALLAUTH_TRUSTED_CLIENT_IP_HEADER = env("TRUSTED_CLIENT_IP_HEADER", default=None)
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Futian Youth Portal"

# Background tasks: run at once unless a queue is configured ("database" in production).
TASK_BACKEND = env("TASK_BACKEND", default="immediate")
TASKS = {
    "default": {
        "BACKEND": {
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
            "database": "django_tasks_db.backend.DatabaseBackend",
        }[TASK_BACKEND]
    }
}

LANGUAGE_CODE = "zh-hant"
LANGUAGES = [
    ("zh-hant", "繁體中文"),
    ("en", "English"),
    ("zh-hans", "简体中文"),
]
MODELTRANSLATION_DEFAULT_LANGUAGE = "zh-hant"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("zh-hant", "en")
# locale/ comes first: makemessages writes there. locale/overrides/ holds our wording for
# allauth's and Django's own strings (Hong Kong usage); makemessages would drop those msgids
# from locale/, and any LOCALE_PATHS entry beats the app catalogues.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale" / "overrides"]
FORMAT_MODULE_PATH = ["portal.formats"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
# Hashed, compressed static files need `collectstatic`; tests and `make run` use plain names.
STATIC_MANIFEST = env.bool("STATIC_MANIFEST", default=not DEBUG)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if STATIC_MANIFEST
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Tests run without collectstatic; whitenoise then finds files through the finders.
WHITENOISE_USE_FINDERS = env.bool("WHITENOISE_USE_FINDERS", default=DEBUG)

# Email: console unless configured.
EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="福田港澳青年服務平台 <noreply@futian-youth.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Security. HTTPS settings follow DEBUG: on in production, off for `make run`.
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# The portal's 403 page, in the visitor's language, when a form's CSRF token is refused.
CSRF_FAILURE_VIEW = "portal.site.views.csrf_failure"
# No page uses these browser features. A check-in scanner would need camera=(self) one day.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "browsing-topics",
        "camera",
        "display-capture",
        "fullscreen",
        "geolocation",
        "gyroscope",
        "hid",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
)

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "style-src": ["'self'"],
        "script-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="WARNING")},
}

PORTAL_NAME = _("Futian Hong Kong & Macau Youth Portal")
CONTACT_EMAIL = env("CONTACT_EMAIL", default="youth@futian.example")
CONTACT_PHONE = env("CONTACT_PHONE", default="")

# Applicant documents live outside MEDIA_ROOT and are served only through a permission check.
PRIVATE_MEDIA_ROOT = env.path("PRIVATE_MEDIA_ROOT", default=BASE_DIR / "private-media")
UPLOAD_MAX_BYTES = env.int("UPLOAD_MAX_BYTES", default=10 * 1024 * 1024)
# A whole request (files and form fields): refused from its declared length, before its body is
# read (portal.site.middleware). One file at the limit fits; several files together share it.
REQUEST_MAX_BYTES = UPLOAD_MAX_BYTES + 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = REQUEST_MAX_BYTES
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# Bump when the privacy notice changes: applicants are asked to agree again.
PRIVACY_NOTICE_VERSION = env("PRIVACY_NOTICE_VERSION", default="2026-11")
# Absolute links in emails.
# Without it, production links go to the first allowed host over HTTPS (never a loopback address).
_LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}
_PUBLIC_HOST = next((h for h in ALLOWED_HOSTS if h not in _LOOPBACK and "*" not in h), "")
SITE_URL = env(
    "SITE_URL",
    default=f"https://{_PUBLIC_HOST.lstrip('.')}" if _PUBLIC_HOST and not DEBUG else "http://127.0.0.1:8000",
)
# How long a place freed for the next person on a waiting list stays offered to them.
CAPACITY_OFFER_HOURS = env.int("CAPACITY_OFFER_HOURS", default=24)
