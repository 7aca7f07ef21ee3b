"""Production settings pass Django's deployment checks; models and migrations agree.

Both run `manage.py` in a fresh process, as a deploy does, with an environment built from scratch
(the test run's own overrides, set by pytest-env, would otherwise leak in).
"""

import os
import secrets
import subprocess
import sys
from pathlib import Path

from django.conf import settings

MANAGE = Path(settings.BASE_DIR) / "manage.py"
# Only what a process needs to run; DATABASE_URL passes through so the checks see the same database.
KEEP = {"PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "DATABASE_URL", "VIRTUAL_ENV"}


def manage(*args, **env_values) -> subprocess.CompletedProcess:
    env = {name: value for name, value in os.environ.items() if name in KEEP}
    env.update(env_values)
    return subprocess.run(
        [sys.executable, str(MANAGE), *args],
        env=env,
        cwd=MANAGE.parent,
        capture_output=True,
        text=True,
        timeout=120,
    )


def production_env(**overrides) -> dict[str, str]:
    # SECURE_SSL_REDIRECT, SECURE_HSTS_SECONDS and the like are left out: their production defaults apply.
    return {
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50)[:50],
        "ALLOWED_HOSTS": "portal.example",
        "SITE_URL": "https://portal.example",
        **overrides,
    }


def test_deploy_checks_pass_with_production_settings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **production_env())

    assert result.returncode == 0, result.stdout + result.stderr


def test_deploy_checks_refuse_emails_that_link_to_a_loopback_host():
    result = manage(
        "check", "--deploy", "--fail-level", "WARNING", **production_env(SITE_URL="http://127.0.0.1:8000")
    )

    assert result.returncode != 0 and "portal.W001" in result.stdout + result.stderr


def test_models_and_migrations_agree():
    result = manage("makemigrations", "--check", "--dry-run", **production_env())

    assert result.returncode == 0, f"models changed without a migration:\n{result.stdout}{result.stderr}"
