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


def cache_entries() -> int:
    """How many pages the cache holds (each cached page is one header key and one body key)."""
    return sum(1 for key in cache._cache if ".cache_page." in key)


def test_query_strings_a_page_does_not_use_make_no_new_copy(client, page_cache):
    client.get("/en/programmes/")
    client.get("/en/incubators/workshop/")
    stored = cache_entries()
    assert stored >= 2

    for n in range(25):
        assert client.get(f"/en/programmes/?utm_source=x{n}&fbclid={n}").status_code == 200
        assert client.get(f"/en/incubators/workshop/?v={n}").status_code == 200

    assert cache_entries() == stored


def test_the_same_filters_in_any_order_or_spelling_are_one_copy(client, page_cache):
    first = client.get("/en/programmes/?category=training&open_now=on")
    Programme.objects.filter(slug="training").update(name_en="Renamed after caching")
    stored = cache_entries()

    for url in [
        "/en/programmes/?open_now=on&category=training",
        "/en/programmes/?category=training&open_now=yes&ref=newsletter",
        "/en/programmes/?category=training&open_now=on&audience=",
    ]:
        response = client.get(url)
        assert b"Renamed after caching" not in response.content, url

    assert first.status_code == 200
    assert cache_entries() == stored


def test_a_filter_changes_the_page_and_has_its_own_copy(client, page_cache):
    everything = client.get("/en/programmes/").content.decode()
    training = client.get("/en/programmes/?category=training").content.decode()

    assert training != everything
    assert 'value="training" selected' in training


def test_filter_values_the_page_refuses_are_never_stored(client, page_cache):
    client.get("/en/programmes/")
    stored = cache_entries()

    for n in range(10):
        response = client.get(f"/en/programmes/?category=made-up-{n}&audience=nobody-{n}")
        assert response.status_code == 200
        assert "max-age" not in response.get("Cache-Control", "")

    assert cache_entries() == stored
