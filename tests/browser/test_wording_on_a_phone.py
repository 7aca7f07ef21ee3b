"""On a phone, in Traditional Chinese: the sign-in and two-step setup pages in Hong Kong wording, and a
programme page that sends the applicant to the office instead of saying applications are open.
Each page passes axe and does not scroll sideways."""

import re

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PASSWORD = "harbour-lights-2026"
TAIWAN_MARKERS = ["您", "帳號", "電子郵件", "資訊", "字元", "二階段", "恢復碼"]


@pytest.fixture
def member(transactional_db, django_user_model):
    from allauth.account.models import EmailAddress

    user = django_user_model.objects.create_user(
        username="mei@example.com", email="mei@example.com", password=PASSWORD
    )
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def reads_in_hong_kong_usage(page):
    text = page.locator("main").inner_text()
    assert not [marker for marker in TAIWAN_MARKERS if marker in text], text
    assert not re.search(r"[\u3400-\u9fff][,.:;!?(]", text), text
    return text


def test_sign_in_and_two_step_setup_on_a_phone(site, phone, member, audit, totp_code, visit):
    cache.clear()  # allauth's rate limits
    base = f"{site}/zh-hant"
    visit(phone, f"{base}/accounts/login/")
    audit.check(phone, "sign-in")
    assert "如你還未有帳戶" in reads_in_hong_kong_usage(phone)
    login = phone.locator("main form").filter(has=phone.locator("#id_password"))
    login.locator("#id_login").fill("mei@example.com")
    login.locator("#id_password").fill(PASSWORD)
    login.locator("button[type=submit]").first.click()
    expect(phone.locator("nav.account-nav form")).to_be_visible()

    # allauth asks for the password again before the second step is set up.
    visit(phone, f"{base}/accounts/2fa/totp/activate/")
    expect(phone.locator("main h1")).to_have_text("確認身份")
    audit.check(phone, "confirm it is you")
    reads_in_hong_kong_usage(phone)
    again = phone.locator("main form").filter(has=phone.locator("#id_password"))
    again.locator("#id_password").fill(PASSWORD)
    again.locator("button[type=submit]").first.click()
    expect(phone.locator("main h1")).to_have_text("啟用驗證器應用程式")
    audit.check(phone, "two-step setup")
    expect(phone.locator("main h1")).to_have_text("啟用驗證器應用程式")
    reads_in_hong_kong_usage(phone)
    secret = phone.locator("#authenticator_secret").input_value()
    form = phone.locator("main form").filter(has=phone.locator("input[name=code]"))
    form.locator("input[name=code]").fill("000000")
    form.locator("button[type=submit]").first.click()
    expect(phone.locator("main")).to_contain_text("驗證碼不正確。")
    audit.check(phone, "two-step setup with a wrong code")
    reads_in_hong_kong_usage(phone)

    form = phone.locator("main form").filter(has=phone.locator("input[name=code]"))
    form.locator("input[name=code]").fill(totp_code(secret))
    form.locator("button[type=submit]").first.click()
    # The recovery codes, shown once: one word for them, 復原碼.
    expect(phone.locator("main h1")).to_have_text("復原碼")
    audit.check(phone, "recovery codes")
    reads_in_hong_kong_usage(phone)

    visit(phone, f"{base}/accounts/2fa/")
    audit.check(phone, "two-step sign-in")
    assert "兩步驗證" in reads_in_hong_kong_usage(phone)
    audit.assert_clean()


def test_a_programme_page_sends_the_applicant_to_the_office(site, phone, audit, visit):
    from programs.models import Office

    office = Office.current()
    office.name_zh_hant = "福田團區委辦事處"
    office.hours_zh_hant = "星期一至五 上午9時至下午6時"
    office.phone = "+86 755 8391 0000"
    office.save()

    # Every seeded programme has an online way now; one staff add without one sends people to the office.
    from tests.factories import ProgrammeFactory

    ProgrammeFactory(slug="no-online-way")
    visit(phone, f"{site}/zh-hant/programmes/no-online-way/")
    audit.check(phone, "programme without an online application")
    contact = phone.locator("main section").filter(has=phone.locator("#contact-title"))
    expect(contact).to_contain_text("請聯絡辦事處")
    expect(contact).to_contain_text("星期一至五 上午9時至下午6時")
    expect(contact.locator("a[href^='tel:']")).to_have_attribute("href", "tel:+8675583910000")
    assert "接受申請中" not in reads_in_hong_kong_usage(phone)
    audit.assert_clean()
