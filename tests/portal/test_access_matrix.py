"""Every URL that names an object, tried by everyone who must not reach it.

The URLs come from the resolver, not from a list written here: a new URL that takes an
object's id is covered as soon as it exists. For each one, the rightful user must reach it
(so a wrong id cannot make the test pass), and an anonymous visitor, another applicant and a
staff member without the permission must get 403 or 404 (anonymous visitors may instead be
sent to sign in; a method the URL never accepts is 405 for everyone), for GET and POST, with
nothing changed.
"""

import datetime
import re
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.admindocs.views import extract_views_from_urlpatterns
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.urls import get_resolver, reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from portal.capacity.models import Place
from portal.capacity.services import hold
from portal.models import Application, Document, Status, StatusChange
from tests import worlds
from tests.worlds import build_all

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


@pytest.fixture(name="world")
def world_fixture(db, mfa_staff, make_applicant, make_subsidy_application, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    owner = make_applicant("owner")
    application = make_subsidy_application(owner, Status.IN_REVIEW)
    # A draft too, so the journey's draft-only pages have something to show their owner.
    draft = make_subsidy_application(owner, Status.DRAFT)
    # Approved, with a payment schedule; other months, so it is not the same claim.
    make_subsidy_application(
        owner, Status.APPROVED, start=datetime.date(2027, 1, 1), end=datetime.date(2027, 3, 31)
    )
    # One queued task, so the task-queue admin pages have a row to be tried on; with the queue
    # production uses (the test backend runs tasks at once and cannot show a queued one).
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}
    DBTaskResult.objects.create(
        args_kwargs={"args": [0], "kwargs": {}},
        task_path="portal.applications.tasks.send_status_email",
        backend_name="default",
        run_after=timezone.now(),
    )
    # Places (portal.capacity), one held by the application, so the capacity admin has rows.
    hold([Place.objects.create(target=application, size=5)], application=application)
    return {
        # Each scheme's own rows (tests/worlds.py).
        "schemes": build_all(owner),
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


def scheme_world(world, name):
    """The world of the scheme whose namespace is the longest one `name` starts with ("a:b:apply" → "a:b")."""
    parts = name.split(":")[:-1]
    for end in range(len(parts), 0, -1):
        if (found := world["schemes"].get(":".join(parts[:end]))) is not None:
            return found
    return None


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
    if (scheme := scheme_world(world, name)) is not None:
        app = scheme["draft"] if ":apply" in name else scheme["application"]
        values.update(scheme.get("values", {}))
    values["reference"] = app.reference
    return {p: values[p] for p in params}, world["owner"]


def without_own_url(response, url) -> bytes:
    """The page without the links to its own address (canonical, language versions): the 404 page
    links to the URL the visitor typed, which tells them nothing new."""
    path = urlsplit(url).path.split("/", 2)[-1]
    return re.sub(rb"/(?:en|zh-hant|zh-hans)/" + re.escape(path.encode()), b"", response.content)


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
                assert world["application"].reference.encode() not in without_own_url(response, final) or (
                    signed_out_to_login
                )
            client.logout()
        after = (
            StatusChange.objects.count(),
            list(Application.objects.values_list("pk", "status")),
            Document.objects.count(),
        )
        assert after == before, f"{url} changed something for someone who may not reach it"
        checked.append(url)
    assert len(checked) >= 10


# Every URL, classified: a staff member without an authenticator app gets nothing staff-only.

# Who each URL outside /admin/ is for. Every /admin/ URL is staff-only and allauth's own pages
# are each signed-in person's account; anything else must be named here, so a new URL fails
# `test_every_url_is_classified` until someone says who it is for (and the matrix then tries it).
PUBLIC = {
    "root",
    "healthz",
    "readyz",
    "home",
    "contact",
    "privacy",
    "incubators:list",
    "incubators:detail",
    "programs:list",
    "programs:detail",
    "subsidies:internship",
    "lodging:list",
}
APPLICANT = {
    "profile:detail",
    "profile:edit",
    "profile:export",
    "profile:close",
    "applications:list",
    "applications:detail",
    "applications:respond",
    "applications:withdraw",
    "applications:accept",
    "applications:calendar",
    "subsidies:apply",
    "subsidies:apply_details",
    "subsidies:apply_documents",
    "subsidies:apply_check",
    "subsidies:apply_done",
}
# The applicant's own documents, and, for verified staff who review, everyone's.
STAFF_OUTSIDE_ADMIN = {"documents:download"}
# And each scheme's (tests/worlds.py).
PUBLIC |= worlds.names("PUBLIC")
APPLICANT |= worlds.names("APPLICANT")
STAFF_OUTSIDE_ADMIN |= worlds.names("STAFF_OUTSIDE_ADMIN")
GROUP = re.compile(r"\(\?P<(\w+)>[^)]*\)")
PARAM = re.compile(r"<(?:\w+:)?(\w+)>")


def every_url():
    """(name or None, route, view) of every URL pattern the portal answers, admin and allauth included."""
    return [
        (":".join([*(namespaces or []), name]) if name else None, route, view)
        for view, route, namespaces, name in extract_views_from_urlpatterns(get_resolver().url_patterns)
    ]


def kind_of(name, route, view):
    path = route.split("/", 1)[1] if re.match(r"^(en|zh-hant|zh-hans)/", route) else route
    if path.startswith("admin/"):
        return "staff"
    if name in STAFF_OUTSIDE_ADMIN:
        return "staff"
    if getattr(view, "__module__", "").startswith("allauth."):
        return "account"
    if name in PUBLIC:
        return "public"
    if name in APPLICANT:
        return "applicant"
    return None


def fill(route, world, name=None):
    """The route with each parameter replaced by a real value (of someone else's data)."""
    obj = None
    admin_model = re.search(r"admin/(\w+)/(\w+)/", route)
    if admin_model:
        try:
            model = apps.get_model(admin_model.group(1), admin_model.group(2))
        except LookupError:  # admin/password_change/done/ and the like name no model
            model = None
        if model is not None:
            obj = model._default_manager.order_by("pk").first()
            assert obj is not None, f"no {model.__name__} row to try {route} with"
    slugs = {"incubators": "workshop", "programmes": "training"}
    # The journey's pages take a draft; the others an application under review.
    application = world["draft"] if "/apply/" in route else world["application"]
    values = {
        "reference": application.reference,
        # An admin URL's <id> names its own model's row; elsewhere <pk> is the document.
        "pk": obj.pk if obj is not None else world["document"].pk,
        "id": obj.pk if obj is not None else world["document"].pk,
        "content_type_id": ContentType.objects.get_for_model(Application).pk,
        "object_id": obj.pk if obj is not None else world["application"].pk,
        "history_id": lambda: obj.history.first().history_id,
        "app_label": "portal",
        "url": "nowhere/",
        "slug": next((slug for prefix, slug in slugs.items() if f"/{prefix}/" in f"/{route}"), None),
    }
    if name and (scheme := scheme_world(world, name)) is not None:
        values["reference"] = (scheme["draft"] if ":apply" in name else scheme["application"]).reference
        values.update(scheme.get("values", {}))

    def value(match):
        name = match.group(1)
        assert values.get(name) is not None, f"the matrix does not know what to put in <{name}> of {route}"
        return str(values[name]() if callable(values[name]) else values[name])

    return "/" + PARAM.sub(value, GROUP.sub(value, route)).replace("^", "").replace("$", "")


@pytest.fixture
def unverified_staff(mfa_staff):
    """Staff signed in with a password alone, no authenticator: one in every role, one superuser."""
    return [
        mfa_staff("all-roles", groups=["reviewer", "approver", "data manager"], totp=False),
        mfa_staff("root-no-totp", superuser=True, totp=False),
    ]


def test_every_url_is_classified():
    unknown = unclassified()
    assert not unknown, f"say who these URLs are for (PUBLIC, APPLICANT or STAFF_OUTSIDE_ADMIN): {unknown}"


def unclassified():
    return [(name, route) for name, route, view in every_url() if kind_of(name, route, view) is None]


@pytest.mark.urls("tests.portal.test_error_pages")
def test_a_new_url_fails_the_matrix_until_someone_says_who_it_is_for():
    """That URLconf adds three test pages to the portal's: the check must notice them."""
    assert {route for _name, route in unclassified()} == {"boom/", "suspicious/", "forbidden/"}


def refused_to_unverified_staff(client, url, method):
    """Follow the answer to `url` until it leaves the staff pages; return why it is a refusal, or fail."""
    setup_paths = {reverse("mfa_activate_totp"), reverse("account_reauthenticate")}
    response = getattr(client, method)(url)
    hops = [response]
    while response.status_code == 302 and len(hops) < 5:
        target = urlsplit(response["Location"]).path
        if target in setup_paths:
            return "set up an authenticator"
        response = client.get(response["Location"])
        hops.append(response)
    assert response.status_code in (403, 404, 405), f"{method.upper()} {url} → {response.status_code}"
    return str(response.status_code)


def test_staff_without_an_authenticator_get_nothing_staff_only(world, client, unverified_staff):
    owner = world["owner"].profile if hasattr(world["owner"], "profile") else None
    secrets = [world["application"].reference.encode()]
    if owner is not None:
        secrets += [owner.id_number.encode(), owner.name_en.encode()]
    verified = world["superuser"]
    checked = {}
    for name, route, view in every_url():
        kind = kind_of(name, route, view)
        url = fill(route, world, name)
        if kind == "staff" and name != "admin:catch_all_view" and not url.endswith("/nowhere/"):
            # The control: a verified superuser reaches it, so a wrong id cannot make the test pass.
            client.force_login(verified)
            answer = client.get(url)
            assert answer.status_code != 404, f"{url}: the matrix's id is wrong"
            assert urlsplit(answer.get("Location", "")).path != reverse("mfa_activate_totp")
        for staff in unverified_staff:
            for method in ("get", "post") if kind == "staff" else ("get",):
                client.force_login(staff)
                if kind == "staff":
                    checked[f"{method.upper()} {url}"] = refused_to_unverified_staff(client, url, method)
                else:
                    response = client.get(url, follow=True)
                    assert response.status_code < 500, f"GET {url} → {response.status_code}"
                    final = response.redirect_chain[-1][0] if response.redirect_chain else url
                    for secret in secrets:
                        assert secret not in without_own_url(response, final), (
                            f"{url} showed {secret!r} to {staff}"
                        )
        client.logout()
    staff_urls = [key for key in checked if "/admin/" in key]
    assert len(staff_urls) > 100, len(staff_urls)
    assert any("/documents/" in key for key in checked)
    print(f"\n{len(checked)} staff-only requests refused to staff without an authenticator")
