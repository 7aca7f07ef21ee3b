"""What visitors do, in a real browser: find an incubator, read it in another language, use the calculator."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

WORKSHOP = {
    "zh-hant": "粵港澳青年創新創業工場（福田）",
    "en": "Guangdong-Hong Kong-Macao Youth Innovation and Entrepreneurship Workshop (Futian)",
    "zh-hans": "粤港澳青年创新创业工场（福田）",
}
# Each language's name is written in that language and never translated, so the switcher keeps them.
LANGUAGE_NAMES = {"zh-hant": "繁體中文", "en": "English", "zh-hans": "简体中文"}


def _switch_language(page, language: str):
    page.locator(".lang-switch").get_by_role("link", name=LANGUAGE_NAMES[language], exact=True).click()


def _expect_workshop(page, base: str, language: str):
    expect(page).to_have_url(f"{base}/{language}/incubators/workshop/")
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.locator(".lang-switch [aria-current]")).to_have_text(LANGUAGE_NAMES[language])
    expect(page.get_by_role("heading", level=1)).to_have_text(WORKSHOP[language])
    facts = page.locator("dl.facts").first
    expect(facts).to_contain_text("3,500")  # m² of floor space
    expect(facts).to_contain_text("2.4")  # km to Futian Port


def test_find_the_workshop_and_read_it_in_each_language(request, site, subtests):
    # Both devices in one test, so the catalogue is seeded once; subtests still report each device.
    for device in ["phone", "desktop"]:
        with subtests.test(msg=device):
            page = request.getfixturevalue(device)
            page.goto(f"{site}/zh-hant/")

            page.get_by_role("link", name=WORKSHOP["zh-hant"], exact=True).click()
            _expect_workshop(page, site, "zh-hant")

            _switch_language(page, "en")
            _expect_workshop(page, site, "en")

            _switch_language(page, "zh-hans")
            _expect_workshop(page, site, "zh-hans")


def test_subsidy_calculator(site, phone, subtests):
    degree = phone.get_by_label("Highest education")
    months = phone.get_by_label("Months of internship")
    calculate = phone.get_by_role("button", name="Calculate")
    phone.goto(f"{site}/en/subsidies/")

    with subtests.test(msg="a master's degree for 3 months"):
        degree.select_option(label="Master's degree")
        months.fill("3")
        calculate.click()
        result = phone.get_by_role("status").filter(has_text="Total")
        expect(result).to_contain_text("2,500")
        expect(result).to_contain_text("7,500")
        # The form keeps what was entered, so it can be changed and sent again.
        expect(degree).to_have_value("master")
        expect(months).to_have_value("3")

    with subtests.test(msg="0 months"):
        degree.select_option(label="Master's degree")
        months.fill("0")
        calculate.click()
        message = re.compile(r"Enter a number of months from 1 to \d+\.")
        field = phone.locator(".field").filter(has=phone.locator("#id_months"))
        expect(field.locator(".error")).to_have_text(message)
        # Screen readers hear the error with the field, not only somewhere on the page.
        expect(months).to_have_attribute("aria-invalid", "true")
        expect(months).to_have_accessible_description(message)
        expect(phone.get_by_text("Total: RMB")).to_have_count(0)
