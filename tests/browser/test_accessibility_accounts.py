"""axe-core and the sideways-scroll check on the account pages, in every language, on a phone.

allauth's pages as a visitor meets them (sign-in with its error, sign-up, the emailed code, password
reset and its code, the new password), then the applicant's own pages (profile, its form with an
error, closing the account, and the account pages the profile links to). Zero violations; no page
scrolls sideways at 390 or 360 px.
"""

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

LANGUAGES = ["zh-hant", "en", "zh-hans"]
PASSWORD = "harbour-lights-2026"


@pytest.fixture
def member(transactional_db, django_user_model):
    """An applicant with a verified email address, a profile and the current consents."""
    import datetime

    from allauth.account.models import EmailAddress

    from portal.accounts.services import save_profile
    from portal.models import ApplicantProfile, Consent

    user = django_user_model.objects.create_user(
        username="mei@example.com", email="mei@example.com", password=PASSWORD
    )
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    save_profile(
        user=user,
        values={
            "name_zh": "李美",
            "name_en": "LEE Mei",
            "date_of_birth": datetime.date(2000, 2, 29),
            "id_type": ApplicantProfile.IdType.HKID,
            "id_number": "A1234563",
            "phone_region": "HK",
            "phone": "+85291234567",
            "education": "bachelor",
            "institution": "HKUST",
            "graduation_year": 2023,
            "situation": ApplicantProfile.Situation.EMPLOYED,
            "works_in_hetao": True,
            "language": "zh-hant",
        },
        consents=dict.fromkeys(Consent.Kind.values, True),
    )
    return user


def open_page(page, url: str):
    response = page.goto(url)
    assert response is not None and response.status == 200, f"{url} answered {response and response.status}"


def submit(form):
    form.locator("button[type=submit]:not([form])").first.click()


def visitor_pages(page, base: str, audit, email_code, language: str):
    """allauth's pages before signing in, with their error and code states."""
    open_page(page, f"{base}/accounts/login/")
    audit.check(page, f"{language} login")
    login = page.locator("main form").filter(has=page.locator("#id_password"))
    login.locator("#id_login").fill("mei@example.com")
    login.locator("#id_password").fill("not the password")
    submit(login)
    expect(page.locator("main .form-errors")).to_be_visible()
    audit.check(page, f"{language} login with an error")

    open_page(page, f"{base}/accounts/password/reset/")
    audit.check(page, f"{language} password reset")
    reset = page.locator("main form").filter(has=page.locator("#id_email"))
    reset.locator("#id_email").fill("mei@example.com")
    submit(reset)
    code = page.locator("main input[name=code]")
    expect(code).to_be_visible()
    audit.check(page, f"{language} password reset code")
    code.fill(email_code(to="mei@example.com"))
    submit(page.locator("main form").filter(has=page.locator("input[name=code]")))
    expect(page.locator("main #id_password1")).to_be_visible()
    audit.check(page, f"{language} new password")

    page.context.clear_cookies()
    open_page(page, f"{base}/accounts/signup/")
    audit.check(page, f"{language} sign-up")
    signup = page.locator("main form").filter(has=page.locator("#id_password1"))
    signup.locator("#id_email").fill(f"new-{language}@example.com")
    signup.locator("#id_password1").fill(PASSWORD)
    signup.locator("#id_password2").fill(PASSWORD)
    submit(signup)
    expect(page.locator("main input[name=code]")).to_be_visible()
    audit.check(page, f"{language} sign-up code")
    page.locator("main input[name=code]").fill("AAAA-AAAA")
    submit(page.locator("main form").filter(has=page.locator("input[name=code]")))
    expect(page.locator("main .field-invalid input[name=code]")).to_be_visible()
    audit.check(page, f"{language} sign-up code with an error")


def member_pages(page, base: str, audit, language: str):
    """The applicant's own pages, and the account pages the profile links to."""
    open_page(page, f"{base}/me/")
    expect(page.locator("main")).to_contain_text("LEE Mei")
    audit.check(page, f"{language} profile")

    open_page(page, f"{base}/me/profile/")
    form = page.locator("form.profile-form")
    audit.check(page, f"{language} profile form")
    form.locator("#id_phone").fill("123")
    submit(form)
    expect(form.locator("#id_phone")).to_have_attribute("aria-invalid", "true")
    audit.check(page, f"{language} profile form with an error")

    open_page(page, f"{base}/me/close/")
    audit.check(page, f"{language} close account")
    close = page.locator("main form").filter(has=page.locator("#id_password"))
    close.locator("#id_password").fill("not the password")
    submit(close)
    expect(close.locator("#id_password")).to_have_attribute("aria-invalid", "true")
    audit.check(page, f"{language} close account with an error")

    # allauth asks for the password again before these; that page is checked too.
    for path in ["accounts/email/", "accounts/password/change/", "accounts/2fa/"]:
        open_page(page, f"{base}/{path}")
        audit.check(page, f"{language} {path}")


def test_account_pages_have_no_axe_violations_or_sideways_scroll(
    site, phone, member, audit, email_code, sign_in_cookie, subtests
):
    for language in LANGUAGES:
        with subtests.test(msg=language):
            base = f"{site}/{language}"
            cache.clear()  # allauth's rate limits: each language starts afresh
            phone.context.clear_cookies()
            visitor_pages(phone, base, audit, email_code, language)

            phone.context.clear_cookies()
            sign_in_cookie(phone, member)
            member_pages(phone, base, audit, language)
    assert len(audit.checked) == 3 * 16, audit.checked
    audit.assert_clean()


def test_the_audit_reports_what_it_should(desktop, audit):
    """Guards the audit: an image without text, and a box wider than a 360 px phone (not than a desktop)."""
    desktop.set_content(
        '<!doctype html><html lang="en"><head><meta name="viewport" content="width=device-width">'
        '<title>t</title></head><body><main><img src="a.png"><p style="width: 400px">wide</p></main>'
        "</body></html>"
    )
    audit.check(desktop, "bad page")
    assert len(audit.problems) == 2, audit.problems
    assert "image-alt" in audit.problems[0]
    assert "scrolls sideways at 360px" in audit.problems[1]
    assert desktop.viewport_size["width"] == 1366  # put back as it was
    with pytest.raises(AssertionError, match="2 problem"):
        audit.assert_clean()
