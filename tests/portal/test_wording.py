"""Hong Kong wording on every account page and email an applicant reads.

allauth's and Django's own catalogues use Taiwan wording (您, 帳號, 電子郵件, 二階段…) and
ASCII punctuation in Chinese; the portal overrides them (locale/overrides/). These tests walk
the pages as an applicant meets them, in Traditional and Simplified Chinese, and read every
visible word and every email.
"""

import re
import time

import opencc
import pytest
from allauth.account.models import EmailAddress
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from tests.markup import Element, parse

pytestmark = pytest.mark.django_db

PASSWORD = "harbour-lights-2026"
# Taiwan words a Hong Kong reader notices, the second word for recovery codes, and the
# full-width dot allauth ended a sentence with (「我們已經代碼傳送給…．」) where Chinese uses 。.
TAIWAN_MARKERS = ["您", "帳號", "電子郵件", "資訊", "字元", "二階段", "恢復碼", "復原代碼", "．"]
HAN = r"[\u3400-\u9fff]"
# A Chinese character next to ASCII punctuation: 「密碼: 」, 「(選填)」, 「代碼傳送給你.請」.
ASCII_PUNCTUATION = re.compile(rf"{HAN}[,.:;!?(]|[,:;!?)]{HAN}")
TO_SIMPLIFIED = opencc.OpenCC("t2s")
# Attributes a visitor reads or hears, besides the text itself.
READ_ATTRIBUTES = ("placeholder", "title", "aria-label", "alt")
HIDDEN_TAGS = {"script", "style", "template", "head"}


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def url(name, language, **kwargs):
    with translation.override(language):
        return reverse(name, **kwargs)


def visible_text(node: Element, language: str) -> list[str]:
    """Every piece of text on the page a visitor sees or hears, one piece per text node or attribute."""
    pieces = []
    for child in node.children:
        if isinstance(child, str):
            if child.strip():
                pieces.append(" ".join(child.split()))
            continue
        if child.tag in HIDDEN_TAGS or "hidden" in child.attrs or child.attrs.get("type") == "hidden":
            continue
        if child.attrs.get("lang", language) != language:
            continue  # another language's own name, marked as such (the language switcher)
        pieces.extend(child.attrs[name] for name in READ_ATTRIBUTES if child.attrs.get(name))
        if (
            child.tag == "input"
            and child.attrs.get("type") in {"submit", "button"}
            and child.attrs.get("value")
        ):
            pieces.append(child.attrs["value"])
        pieces.extend(visible_text(child, language))
    return pieces


def title_of(content: bytes) -> list[str]:
    return [parse(content).find("title").text]


def wording_problems(pieces: list[str], language: str) -> list[str]:
    problems = []
    for text in pieces:
        if language == "zh-hant":
            problems += [f"{marker!r} in {text!r}" for marker in TAIWAN_MARKERS if marker in text]
            problems += [f"ASCII {m.group()!r} in {text!r}" for m in ASCII_PUNCTUATION.finditer(text)]
        else:
            simplified = TO_SIMPLIFIED.convert(text)
            traditional = {a for a, b in zip(text, simplified, strict=False) if a != b}
            if traditional:
                problems.append(f"Traditional {''.join(sorted(traditional))!r} in {text!r}")
            problems += [f"ASCII {m.group()!r} in {text!r}" for m in ASCII_PUNCTUATION.finditer(text)]
    return problems


class Reader:
    """Reads each page and email as an applicant would, and keeps what it found wrong."""

    def __init__(self, client, language):
        self.client, self.language = client, language
        self.problems: list[str] = []

    def read(self, response, where):
        assert response.status_code == 200, f"{where} answered {response.status_code}"
        content = response.content
        pieces = visible_text(parse(content), self.language) + title_of(content)
        # Chinese pages really are in Chinese (a page left in English would pass every check).
        assert any(re.search(HAN, piece) for piece in pieces), where
        self.problems += [f"{where}: {p}" for p in wording_problems(pieces, self.language)]
        return response

    def get(self, name, **kwargs):
        return self.read(self.client.get(url(name, self.language, **kwargs)), name)

    def post(self, name, data, *, expect=200):
        response = self.client.post(url(name, self.language), data)
        assert response.status_code == expect, f"{name} answered {response.status_code}"
        if expect == 200:
            self.read(response, f"{name} (after posting)")
        return response

    def read_emails(self, expected: int):
        """Read the emails sent since the last call; `expected` says how many there must be."""
        assert len(mail.outbox) == expected, [m.subject for m in mail.outbox]
        for message in mail.outbox:
            assert re.search(HAN, message.subject + message.body), message.subject
            pieces = [message.subject, *[line for line in message.body.splitlines() if line.strip()]]
            self.problems += [
                f"email {message.subject!r}: {p}" for p in wording_problems(pieces, self.language)
            ]
        mail.outbox.clear()


def member(email="mei@example.com"):
    user = get_user_model().objects.create_user(username=email, email=email, password=PASSWORD)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def code_in(message) -> str:
    codes = re.findall(r"^\s*([A-Z0-9]{3,}(?:-[A-Z0-9]{3,})*)\s*$", message.body, re.MULTILINE)
    assert len(codes) == 1, message.body
    return codes[0]


