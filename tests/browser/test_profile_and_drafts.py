"""Issue 6 in a real browser, in Traditional Chinese on a phone, with axe on every state:
a second account typing an HKID already registered, what to apply for after saving the profile,
and a draft saved "for later" with one answer that keeps it and says what is still missing.
"""

import pytest
from django.utils import translation
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

LANGUAGE = "zh-hant"


def in_language(text) -> str:
    with translation.override(LANGUAGE):
        return translation.gettext(str(text))


def submit(form, name=None):
    """Click the form's own "continue" button, or the one named `name` (e.g. "later")."""
    selector = f"button[name={name}]" if name else "button[type=submit]:not([form]):not([name=later])"
    form.locator(selector).first.click()


@pytest.fixture
def newcomer(transactional_db, django_user_model):
    from allauth.account.models import EmailAddress

    from tests.people import create_applicant

    create_applicant("holder@example.com", name_en="HOLDER Secret")  # holds A123456(3)
    user = django_user_model.objects.create_user(username="wing@example.com", email="wing@example.com")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def test_duplicate_identity_then_a_draft_saved_for_later(site, phone, audit, newcomer, sign_in_cookie):
    from portal.accounts.services import IDENTITY_REGISTERED
    from subsidies.models import SubsidyApplication

    base = f"{site}/{LANGUAGE}"
    sign_in_cookie(phone, newcomer)

    # --- The profile, with a number another account already registered -----------------------------
    phone.goto(f"{base}/me/profile/")
    profile = phone.locator("form.profile-form")
    profile.locator("#id_name_zh").fill("黃詠")
    profile.locator("#id_name_en").fill("WONG Wing")
    profile.locator("#id_date_of_birth").fill("2002-03-04")
    profile.locator("#id_id_type").select_option("hkid")
    profile.locator("#id_id_number").fill("a 123456 (3)")
    profile.locator("#id_phone_region").select_option("HK")
    profile.locator("#id_phone").fill("9876 5432")
    profile.locator("#id_education").select_option("bachelor")
    profile.locator("#id_institution").fill("香港中文大學")
    profile.locator("#id_graduation_year").fill("2024")
    profile.locator("#id_situation").select_option("graduate")
    for consent in ["privacy_notice", "sensitive_data", "cross_border"]:
        profile.locator(f"#id_{consent}").check()
    submit(profile)

    number = profile.locator("#id_id_number")
    expect(number).to_have_attribute("aria-invalid", "true")
    expect(profile.locator("#id_id_number_error")).to_have_text(in_language(IDENTITY_REGISTERED))
    expect(phone.locator("main")).not_to_contain_text("HOLDER Secret")
    expect(phone.locator("main")).not_to_contain_text("holder@example.com")
    audit.check(phone, "profile with a registered number")

    # --- Their own number: saved, and the profile page offers what to apply for ---------------------
    number.fill("C668668(9)")
    submit(profile)
    expect(phone).to_have_url(f"{base}/me/")
    expect(phone.locator("main")).to_contain_text("+852 9876 5432")
    offers = phone.locator("section[aria-labelledby=apply-next]")
    expect(offers).to_contain_text("你現在可以申請")
    audit.check(phone, "profile with what to apply for")
    offers.locator("a[href$='/subsidies/apply/']").click()

    # --- One answer, then "save and finish later" ----------------------------------------------------
    expect(phone).to_have_url(f"{base}/subsidies/apply/")
    submit(phone.locator("main form[action$='/subsidies/apply/']"))
    details = phone.locator("main form").filter(has=phone.locator("#id_host_base"))
    details.locator("#id_host_organisation").fill("港深科技有限公司")
    submit(details, "later")

    expect(phone).to_have_url(f"{base}/applications/")
    message = phone.locator(".messages")
    expect(message).to_contain_text("已儲存")
    expect(message).to_contain_text("尚待填寫：")
    expect(message).to_contain_text(in_language("Your position"))
    expect(phone.locator("main")).not_to_contain_text("Enter")
    audit.check(phone, "my applications after saving for later")

    draft = SubsidyApplication.objects.get(applicant=newcomer)
    assert draft.host_organisation == "港深科技有限公司"
    phone.locator(f"main a[href$='/subsidies/apply/{draft.reference}/']").first.click()
    expect(details.locator("#id_host_organisation")).to_have_value("港深科技有限公司")
    expect(details.locator(".error")).to_have_count(0)

    # --- Submitting the incomplete draft is refused, naming what is missing --------------------------
    phone.goto(f"{base}/subsidies/apply/{draft.reference}/check/")
    expect(phone.locator("main .notice")).to_contain_text("尚待填寫：")
    audit.check(phone, "check page of an incomplete draft")
    submit(phone.locator("main form[method=post]"))
    expect(phone.locator("main .form-errors")).to_contain_text("請先填妥詳情。尚待填寫：")
    audit.check(phone, "refused submit of an incomplete draft")
    draft.refresh_from_db()
    assert draft.status == "draft"
    audit.assert_clean()
