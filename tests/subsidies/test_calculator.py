"""The internship subsidy calculator: worked out on the server, errors next to the field,
in the visitor's language.
"""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from subsidies.models import SubsidyScheme

pytestmark = pytest.mark.usefixtures("catalogue")

URL = "/{language}/subsidies/"


@pytest.fixture
def scheme():
    return SubsidyScheme.objects.get(slug="internship-subsidy")


@pytest.fixture
def calculate(page):
    """Submit the calculator as a visitor does (a GET form) and return the page's main part."""

    def submit(language="en", **params):
        query = "&".join(f"{name}={value}" for name, value in params.items())
        return page(f"{URL.format(language=language)}?{query}").find("main")

    return submit


def field_errors(main, name) -> list[str]:
    """Error messages shown inside the form field that holds the input or select called `name`."""
    for field in main.find_all("div", cls="field"):
        control = field.find_all("input", name=name) + field.find_all("select", name=name)
        if control:
            errors = [p.text for p in field.find_all("p", cls="error")]
            if errors:
                # A screen reader announces the error with the control.
                assert control[0].attrs.get("aria-invalid") == "true"
                described_by = control[0].attrs.get("aria-describedby", "").split()
                assert any(
                    main.find_all(id_=ref) and main.find(id_=ref).find_all("p", cls="error")
                    for ref in described_by
                ), "the error is not tied to the control"
            return errors
    raise AssertionError(f"no field for {name}")


def result(main):
    found = main.find_all("div", cls="result")
    return found[0].text if found else None


def test_master_for_three_months(calculate):
    main = calculate(degree="master", months=3)

    assert "Total: RMB 7,500" in result(main)
    assert "RMB 2,500 a month × 3 months" in result(main)


@pytest.mark.parametrize(
    "degree, amount",
    [("associate", "1,000"), ("bachelor", "1,500"), ("master", "2,500"), ("doctorate", "4,500")],
)
def test_each_tier_for_one_month(calculate, degree, amount):
    assert f"Total: RMB {amount}" in result(calculate(degree=degree, months=1))


def test_doctorate_for_the_longest_period(calculate, scheme):
    main = calculate(degree="doctorate", months=scheme.max_months)

    assert scheme.max_months == 12
    assert "Total: RMB 54,000" in result(main)


def test_the_longest_period_follows_the_staff_setting(calculate, scheme):
    scheme.max_months = 6
    scheme.save()

    assert "Total: RMB 27,000" in result(calculate(degree="doctorate", months=6))
    refused = calculate(degree="doctorate", months=7)
    assert result(refused) is None
    assert field_errors(refused, "months") == ["Enter a number of months from 1 to 6."]


def test_the_amount_follows_the_tier_staff_set(calculate, scheme):
    scheme.tiers.filter(degree="bachelor").update(monthly_amount=1800)

    assert "Total: RMB 3,600" in result(calculate(degree="bachelor", months=2))


@pytest.mark.parametrize(
    "params, field, message",
    [
        ({"degree": "master", "months": 0}, "months", "Enter a number of months from 1 to 12."),
        ({"degree": "master", "months": -3}, "months", "Enter a number of months from 1 to 12."),
        ({"degree": "master", "months": 100}, "months", "Enter a number of months from 1 to 12."),
        ({"degree": "master", "months": "three"}, "months", "Enter a whole number of months."),
        ({"degree": "master", "months": "2.5"}, "months", "Enter a whole number of months."),
        ({"degree": "phd", "months": 3}, "degree", "Choose a degree from the list."),
    ],
)
def test_invalid_input_is_explained_next_to_the_field(calculate, params, field, message):
    main = calculate(**params)

    assert field_errors(main, field) == [message]
    assert result(main) is None


def test_both_fields_wrong_shows_both_errors(calculate):
    main = calculate(degree="phd", months="abc")

    assert field_errors(main, "degree") == ["Choose a degree from the list."]
    assert field_errors(main, "months") == ["Enter a whole number of months."]


def test_the_form_keeps_what_was_typed(calculate):
    main = calculate(degree="master", months=100)

    assert main.find("input", name="months").attrs.get("value") == "100"
    assert main.find("option", value="master").attrs.get("selected") is not None


def test_an_empty_form_shows_no_error_and_no_result(calculate):
    main = calculate()

    assert not main.find_all("p", cls="error")
    assert result(main) is None


def test_the_tier_names_in_the_form_follow_the_language(calculate):
    main = calculate(language="zh-hant")

    options = main.find("select", name="degree").find_all("option")
    assert [option.text for option in options if option.attrs["value"]] == ["大專", "本科", "碩士", "博士"]


# Translations of the portal's own messages exist only once `make messages` has compiled them.


@pytest.mark.parametrize(
    "params, field, english",
    [
        ({"degree": "master", "months": 0}, "months", "Enter a number of months from 1 to 12."),
        ({"degree": "master", "months": "three"}, "months", "Enter a whole number of months."),
        ({"degree": "phd", "months": 3}, "degree", "Choose a degree from the list."),
    ],
)
def test_errors_are_in_traditional_chinese_on_the_zh_hant_page(calculate, params, field, english):
    errors = field_errors(calculate(language="zh-hant", **params), field)

    assert len(errors) == 1
    assert errors[0] != english
    assert any("\u4e00" <= char <= "\u9fff" for char in errors[0]), errors[0]


# --- the rule itself, on the model ------------------------------------------------------


@pytest.mark.parametrize(
    "degree, months, total",
    [("associate", 1, 1000), ("bachelor", 1, 1500), ("master", 3, 7500), ("doctorate", 12, 54000)],
)
def test_calculate(scheme, degree, months, total):
    quote = scheme.calculate(degree, months)

    assert quote.total == Decimal(total)
    assert quote.months == months
    assert quote.tier.degree == degree


@pytest.mark.parametrize(
    "degree, months, code",
    [
        ("master", 0, "months_range"),
        ("master", -1, "months_range"),
        ("master", 13, "months_range"),
        ("master", 100, "months_range"),
        ("phd", 3, "unknown_degree"),
        ("", 3, "unknown_degree"),
        ("master", "three", None),
        ("master", None, None),
    ],
)
def test_calculate_refuses_what_the_rules_do_not_allow(scheme, degree, months, code):
    with pytest.raises(ValidationError) as error:
        scheme.calculate(degree, months)

    if code:
        assert error.value.code == code
