"""Bad input never answers 500: every URL and every form, with values no one should send.

The URLs come from the resolver (as in test_access_matrix), so a new page is tried as soon as it
exists. Each is tried anonymously, as the applicant who owns the data, and as verified staff:
with hostile path parameters, hostile query strings, and each form on the page posted back with
hostile values in every field. Run it on PostgreSQL too (`make test-pg`), which refuses NUL in text.
"""

import itertools
from urllib.parse import quote

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse

from portal.models import Document
from tests.markup import parse
from tests.portal.test_access_matrix import (
    GROUP,
    PARAM,
    every_url,
    fill,
    world_fixture,  # noqa: F401 - the `world` fixture, shared
)

NUL = "\x00"
HOSTILE = {
    "long": "長" * 10_000,
    "rtl": "\u202eFT-2026-000001\u202c",
    "emoji": "👩🏽‍💻🇭🇰" * 20,
    "controls": "a\x01\x07\x1b[2Jb\x7f",
    "quote": "'\"); DROP TABLE portal_application; --<script>",
}
# Raw bytes that are not UTF-8 at all, in a path, a query string and a form body.
INVALID_UTF8 = "%FF%FE%C0%AF"
# All of them in one value (10 KB in UTF-8), for the path parameters, where one value fits at a time.
EVERYTHING = "".join(reversed(HOSTILE.values()))[:3400]
FORM = "application/x-www-form-urlencoded"
QUERY_NAMES = [
    "q",
    "page",
    "o",
    "p",
    "e",
    "next",
    "category",
    "audience",
    "open_now",
    "_changelist_filters",
    "status",
]


def hostile_paths(route):
    """The route with every parameter replaced by each hostile value, percent-encoded as browsers send it."""
    for value in [NUL, INVALID_UTF8, EVERYTHING]:
        encoded = value if value == INVALID_UTF8 else quote(value, safe="")
        yield "/" + PARAM.sub(encoded, GROUP.sub(encoded, route)).replace("^", "").replace("$", "")


def encoded_values():
    """Each hostile value as it travels in a query string or form body, invalid UTF-8 among them."""
    return itertools.cycle([*(quote(value, safe="") for value in HOSTILE.values()), INVALID_UTF8])


def hostile_queries():
    values = encoded_values()
    yield "&".join(f"{name}={next(values)}" for name in QUERY_NAMES)
    # NUL on its own: the guard answers 404 at the first one, before the other values are read.
    yield "q=%00&page=%00&next=%00"


def form_fields(response) -> set[str]:
    """The names of the fields of the forms on a page, as a browser would post them back."""
    if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
        return set()
    page = parse(response.content)
    names = {
        element.attrs["name"]
        for element in page.iter()
        if element.tag in {"input", "select", "textarea", "button"} and element.attrs.get("name")
    }
    return names - {"csrfmiddlewaretoken"}


def hostile_bodies(names):
    names = sorted(names | {"q", "next"})
    values = encoded_values()
    yield "&".join(f"{quote(name)}={next(values)}" for name in names)
    yield "&".join(f"{quote(name)}=%00" for name in names)


@pytest.fixture
def people(world, make_applicant):
    return {"anonymous": None, "applicant": world["owner"], "verified staff": world["superuser"]}


def test_no_hostile_input_gets_a_500(world, people, client):
    """Every request is rolled back afterwards, so one hostile form cannot change what the next URL finds."""
    client.raise_request_exception = False
    failures, tried = [], 0

    def attempt(method, url, **kwargs):
        nonlocal tried
        tried += 1
        with transaction.atomic():
            response = getattr(client, method)(url, **kwargs)
            transaction.set_rollback(True)
        if response.status_code >= 500:
            failures.append(f"{method.upper()} {url[:120]!r} → {response.status_code}")
        return response

    urls = [(name, route) for name, route, _view in every_url()]
    for who, user in people.items():
        for name, route in urls:
            if user is not None:
                client.force_login(user)
            url = fill(route, world, name)
            page = attempt("get", url)
            if who != "verified staff" and "/admin/" in url:
                # The admin turns them away before any view reads the input (test_access_matrix
                # shows where to): one hostile form each is enough to show that holds.
                attempt("post", url, data=next(hostile_bodies(set())), content_type=FORM)
                continue
            for hostile in hostile_paths(route) if PARAM.search(route) or GROUP.search(route) else []:
                attempt("get", hostile)
            for query in hostile_queries():
                attempt("get", f"{url}?{query}")
            for body in hostile_bodies(form_fields(page)):
                attempt("post", url, data=body, content_type=FORM)
            if user is not None and not client.session.get("_auth_user_id"):
                client.force_login(user)  # a hostile form signed them out: carry on signed in
    assert not failures, "\n".join(failures)
    assert tried > 1500, tried
    assert Document.objects.filter(pk=world["document"].pk).exists()  # the rollbacks worked


