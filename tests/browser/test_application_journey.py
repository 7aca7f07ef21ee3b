"""Issue 3's acceptance journey in a real browser, in Traditional Chinese on a phone:

sign up → the code from the email → profile → apply for the internship subsidy, with the bank account
it is paid into → check the answers → submit; staff sign in with their authenticator app and ask a
question; the applicant reads it on the application's page and answers; the approver approves straight
away; the applicant sees the application approved with its monthly payment schedule.

Everything goes through the pages except reading the emailed code (the live server runs in this
process, so its outbox is django.core.mail.outbox). Every applicant page is checked with axe and
for sideways scrolling (at 390 and 360 px) as the journey passes it. Screenshots of the check page,
the confirmation and the approved application go to test-artifacts/screenshots/journey/.
"""

import datetime
import re
from pathlib import Path

import pytest
from django.core.cache import cache
from django.utils import timezone, translation
from playwright.sync_api import expect

from portal.models import Status
from subsidies.models import add_months
from tests.pdfs import blank_pdf

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots" / "journey"
LANGUAGE = "zh-hant"
EMAIL = "wing.journey@example.com"
PASSWORD = "harbour-lights-2026"
WORKSHOP = "粵港澳青年創新創業工場（福田）"
QUESTION = "請上載已簽署的實習協議。"
PDF = blank_pdf()


def in_language(text) -> str:
    with translation.override(LANGUAGE):
        return str(text)


def internship_dates() -> tuple[datetime.date, datetime.date]:
    """Three whole months, starting on the first of next month."""
    today = timezone.localdate()
    start = add_months(today.replace(day=1), 1)
    return start, add_months(start, 3) - datetime.timedelta(days=1)


def screenshot(page, name: str):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True, animations="disabled")


def submit(form):
    """Click the form's own submit button (not one that belongs to another form through form=…)."""
    form.locator("button[type=submit]:not([form]):not([name=later])").first.click()


