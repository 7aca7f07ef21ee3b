"""Every URL that names an object, tried by everyone who must not reach it.

The URLs come from the resolver, not from a list written here: a new URL that takes an
object's id is covered as soon as it exists. For each one, the rightful user must reach it
(so a wrong id cannot make the test pass), and an anonymous visitor, another applicant and a
staff member without the permission must get 403 or 404 (anonymous visitors may instead be
sent to sign in; a method the URL never accepts is 405 for everyone), for GET and POST, with
nothing changed.
"""

import re

import pytest
from django.contrib import admin
from django.contrib.admindocs.views import extract_views_from_urlpatterns
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.urls import get_resolver, reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from portal.models import Application, Document, Status, StatusChange

OBJECT_PARAMS = {"pk", "id", "reference", "object_id", "history_id"}


def object_urls():
    """(name, parameter names) of every named URL whose route carries an object identifier."""
    found = {}
    for _view, route, namespaces, name in extract_views_from_urlpatterns(get_resolver().url_patterns):
        # path() routes name their parameters <type:name>; re_path() ones as regex groups.
        params = set(re.findall(r"<(?:\w+:)?(\w+)>", route)) | set(re.compile(route).groupindex)
        if name and params & OBJECT_PARAMS:
            found[":".join([*(namespaces or []), name])] = params
    return found


def admin_object(name):
    """The model object an admin URL name refers to ("admin:portal_application_change" → an Application)."""
    for model in admin.site._registry:
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}_"
        if name.startswith(prefix):
            return model, model._default_manager.order_by("pk").first()
    raise AssertionError(f"no admin model for {name}")


@pytest.fixture
def world(db, mfa_staff, make_applicant, make_subsidy_application, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    owner = make_applicant("owner")
    application = make_subsidy_application(owner, Status.IN_REVIEW)
    # A draft too, so the journey's draft-only pages have something to show their owner.
    draft = make_subsidy_application(owner, Status.DRAFT)
    make_subsidy_application(owner, Status.APPROVED)  # with a payment schedule
    # One queued task, so the task-queue admin pages have a row to be tried on.
    DBTaskResult.objects.create(
        args_kwargs={"args": [0], "kwargs": {}},
        task_path="portal.tasks.send_status_email",
        backend_name="default",
        run_after=timezone.now(),
    )
    return {
        "owner": owner,
        "application": application,
        "draft": draft,
        "document": Document.objects.create(
            application=application,
            kind="proof",
            file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="proof.pdf"),
            original_name="proof.pdf",
            content_type="application/pdf",
            size=16,
            uploaded_by=owner,
        ),
        "other": make_applicant("other"),
        "staff_no_role": mfa_staff("nobody"),
        "superuser": mfa_staff("root", superuser=True),
    }


def kwargs_for(name, params, world):
    if name == "admin:view_on_site":
        content_type = ContentType.objects.get_for_model(Application)
        return {"content_type_id": content_type.pk, "object_id": world["application"].pk}, world["superuser"]
    if name.startswith("admin:"):
        model, obj = admin_object(name)
        assert obj is not None, f"no {model.__name__} row to try {name} with"
        values = {"object_id": obj.pk, "id": obj.pk, "pk": obj.pk}
        if "history_id" in params:
            values["history_id"] = obj.history.first().history_id
        return {p: values[p] for p in params}, world["superuser"]
    values = {"pk": world["document"].pk, "id": world["document"].pk}
    app = world["draft"] if name.startswith("subsidies:apply") else world["application"]
    values["reference"] = app.reference
    return {p: values[p] for p in params}, world["owner"]


def test_the_matrix_finds_the_object_urls():
    names = set(object_urls())
    for expected in [
        "applications:detail",
        "applications:respond",
        "applications:withdraw",
        "documents:download",
        "subsidies:apply_details",
        "subsidies:apply_check",
        "admin:portal_application_change",
        "admin:subsidies_subsidyapplication_change",
    ]:
        assert expected in names
    print("\nObject URLs covered:\n  " + "\n  ".join(sorted(names)))


def test_nobody_else_reaches_an_object(world, client):
    checked = []
    for name, params in sorted(object_urls().items()):
        kwargs, rightful = kwargs_for(name, params, world)
        url = reverse(name, kwargs=kwargs)
        client.force_login(rightful)
        assert client.get(url).status_code != 404, f"{rightful} cannot reach {url}: the test's id is wrong"
        client.logout()

        before = (
            StatusChange.objects.count(),
            list(Application.objects.values_list("pk", "status")),
            Document.objects.count(),
        )
        for viewer in ["anonymous", "other", "staff_no_role"]:
            if viewer != "anonymous":
                client.force_login(world[viewer])
            for method in ("get", "post"):
                response = getattr(client, method)(url, follow=True)
                final = response.redirect_chain[-1][0] if response.redirect_chain else url
                signed_out_to_login = viewer == "anonymous" and "/accounts/login/" in final
                # 405 comes before any lookup (the same for every id, real or not), so it reveals nothing.
                assert response.status_code in (403, 404, 405) or signed_out_to_login, (
                    f"{viewer} {method.upper()} {url} → {response.status_code} at {final}"
                )
                assert world["application"].reference.encode() not in response.content or signed_out_to_login
            client.logout()
        after = (
            StatusChange.objects.count(),
            list(Application.objects.values_list("pk", "status")),
            Document.objects.count(),
        )
        assert after == before, f"{url} changed something for someone who may not reach it"
        checked.append(url)
    assert len(checked) >= 10