def current_totp(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // mfa_settings.TOTP_PERIOD))


LANGUAGES = ["zh-hant", "zh-hans"]
# allauth's own: 「不正確的代碼」 and 「错误代码」 ("wrong code" as in a program's error code).
INCORRECT_CODE = {"zh-hant": "驗證碼不正確。", "zh-hans": "验证码不正确。"}


@pytest.mark.parametrize("language", LANGUAGES)
def test_sign_up_sign_in_and_their_errors_and_emails(client, language):
    reader = Reader(client, language)
    member("taken@example.com")
    reader.get("account_login")
    reader.post("account_login", {"login": "taken@example.com", "password": "not the password"})
    reader.post("account_login", {"login": "not an email", "password": "x"})
    reader.get("account_signup")
    # The password validators and the form's own errors.
    reader.post("account_signup", {"email": "new@example.com", "password1": "12345", "password2": "54321"})
    reader.post(
        "account_signup", {"email": "new@example.com", "password1": "password", "password2": "password"}
    )
    reader.post("account_signup", {"email": "", "password1": "", "password2": ""})
    # Someone signs up with an address that already has an account: that address gets an email.
    reader.post(
        "account_signup",
        {"email": "taken@example.com", "password1": PASSWORD, "password2": PASSWORD},
        expect=302,
    )
    reader.read_emails(1)  # "an account already exists"
    client.logout()

    reader.post(
        "account_signup",
        {"email": "new@example.com", "password1": PASSWORD, "password2": PASSWORD},
        expect=302,
    )
    [signup_code] = mail.outbox
    reader.read_emails(1)
    sent = "".join(parse(reader.get("account_email_verification_sent").content).find("main").text.split())
    # allauth's zh-Hant read 「我們已經代碼傳送給new@example.com．」
    assert {
        "zh-hant": "我們已將驗證碼傳送到new@example.com。",
        "zh-hans": "我们已将验证码发送到new@example.com。",
    }[language] in sent
    wrong = reader.post("account_email_verification_sent", {"code": "AAAA-AAAA"})
    assert INCORRECT_CODE[language] in wrong.content.decode()
    response = client.post(url("account_email_verification_sent", language), {"code": code_in(signup_code)})
    assert response.status_code == 302
    reader.read_emails(0)
    assert not reader.problems, "\n".join(reader.problems)


@pytest.mark.parametrize("language", LANGUAGES)
def test_password_reset_by_code_and_its_emails(client, language):
    reader = Reader(client, language)
    member()
    reader.get("account_reset_password")
    reader.post("account_reset_password", {"email": "not an email"})
    reader.post("account_reset_password", {"email": "nobody@example.com"}, expect=302)
    reader.read_emails(1)  # "unknown account"
    reader.post("account_reset_password", {"email": "mei@example.com"}, expect=302)
    [reset_code] = mail.outbox
    reader.read_emails(1)
    reader.get("account_confirm_password_reset_code")
    reader.post("account_confirm_password_reset_code", {"code": "AAAA-AAAA"})
    response = client.post(
        url("account_confirm_password_reset_code", language), {"code": code_in(reset_code)}
    )
    assert response.status_code == 302
    reader.get("account_complete_password_reset")
    reader.post("account_complete_password_reset", {"password1": "short", "password2": "short"})
    new = "kowloon-ferry-2027"
    reader.post("account_complete_password_reset", {"password1": new, "password2": new}, expect=302)
    reader.read_emails(1)  # "your password has been reset"
    assert not reader.problems, "\n".join(reader.problems)


@pytest.mark.parametrize("language", LANGUAGES)
def test_account_pages_email_change_and_password_change(client, language):
    reader = Reader(client, language)
    user = member()
    client.post(url("account_login", language), {"login": "mei@example.com", "password": PASSWORD})
    reader.get("account_reauthenticate")
    reader.post("account_reauthenticate", {"password": "wrong"})
    client.post(url("account_reauthenticate", language), {"password": PASSWORD})
    reader.get("account_email")
    reader.get("account_change_password")
    reader.post("account_change_password", {"oldpassword": "wrong", "password1": "abc", "password2": "abd"})
    new = "kowloon-ferry-2027"
    reader.post(
        "account_change_password", {"oldpassword": PASSWORD, "password1": new, "password2": new}, expect=302
    )
    reader.read_emails(1)  # "password changed"
    reader.post("account_email", {"action_add": "", "email": "mei.new@example.com"}, expect=302)
    [change_code] = mail.outbox
    reader.read_emails(1)
    reader.get("account_email_verification_sent")
    reader.get("account_email")  # the address waiting for its code
    client.post(url("account_email_verification_sent", language), {"code": code_in(change_code)})
    user.refresh_from_db()
    assert user.email == "mei.new@example.com"
    reader.read_emails(1)  # "email changed", to the old address
    reader.get("account_logout")
    assert not reader.problems, "\n".join(reader.problems)


@pytest.mark.parametrize("language", LANGUAGES)
def test_two_step_setup_recovery_codes_and_sign_in(client, language, django_capture_on_commit_callbacks):
    reader = Reader(client, language)
    member()
    client.post(url("account_login", language), {"login": "mei@example.com", "password": PASSWORD})
    client.post(url("account_reauthenticate", language), {"password": PASSWORD})
    reader.get("mfa_index")
    secret = reader.get("mfa_activate_totp").context["form"].secret
    wrong = reader.post("mfa_activate_totp", {"code": "000000"})
    assert INCORRECT_CODE[language] in wrong.content.decode()
    # allauth sends the notification once the activation is committed.
    with django_capture_on_commit_callbacks(execute=True):
        reader.post("mfa_activate_totp", {"code": current_totp(secret)}, expect=302)
    reader.read_emails(1)  # "authenticator app activated"
    reader.get("mfa_view_recovery_codes")  # shown once, just after the activation
    reader.get("mfa_index")
    reader.get("mfa_reauthenticate")
    reader.get("mfa_generate_recovery_codes")
    with django_capture_on_commit_callbacks(execute=True):
        reader.post("mfa_generate_recovery_codes", {}, expect=302)
    reader.read_emails(1)  # "new recovery codes generated"
    reader.get("mfa_view_recovery_codes")
    reader.get("mfa_deactivate_totp")
    client.logout()

    # Signing in again asks for the second step.
    response = client.post(url("account_login", language), {"login": "mei@example.com", "password": PASSWORD})
    assert response["Location"] == url("mfa_authenticate", language)
    reader.get("mfa_authenticate")
    wrong = reader.post("mfa_authenticate", {"code": "000000"})
    assert INCORRECT_CODE[language] in wrong.content.decode()
    reader.post("mfa_authenticate", {"code": current_totp(secret)}, expect=302)
    # Turning the second step off asks for the password again first.
    response = reader.post("mfa_deactivate_totp", {}, expect=302)
    assert response["Location"].startswith(url("account_reauthenticate", language))
    client.post(url("account_reauthenticate", language), {"password": PASSWORD})
    reader.post("mfa_deactivate_totp", {}, expect=302)
    reader.read_emails(1)  # "authenticator app deactivated"
    assert not reader.problems, "\n".join(reader.problems)


def test_the_check_finds_what_the_issue_found():
    # The strings applicants used to read, as allauth ships them: each one is caught.
    assert wording_problems(["若您沒有帳號，請先註冊"], "zh-hant")
    assert wording_problems(["二階段認證"], "zh-hant")
    assert wording_problems(["我們已經代碼傳送給a@example.com．此代碼有效期限極短"], "zh-hant")
    assert wording_problems(["確認您的電子郵件"], "zh-hant")
    assert wording_problems(["復原碼與恢復碼"], "zh-hant")
    assert wording_problems(["密碼(再次輸入)"], "zh-hant")
    assert wording_problems(["已傳送驗證碼.請輸入"], "zh-hant")
    assert wording_problems(["已发送驗證碼"], "zh-hans")
    # What the portal writes passes.
    assert wording_problems(["你的電郵驗證碼如下，請在已開啟的瀏覽器視窗中輸入。"], "zh-hant") == []
    assert wording_problems(["RMB 277.5 million（人民幣2.775億元）"], "zh-hant") == []
    assert wording_problems(["您的邮箱验证码如下，请在已打开的浏览器窗口中输入。"], "zh-hans") == []


PUBLIC_PAGES = [
    "/",
    "/incubators/",
    "/incubators/workshop/",
    "/incubators/community-7plus/",
    "/programmes/",
    *[
        f"/programmes/{slug}/"
        for slug in [
            "gba-entrepreneurship",
            "internship-subsidy",
            "hk-special-internship",
            "one-stop-service-office",
            "training",
            "city-integration",
        ]
    ],
    "/subsidies/",
    "/lodging/",
    "/contact/",
    "/privacy/",
]


@pytest.mark.usefixtures("catalogue")
@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue_pages_read_in_the_languages_own_usage(client, language):
    reader = Reader(client, language)
    for path in PUBLIC_PAGES:
        response = reader.read(client.get(f"/{language}{path}"), path)
        if language == "zh-hant":
            # Hong Kong quotes: 「7+」社區, 「掐脖子」.
            text = " ".join(visible_text(parse(response.content), language))
            assert "“" not in text and "”" not in text, path
    assert not reader.problems, "\n".join(reader.problems)


def test_account_emails_name_the_portal_address_not_the_host_the_request_used(client, settings):
    settings.SITE_URL = "https://youth.futian.example/"
    settings.ALLOWED_HOSTS = ["127.0.0.1", "testserver"]
    client.post(
        url("account_signup", "zh-hant"),
        {"email": "new@example.com", "password1": PASSWORD, "password2": PASSWORD},
        HTTP_HOST="127.0.0.1",
    )
    [message] = mail.outbox
    assert "https://youth.futian.example" in message.body
    assert "127.0.0.1" not in message.body
