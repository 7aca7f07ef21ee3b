"""The shared mechanisms know no scheme: a second scheme adds its model, form and admin only.

And the parts every app adds to (roles, the catalogue loader, the home page, the URLs) list no
app: each app declares what it adds on its AppConfig, and the shared code reads every AppConfig.
"""

import ast
import inspect

import pytest
from django.apps import apps
from django.urls import reverse

from portal import roles
from portal import urls as portal_urls
from portal.admin import base as admin_base
from portal.applications import claims, journey, services, tasks, workflow
from portal.applications import views as application_views
from portal.capacity import bookings
from portal.capacity import services as capacity_services
from portal.catalogue import actions, seed
from portal.management.commands import create_demo_places
from portal.site import home
from portal.site import views as site_views

SHARED = [
    workflow,
    claims,
    journey,
    services,
    application_views,
    admin_base,
    tasks,
    bookings,
    capacity_services,
]
# Code every app adds to; it must find the apps, not name them.
APP_REGISTRIES = [roles, seed, home, site_views, portal_urls, actions, create_demo_places]
APPS = ["incubators", "programs", "lodging", "subsidies"]


def code_words(module):
    """Names, imports and string literals of a module's code; comments and docstrings are prose."""
    tree = ast.parse(inspect.getsource(module))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            yield node.id
        elif isinstance(node, ast.Attribute):
            yield node.attr
        elif isinstance(node, ast.ImportFrom):
            yield node.module or ""
        elif isinstance(node, ast.alias):
            yield node.name
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            yield node.value


@pytest.mark.parametrize("module", SHARED, ids=lambda m: m.__name__)
def test_shared_code_has_no_scheme_specific_branch(module):
    words = [word for word in code_words(module) if "subsid" in word.lower() or "internship" in word.lower()]
    assert words == [], f"{module.__name__} names a scheme: {words}"


def test_the_check_sees_scheme_names():
    """The check itself can fail: the subsidy's own views do name their scheme."""
    from subsidies import views

    assert any("Subsidy" in word for word in code_words(views))


@pytest.mark.parametrize("module", APP_REGISTRIES, ids=lambda m: m.__name__)
def test_shared_code_names_no_app(module):
    names = {*APPS, "programmes", "subsid", "incubator", "lodging", "programme"}
    words = [word for word in code_words(module) if any(name in word.lower() for name in names)]
    assert words == [], f"{module.__name__} names an app: {words}"


def test_the_app_check_sees_app_names():
    """The check itself can fail: the URLs named every app before the apps declared theirs."""
    from subsidies import apps as subsidy_apps

    assert any("subsid" in word for word in code_words(subsidy_apps))


def test_each_app_declares_its_seed_sections():
    sections = seed.catalogue()
    for label, section in [
        ("incubators", "incubators"),
        ("programs", "programmes"),
        ("lodging", "lodging_schemes"),
        ("subsidies", "subsidy_schemes"),
    ]:
        assert section in sections, label
        assert sections[section].model._meta.app_label == label


def test_each_app_declares_its_role_permissions():
    wanted = roles.role_permissions()
    assert "subsidies.mark_paid" in wanted["data manager"]
    assert "subsidies.view_subsidyapplication" in wanted["approver"]  # approvers are reviewers too
    for label in APPS:
        models = apps.get_app_config(label).catalogue_models
        assert models
        assert {f"{label}.change_{model}" for model in models} <= set(wanted["data manager"])


def test_each_app_declares_its_urls():
    for label in APPS:
        config = apps.get_app_config(label)
        assert reverse(f"{label}:{_first_url_name(config.urls_module)}").startswith(
            f"/en/{config.url_prefix}"
        )


def _first_url_name(module_path):
    from importlib import import_module

    return next(p.name for p in import_module(module_path).urlpatterns if getattr(p, "name", None))


@pytest.mark.django_db
def test_each_app_declares_its_home_section():
    parts = home.home_parts()
    assert {part.template.split("/")[0] for part in parts} == {"incubators", "programs", "lodging"}
    assert {part.section for part in parts} == {"bases", "programmes", "life"}