def test_sign_up_apply_and_see_the_approval(
    site, phone, desktop, audit, email_code, staff_with_totp, totp_code, tmp_path, settings
):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"
    cache.clear()  # allauth's rate limits count in the cache: start from none
    base = f"{site}/{LANGUAGE}"
    start, end = internship_dates()

    # --- The applicant signs up on their phone and types the code from the email -----------------
    phone.goto(f"{base}/accounts/signup/")
    expect(phone.locator("html")).to_have_attribute("lang", LANGUAGE)
    audit.check(phone, "sign-up")
    signup = phone.locator("main form[method=post]").filter(has=phone.locator("#id_password1"))
    signup.locator("#id_email").fill(EMAIL)
    signup.locator("#id_password1").fill(PASSWORD)
    signup.locator("#id_password2").fill(PASSWORD)
    submit(signup)

    code_input = phone.locator("main input[name=code]")
    expect(code_input).to_be_visible()
    audit.check(phone, "code entry")
    code_input.fill(email_code(to=EMAIL))
    submit(phone.locator("main form").filter(has=phone.locator("input[name=code]")))

    # --- Signed in, they land on the profile form (ACCOUNT_SIGNUP_REDIRECT_URL) -----------------------
    expect(phone).to_have_url(f"{base}/me/profile/")
    expect(phone.locator(".account-nav a[href$='/applications/']")).to_be_visible()
    profile = phone.locator("form.profile-form")
    profile.locator("#id_name_zh").fill("陳大文")
    profile.locator("#id_name_en").fill("CHAN Tai Man")
    profile.locator("#id_date_of_birth").fill("2001-05-04")
    profile.locator("#id_id_type").select_option("hkid")
    profile.locator("#id_id_number").fill("A123456(7)")  # a typing slip: the check digit is 3
    profile.locator("#id_phone_region").select_option("HK")
    profile.locator("#id_phone").fill("9123 4567")
    profile.locator("#id_education").select_option("master")
    profile.locator("#id_institution").fill("香港大學")
    profile.locator("#id_graduation_year").fill("2025")
    profile.locator("#id_situation").select_option("graduate")
    submit(profile)

    # The error state: the wrong check digit and the missing consents, each next to its field.
    expect(phone.locator(".form-errors[role=alert]")).to_be_visible()
    expect(profile.locator("#id_id_number")).to_have_attribute("aria-invalid", "true")
    expect(profile.locator(".field.consent.field-invalid")).to_have_count(3)
    audit.check(phone, "profile form with errors")

    profile.locator("#id_id_number").fill("A123456(3)")
    for consent in ["privacy_notice", "sensitive_data", "cross_border"]:
        profile.locator(f"#id_{consent}").check()
    submit(profile)
    expect(phone).to_have_url(f"{base}/me/")
    expect(phone.locator("main")).to_contain_text("A•••••63")  # the number is shown masked…
    expect(phone.locator("main")).not_to_contain_text("A1234563")  # …never in full
    expect(phone.locator("main")).to_contain_text("+852 9123 4567")

    # --- They apply for the internship subsidy ---------------------------------------------------------
    phone.locator(".main-nav a[href$='/subsidies/']").click()
    phone.locator("main a.button[href$='/subsidies/apply/']").click()
    expect(phone).to_have_url(f"{base}/subsidies/apply/")
    expect(phone.locator("main dl.facts")).to_contain_text("2,500")
    audit.check(phone, "subsidy start")
    submit(phone.locator("main form[action$='/subsidies/apply/']"))

    details = phone.locator("main form").filter(has=phone.locator("#id_host_base"))
    expect(details).to_be_visible()
    audit.check(phone, "details")
    details.locator("#id_host_base").select_option(label=WORKSHOP)
    details.locator("#id_host_organisation").fill("港深科技有限公司")
    details.locator("#id_position").fill("軟件工程實習生")
    details.locator("#id_start_date").fill(start.isoformat())
    details.locator("#id_end_date").fill(end.isoformat())
    details.locator("#id_bank_account_name").fill("CHAN TAI MAN")
    details.locator("#id_bank_name").fill("中國銀行（香港）")
    details.locator("#id_bank_account_number").fill("012-875-6001234-5")
    submit(details)

    expect(phone).to_have_url(re.compile(r"/subsidies/apply/FT-[^/]+/documents/$"))
    audit.check(phone, "documents")
    proof = tmp_path / "offer-letter.pdf"
    proof.write_bytes(PDF)
    phone.locator("#id_file").set_input_files(proof)
    phone.locator("main button[name=upload]").click()
    expect(phone.locator("main .file-list")).to_contain_text("offer-letter.pdf")
    audit.check(phone, "documents with a file")
    phone.locator("main .actions a.button[href$='/check/']").click()

    # --- Check your answers: the amount comes from the profile's degree ------------------------------
    expect(phone).to_have_url(re.compile(r"/check/$"))
    expect(phone.locator(".amount-monthly")).to_contain_text("2,500")
    expect(phone.locator(".amount-months")).to_have_text("3")
    expect(phone.locator(".amount-total")).to_contain_text("7,500")
    expect(phone.locator("main")).to_contain_text(WORKSHOP)
    expect(phone.locator("main")).to_contain_text("offer-letter.pdf")
    # The account is shown masked, even to the applicant who typed it.
    expect(phone.locator("main .bank-account")).to_contain_text("•••• 2345")
    expect(phone.locator("main")).not_to_contain_text("01287560012345")
    audit.check(phone, "check your answers")
    screenshot(phone, "check-your-answers")
    submit(phone.locator("main form[method=post]"))

    # --- The confirmation gives the reference number ------------------------------------------------
    expect(phone).to_have_url(re.compile(r"/done/$"))
    reference_text = phone.locator(".confirmation .reference")
    expect(reference_text).to_have_text(re.compile(r"^FT-\d{4}-\d{6}$"))
    reference = reference_text.inner_text().strip()
    audit.check(phone, "confirmation")
    screenshot(phone, "confirmation")

    # --- Staff, on a desktop: allauth's login, the authenticator code, the review queue --------------
    approver = staff_with_totp("approver", groups=["approver"])
    desktop.goto(f"{base}/admin/")
    expect(desktop).to_have_url(re.compile(r"/accounts/login/\?next="))
    login = desktop.locator("main form").filter(has=desktop.locator("#id_password"))
    login.locator("#id_login").fill(approver.email)
    login.locator("#id_password").fill(approver.password_plain)
    submit(login)
    second_step = desktop.locator("main input[name=code]")
    expect(second_step).to_be_visible()
    second_step.fill(totp_code(approver.totp_secret))
    submit(desktop.locator("main form").filter(has=desktop.locator("input[name=code]")))
    expect(desktop).to_have_url(f"{base}/admin/")

    desktop.locator("#content a[href$='/admin/portal/application/']").first.click()
    row = desktop.locator("#result_list tbody tr").filter(has_text=reference)
    expect(row).to_have_count(1)
    row.get_by_role("link", name=reference).click()

    def act(action: str, note: str = "網上審核測試。"):
        """Open the action's panel on the change page and confirm it, with a note to the applicant."""
        panel = desktop.locator("details.workflow-action").filter(
            has=desktop.locator(f"input[name=action][value={action}]")
        )
        panel.locator("summary").click()
        panel.locator("textarea").fill(note)
        submit(panel.locator("form"))
        expect(desktop.locator(".messagelist .success")).to_contain_text(reference)

    act("start_review")
    expect(desktop.locator(".workflow-panel .status-badge")).to_have_class(re.compile(r"status-in_review"))
    act("request_info", QUESTION)

    # --- The applicant reads the question where the status is, and answers ---------------------------
    phone.goto(f"{base}/applications/{reference}/")
    status_card = phone.locator("main section[aria-labelledby=status-title]")
    expect(status_card.locator(".staff-question")).to_have_text(QUESTION)
    audit.check(phone, "application with a question")
    status_card.locator(f"a.button[href$='/applications/{reference}/respond/']").click()
    answer = phone.locator("main form").filter(has=phone.locator("#id_message"))
    answer.locator("#id_message").fill("已上載已簽署的協議。")
    audit.check(phone, "answer")
    submit(answer)
    expect(phone).to_have_url(f"{base}/applications/{reference}/")
    expect(phone.locator("main .staff-question")).to_have_count(0)

    # --- The approver decides on the answer without starting the review again ------------------------
    desktop.reload()
    expect(desktop.locator(".workflow-panel .status-badge")).to_have_class(re.compile(r"status-resubmitted"))
    act("approve")
    expect(desktop.locator(".workflow-panel .status-badge")).to_have_class(re.compile(r"status-approved"))

    # --- Back on the phone: My applications shows it approved, with the payment schedule -------------
    approved = in_language(Status.APPROVED.label)
    phone.locator(".account-nav a[href$='/applications/']").click()
    expect(phone).to_have_url(f"{base}/applications/")
    card = phone.locator(".application-list .card").filter(has_text=reference)
    expect(card.locator(".status")).to_have_text(approved)
    audit.check(phone, "my applications")

    card.locator(f"a[href$='/applications/{reference}/']").first.click()
    expect(phone.locator("main .status.status-approved")).to_have_text(approved)
    schedule = phone.locator("main table.table")
    rows = schedule.locator("tbody tr")
    expect(rows).to_have_count(3)
    expect(rows.locator("td.num")).to_have_text(["2,500"] * 3)
    months = [add_months(start, n).strftime("%Y-%m") for n in range(3)]
    expect(rows.locator("th")).to_have_text(months)
    audit.check(phone, "application detail")
    screenshot(phone, "approved-with-schedule")

    assert audit.checked == [
        "sign-up",
        "code entry",
        "profile form with errors",
        "subsidy start",
        "details",
        "documents",
        "documents with a file",
        "check your answers",
        "confirmation",
        "application with a question",
        "answer",
        "my applications",
        "application detail",
    ]
    audit.assert_clean()
