"""Internship posts in a real browser, in Traditional Chinese on a phone.

A Hong Kong student finds a summer post with the filters, applies (cover letter and CV), staff offer
the place, the student accepts it and is offered the internship subsidy with the post filled in.
Every page is checked with axe and for sideways scrolling; screenshots go to /tmp/shots/posts/.
"""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from portal.applications.workflow import perform
from portal.models import Status
from programs.posts.models import PostApplication
from tests.pdfs import blank_pdf
from tests.people import create_applicant, create_staff
from tests.posts.world import make_post, make_student

pytestmark = pytest.mark.browser

SHOTS = Path("/tmp/shots/posts")
LANGUAGE = "zh-hant"


def shoot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / f"{name}.png", full_page=True, animations="disabled")


def submit(form):
    form.locator("button[type=submit]:not([form]):not([name=later])").first.click()


def test_find_a_post_apply_be_offered_accept_and_see_the_subsidy(
    site, phone, desktop, audit, sign_in_cookie, visit, tmp_path
):
    base = f"{site}/{LANGUAGE}"
    post = make_post(
        "robotics-summer",
        places=2,
        title_zh_hant="機械人工程實習生",
        title_en="Robotics engineering intern",
        host_organisation="明光機械人有限公司",
        speaks_cantonese=True,
    )
    make_post("winter-design", term="winter", title_zh_hant="設計實習生", title_en="Design intern")
    student = make_student(create_applicant("wing.posts@example.com", language=LANGUAGE))
    sign_in_cookie(phone, student)

    # --- The student finds the post with the filters (a plain GET form) ------------------------
    visit(phone, f"{base}/internships/")
    expect(phone.locator("html")).to_have_attribute("lang", LANGUAGE)
    audit.check(phone, "post list")
    shoot(phone, "list-phone")
    phone.locator("main select[name=term]").select_option("summer")
    submit(phone.locator("main form.filters"))
    expect(phone.locator("main .cards h2")).to_have_count(1)
    phone.get_by_role("link", name="機械人工程實習生").click()
    expect(phone.locator("main h1")).to_have_text("機械人工程實習生")
    audit.check(phone, "post detail")
    shoot(phone, "detail-phone")
    submit(phone.locator("main form").filter(has=phone.locator("button[type=submit]")).last)

    # --- Start, cover letter, CV, check, submit --------------------------------------------------
    # The post's button starts the draft at once: the cover letter is the first step.
    expect(phone).to_have_url(re.compile(r"/internships/apply/FT-[^/]+/$"))
    phone.locator("main textarea[name=cover_letter]").fill("我在香港大學讀機械工程，想在暑假實習。")
    audit.check(phone, "cover letter")
    shoot(phone, "details-phone")
    submit(phone.locator("main form"))
    cv = tmp_path / "cv.pdf"
    cv.write_bytes(blank_pdf())
    phone.locator("#id_file").set_input_files(cv)
    phone.locator("main button[name=upload]").click()
    expect(phone.locator("main")).to_contain_text("cv.pdf")
    audit.check(phone, "cv")
    phone.locator("main a[href$='/check/']").first.click()
    expect(phone).to_have_url(re.compile(r"/check/$"))
    audit.check(phone, "check")
    shoot(phone, "check-phone")
    submit(phone.locator("main form[method=post]").last)
    expect(phone).to_have_url(re.compile(r"/done/$"))
    audit.check(phone, "done")

    # --- Staff offer the place (as an approver, through the workflow) ----------------------------
    application = PostApplication.objects.get(applicant=student)
    assert application.status == Status.SUBMITTED
    perform(application, "offer", actor=create_staff("offerer", group="approver"))

    # --- The student answers: accept, then the subsidy link -------------------------------------
    visit(phone, f"{site}{application.get_absolute_url().replace('/en/', f'/{LANGUAGE}/')}")
    audit.check(phone, "offered application")
    shoot(phone, "offered-phone")
    phone.locator("main a[href*='/internships/answer/']").first.click()
    expect(phone.locator("main input[value=accept]")).to_have_count(1)
    audit.check(phone, "answer")
    shoot(phone, "answer-phone")
    submit(phone.locator("main form").filter(has=phone.locator("input[value=accept]")))
    subsidy = phone.locator("main form[action*='/internships/subsidy/']")
    expect(subsidy).to_be_visible()
    audit.check(phone, "accepted application")
    shoot(phone, "accepted-phone")
    application.refresh_from_db()
    assert application.status == Status.ACCEPTED
    submit(subsidy)
    expect(phone.locator("main input[name=host_organisation]")).to_have_value("明光機械人有限公司")
    expect(phone.locator("main input[name=position]")).to_have_value("機械人工程實習生")
    expect(phone.locator("main input[name=start_date]")).to_have_value(post.start_date.isoformat())
    audit.check(phone, "subsidy filled in")
    shoot(phone, "subsidy-phone")

    visit(desktop, f"{base}/internships/")
    shoot(desktop, "list-desktop")
    visit(desktop, f"{base}/internships/{post.slug}/")
    shoot(desktop, "detail-desktop")
    audit.assert_clean()
