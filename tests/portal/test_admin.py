"""Admin smoke test: a superuser opens every registered model's list, add page and an object's page."""

import datetime

import pytest
from allauth.mfa.models import Authenticator
from django.contrib import admin
from django.contrib.auth.models import Group
from django.contrib.sites.models import Site
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation
from django_tasks_db.models import DBTaskResult

from incubators.models import Incubator
from portal.applications.tasks import send_status_email
from portal.capacity.models import Place
from portal.capacity.services import hold
from portal.models import Status, StatusChange
from programs.models import Programme
from tests.markup import form_data, parse
from tests.worlds import build_all

REGISTERED = sorted(admin.site._registry, key=lambda model: model._meta.label)
# The language staff read; the admin must work in the others too (spot-checked below).
STAFF_LANGUAGE = "zh-hans"


def admin_url(model, view, *args, language=STAFF_LANGUAGE):
    with translation.override(language):
        return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


@pytest.fixture
def one_of_each(catalogue, superuser, make_applicant, make_subsidy_application, settings):
    """At least one row of every registered model (the catalogue is seeded; the rest made here)."""
    make_subsidy_application(make_applicant("approved"), status=Status.APPROVED)
    make_subsidy_application(make_applicant("waiting"), status=Status.SUBMITTED)
    # A queued email, as production queues them (TASK_BACKEND=database).
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}
    send_status_email.enqueue(StatusChange.objects.first().pk)
    assert DBTaskResult.objects.exists()
    assert Group.objects.exists() and Site.objects.exists() and Authenticator.objects.exists()
    # Places (portal.capacity): seats of a programme, one of them held.
    hold([Place.objects.create(target=Programme.objects.first(), size=10)], application=None)
    # Each scheme's own rows (tests/worlds.py).
    build_all(make_applicant("world"))


def _label(model):
    return model._meta.label


@pytest.mark.parametrize("model", REGISTERED, ids=_label)
def test_admin_pages_of_every_model_open(admin_client_mfa, superuser, one_of_each, model):
    model_admin = admin.site._registry[model]
    request = RequestFactory().get("/")
    request.user = superuser

    changelist = admin_client_mfa.get(admin_url(model, "changelist"))
    assert changelist.status_code == 200, "list"
    assert changelist.context["cl"].result_count >= 1, "the list shows none of the rows that exist"

    if model_admin.search_fields:
        search = admin_client_mfa.get(admin_url(model, "changelist"), {"q": "福田"})
        assert search.status_code == 200, "search"

    # Some rows are made only by the portal itself (applications, payments): their admin says no.
    add_allowed = model_admin.has_add_permission(request)
    assert admin_client_mfa.get(admin_url(model, "add")).status_code == (200 if add_allowed else 403), "add"

    obj = model._default_manager.order_by("pk").first()
    assert obj is not None, f"no {model._meta.label} to open: add one to the one_of_each fixture"
    assert admin_client_mfa.get(admin_url(model, "change", obj.pk)).status_code == 200, "change"


@pytest.mark.parametrize("language", ["zh-hant", "en", "zh-hans"])
def test_admin_opens_in_every_language(admin_client_mfa, catalogue, language):
    workshop = Incubator.objects.get(slug="workshop")

    assert admin_client_mfa.get(f"/{language}/admin/").status_code == 200
    change_page = admin_url(Incubator, "change", workshop.pk, language=language)
    assert admin_client_mfa.get(change_page).status_code == 200


def test_staff_set_a_programme_rule_in_the_admin(admin_client_mfa, catalogue):
    """The rules the document does not give (application window, places) are set by staff here."""
    programme = Programme.objects.get(slug="hk-special-internship")
    url = admin_url(Programme, "change", programme.pk)
    data = form_data(parse(admin_client_mfa.get(url).content).find("form", id="programme_form"))
    data.update(capacity="40", opens_on="2026-06-01", closes_on="2026-06-30")

    response = admin_client_mfa.post(url, data)

    assert response.status_code == 302, parse(response.content).find("form").text[:2000]
    programme.refresh_from_db()
    assert programme.capacity == 40
    assert programme.opens_on == datetime.date(2026, 6, 1)
    assert programme.closes_on == datetime.date(2026, 6, 30)
    assert programme.name_zh_hant == "香港青年專項實習計劃"
    assert programme.features.count() == 2
