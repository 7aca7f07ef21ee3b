"""The anonymous page cache: one copy per page and language, shared by visitors,
never carrying anyone's own data."""

import pytest
from django.core.cache import cache

from programs.models import Programme

pytestmark = pytest.mark.usefixtures("catalogue")


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


def test_anonymous_pages_are_served_from_the_cache(client, page_cache):
    first = client.get("/en/programmes/")
    Programme.objects.filter(slug="training").update(name_en="Renamed after caching")
    second = client.get("/en/programmes/")

    assert first.status_code == second.status_code == 200
    assert b"Renamed after caching" not in second.content
    assert "max-age=300" in second["Cache-Control"]


def test_each_language_has_its_own_copy(client, page_cache):
    client.get("/en/")

    response = client.get("/zh-hant/")

    assert '<html lang="zh-hant">' in response.content.decode()


def test_signed_in_visitors_are_not_served_the_shared_copy(client, page_cache, django_user_model):
    client.get("/en/programmes/")
    Programme.objects.filter(slug="training").update(name_en="Renamed after caching")
    user = django_user_model.objects.create_user(username="amy@example.com", email="amy@example.com")
    client.force_login(user)

    response = client.get("/en/programmes/")

    assert b"Renamed after caching" in response.content
    assert "max-age=300" not in response.get("Cache-Control", "")


def test_one_visitors_message_is_not_cached_for_everyone(client, page_cache, django_user_model):
    """Signing out leaves a "signed out" message for the next page: only that visitor may see it."""
    user = django_user_model.objects.create_user(
        username="amy@example.com", email="amy@example.com", password="a-long-password-2026"
    )
    client.force_login(user)
    client.post("/en/accounts/logout/")
    own = client.get("/en/")
    messages = list(own.context["messages"]) if own.context else []

    stranger = client.__class__().get("/en/")

    assert messages, "the signed-out visitor did not get the message (test set-up)"
    assert b'class="messages"' not in stranger.content, "another visitor's message was served from the cache"
