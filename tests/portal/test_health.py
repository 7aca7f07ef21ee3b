"""/healthz (the process answers) and /readyz (it can serve: database, cache, migrations)."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.recorder import MigrationRecorder


def test_healthz_answers_ok_without_the_database(client):
    # No `db` fixture: database access would raise, so this also shows healthz needs none.
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_is_not_redirected_to_a_language(client):
    assert client.get("/healthz/").status_code in {301, 404}
    assert client.get("/healthz").status_code == 200


@pytest.mark.django_db
def test_readyz_is_ready_when_database_cache_and_migrations_are(client):
    response = client.get("/readyz")

    assert response.status_code == 200
    assert response.json() == {
        "status": "ready",
        "checks": {"database": "ok", "cache": "ok", "migrations": "ok"},
    }
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_readyz_is_not_ready_when_the_cache_is_unreachable(client, settings):
    # Nothing listens on port 1.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }

    response = client.get("/readyz")

    assert response.status_code == 503
    assert response.json()["status"] == "not ready"
    assert response.json()["checks"]["cache"] == "unreachable"
    assert response.json()["checks"]["database"] == "ok"


@pytest.mark.django_db
def test_readyz_is_not_ready_while_a_migration_is_unapplied(client):
    """New code started before `migrate` finished (its newest migration not yet applied) gets no traffic.

    Django knows what is applied from its migration table; removing the newest lodging migration
    from it is exactly what the database of a not-yet-migrated deploy looks like to readyz.
    The change is rolled back with the test's transaction, so the schema stays whole.
    """
    graph = MigrationExecutor(connection).loader.graph
    leaf = next(node for node in graph.leaf_nodes() if node[0] == "lodging")
    MigrationRecorder(connection).record_unapplied(*leaf)

    response = client.get("/readyz")

    assert response.status_code == 503
    assert response.json()["status"] == "not ready"
    assert response.json()["checks"]["migrations"] == "unapplied"
    assert response.json()["checks"]["database"] == "ok"