def test_a_nul_in_a_reference_is_404(client, world):
    client.force_login(world["owner"])
    reference = world["application"].reference
    for url in [
        f"/en/applications/{reference}%00/",
        f"/en/applications/{reference}/?page=%00",
        f"/en/subsidies/apply/%00{reference}/",
    ]:
        assert client.get(url).status_code == 404, url


def test_a_form_posted_in_utf16_gets_the_400_page(client, world):
    client.force_login(world["owner"])
    body = "message=你好"  # the test client encodes it in the charset the content type names
    response = client.post(
        reverse("applications:respond", args=[world["application"].reference]),
        data=body,
        content_type="application/x-www-form-urlencoded; charset=utf-16",
        HTTP_ACCEPT_LANGUAGE="zh-hant",
    )
    assert response.status_code == 400
    page = parse(response.content)
    assert page.find("h1").text == "Request not understood"
    assert "Send it as UTF-8" in page.find(cls="notice").text


def test_a_form_in_utf8_with_a_charset_is_still_read(client, world):
    """Declaring UTF-8 is what some browsers do: only other charsets are refused."""
    client.force_login(world["owner"])
    response = client.post(
        reverse("profile:edit"),
        data="name_zh=x",
        content_type="application/x-www-form-urlencoded; charset=UTF-8",
    )
    assert response.status_code in (200, 302)


@pytest.mark.parametrize(
    "value",
    ["陳\x07大文", "Chan\x1b[31m", "\u202eFT-2026", "tab\x0bbed", "a\x85b"],
    ids=["bell", "terminal escape", "RTL override", "vertical tab", "C1 next line"],
)
def test_control_characters_in_a_text_field_are_refused_with_a_message(client, world, value):
    client.force_login(world["owner"])
    application = world["application"]
    type(application).objects.filter(pk=application.pk).update(status="more_info")
    response = client.post(reverse("applications:respond", args=[application.reference]), {"message": value})
    assert response.status_code == 200
    page = parse(response.content)
    assert "This text contains invisible control characters. Type it again without them." in page.text
    assert not application.changes.filter(action="resubmit").exists()


def test_line_breaks_and_tabs_in_a_textarea_are_kept(client, world):
    client.force_login(world["owner"])
    application = world["application"]
    type(application).objects.filter(pk=application.pk).update(status="more_info")
    answer = "第一行\r\n第二行\n\tindented 👍"
    response = client.post(reverse("applications:respond", args=[application.reference]), {"message": answer})
    assert response.status_code == 302
    assert application.changes.filter(action="resubmit").latest("pk").note == answer


def test_every_form_field_of_the_admin_and_allauth_refuses_control_characters_too(rf):
    """The check is on every form CharField, not on a list of forms: the admin's and allauth's too."""
    from allauth.account.forms import LoginForm, SignupForm

    from portal.admin.base import TransitionForm
    from portal.applications.forms import WithdrawForm

    forms = [
        (LoginForm(request=rf.get("/")), "password"),
        (SignupForm(), "password1"),
        (TransitionForm(), "note"),
        (WithdrawForm(), "reason"),
    ]
    for form, name in forms:
        field = form.fields[name]
        with pytest.raises(ValidationError) as refused:
            field.clean("secret\x1b[0m")
        assert refused.value.messages == [
            "This text contains invisible control characters. Type it again without them."
        ], (form, name)


class ExplodingInput:
    """A request body that fails the test if anything reads it."""

    def read(self, *args):
        raise AssertionError("the body was read")

    readline = read


def test_a_request_declared_over_the_limit_is_refused_before_its_body_is_read(client, world, settings):
    settings.REQUEST_MAX_BYTES = 2048
    client.force_login(world["owner"])
    response = client.generic(
        "POST",
        reverse("subsidies:apply_documents", args=[world["draft"].reference]),
        b"x",
        content_type="multipart/form-data; boundary=xyz",
        CONTENT_LENGTH=str(50 * 1024 * 1024),
        HTTP_ACCEPT_LANGUAGE="en",
        **{"wsgi.input": ExplodingInput()},
    )
    assert response.status_code == 413
    page = parse(response.content)
    assert page.find("h1").text == "Too large to send"
    assert page.find(cls="notice").text == (
        "What you sent is too large (50.0 MB). The portal takes at most 2.0 KB at a time: "
        "send large files one by one, or make them smaller."
    )


def test_a_real_upload_over_the_limit_gets_the_page_in_the_visitors_language(client, world, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.REQUEST_MAX_BYTES = 4096
    client.force_login(world["owner"])
    response = client.post(
        f"/zh-hant/subsidies/apply/{world['draft'].reference}/documents/",
        {"file": SimpleUploadedFile("big.pdf", b"%PDF-1.4\n" + b"0" * 10_000)},
    )
    assert response.status_code == 413
    page = parse(response.content)
    assert page.find("h1").text == "內容太大，無法傳送"
    assert page.find(cls="notice").text.startswith("你傳送的內容太大（")
    assert not Document.objects.filter(application=world["draft"], original_name="big.pdf").exists()
