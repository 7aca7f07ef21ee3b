"""What a visitor does, in a real browser: find an incubator, read it in another language, use the calculator."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

WORKSHOP = {
    "zh-hant": "粵港澳青年創新創業工場（福田）",
    "en": "Guangdong-Hong Kong-Macao Youth Innovation and Entrepreneurship Workshop (Futian)",
    "zh-hans": "粤港澳青年创新创业工场（福田）",
}


def _switch_language(page, name: str):
    # Language names are written in their own language and never translated, so they are stable.
    page.locator(".lang-switch").get_by_role("link", name=name, exact=True).click()


def _expect_workshop(page, base: str, language: str):
    expect(page).to_have_url(f"{base}/{language}/incubators/workshop/")
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.get_by_role("heading", level=1)).to_have_text(WORKSHOP[language])
    facts = page.locator("dl.facts").first
    expect(facts).to_contain_text("3,500")
    expect(facts).to_contain_text("2.4")


@pytest.mark.parametrize("device", ["phone", "desktop"])
def test_find_workshop_and_switch_language(request, site, device):
    page = request.getfixturevalue(device)
    page.goto(f"{site}/zh-hant/")

    page.get_by_role("link", name=WORKSHOP["zh-hant"], exact=True).first.click()
    _expect_workshop(page, site, "zh-hant")

    _switch_language(page, "English")
    _expect_workshop(page, site, "en")

    _switch_language(page, "简体中文")
    _expect_workshop(page, site, "zh-hans")


def test_subsidy_calculator_shows_the_total(site, phone):
    phone.goto(f"{site}/en/subsidies/")
    phone.get_by_label("Highest education").select_option(label="Master's degree")
    phone.get_by_label("Months of internship").fill("3")
    phone.get_by_role("button", name="Calculate").click()

    result = phone.get_by_role("status").filter(has_text="Total")
    expect(result).to_contain_text("7,500")
    expect(result).to_contain_text("2,500")
    # The form keeps what was entered, so it can be changed and sent again.
    expect(phone.get_by_label("Highest education")).to_have_value("master")
    expect(phone.get_by_label("Months of internship")).to_have_value("3")


def test_subsidy_calculator_explains_a_wrong_number_of_months(site, phone):
    phone.goto(f"{site}/en/subsidies/")
    phone.get_by_label("Highest education").select_option(label="Master's degree")
    months = phone.get_by_label("Months of internship")
    months.fill("0")
    phone.get_by_role("button", name="Calculate").click()

    field = phone.locator(".field", has=phone.locator("#id_months"))
    expect(field.locator(".error")).to_have_text(re.compile(r"Enter a number of months from 1 to \d+\."))
    expect(months).to_have_attribute("aria-invalid", "true")
    expect(phone.get_by_text("Total: RMB")).to_have_count(0)
