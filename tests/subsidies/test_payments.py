"""The subsidy's payment schedule in admin: shown on the application, marked paid, exported for finance."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook

from portal.applications.exports import csv_response, export_response, xlsx_response
from portal.models import Status
from subsidies.models import SubsidyPayment
from tests.markup import parse
from tests.portal.conftest import (  # noqa: F401  (fixtures shared with the portal's admin tests)
    make_applicant,
    make_subsidy_application,
    messages_of,
    mfa_staff,
)

pytestmark = pytest.mark.django_db


def _english(name):
    """Admin addresses in English, so the messages the tests read are in English."""
    with translation.override("en"):
        return reverse(name)


PAYMENTS = _english("admin:subsidies_subsidypayment_changelist")
with translation.override("en"):
    # Exports are checked in English, whatever the translators make of the column names.
    PAYMENTS_EN = reverse("admin:subsidies_subsidypayment_changelist")


@pytest.fixture
def manager(client, mfa_staff):  # noqa: F811
    user = mfa_staff("dora", groups=["data manager"])
    client.force_login(user)
    return user


@pytest.fixture
def approved(make_applicant, make_subsidy_application):  # noqa: F811
    """Two approved applications: 3 months (master's, 2,500) and 2 months (doctorate, 4,500)."""
    first = make_subsidy_application(make_applicant("chan"), Status.APPROVED)
    second = make_subsidy_application(
        make_applicant("lee", degree="doctorate", name_zh="李小龍", name_en="Lee Siu Lung"),
        Status.APPROVED,
        base="community-7plus",
        organisation='=HYPERLINK("http://evil.example")',
        start=datetime.date(2026, 8, 15),
        end=datetime.date(2026, 10, 14),
    )
    return first, second


def test_approval_shows_the_schedule_on_the_application(client, manager, mfa_staff, approved):  # noqa: F811
    client.force_login(mfa_staff("rita", groups=["approver"]))
    first, _second = approved
    page = parse(client.get(reverse("admin:subsidies_subsidyapplication_change", args=[first.pk])).content)
    rows = page.find(id_="payments-group").find("tbody").find_all("tr")
    assert [row.find("td", cls="field-month").text for row in rows] == [
        "July 1, 2026",
        "Aug. 1, 2026",
        "Sept. 1, 2026",
    ]
    assert {row.find("td", cls="field-amount").text for row in rows} == {"2500"}
    link = f"{PAYMENTS}?application__exact={first.pk}"
    assert link in page.links()
    # The link really lists this application's months only.
    assert len(parse(client.get(link).content).find_all("th", cls="field-reference")) == 3


def test_the_payments_list(client, manager, approved):
    page = parse(client.get(PAYMENTS).content)
    assert len(page.find("tbody").find_all("tr")) == 5
    assert "李小龍 / Lee Siu Lung" in page.text
    unpaid = parse(client.get(PAYMENTS, {"paid": "no"}).content)
    assert len(unpaid.find("tbody").find_all("tr")) == 5
    assert "0 " in parse(client.get(PAYMENTS, {"paid": "yes"}).content).find("p", cls="paginator").text


def test_mark_paid_sets_who_and_when_for_unpaid_months_only(client, manager, mfa_staff, approved):  # noqa: F811
    first, second = approved
    earlier = timezone.now() - datetime.timedelta(days=30)
    colleague = mfa_staff("colleague", groups=["data manager"])
    already = SubsidyPayment.objects.get(application=first, period=1)
    SubsidyPayment.objects.filter(pk=already.pk).update(paid_at=earlier, paid_by=colleague)

    chosen = list(SubsidyPayment.objects.filter(application=first).values_list("pk", flat=True))
    response = client.post(PAYMENTS, {"action": "mark_paid", "_selected_action": chosen})
    assert response.status_code == 302
    assert messages_of(response) == ["2 months marked paid. 1 was already paid and was left as it was."]

    already.refresh_from_db()
    assert (already.paid_at, already.paid_by) == (earlier, colleague)  # not overwritten
    for payment in SubsidyPayment.objects.filter(application=first, period__gt=1):
        assert payment.paid_by == manager and payment.paid_at > earlier
    assert not SubsidyPayment.objects.filter(application=second, paid_at__isnull=False).exists()
    assert LogEntry.objects.filter(user=manager).count() == 2  # who marked what, in the admin's log

    # Marking again changes nothing.
    response = client.post(PAYMENTS, {"action": "mark_paid", "_selected_action": chosen})
    assert (
        messages_of(response)[-1] == "0 months marked paid. 3 were already paid and were left as they were."
    )


def test_a_paid_month_cannot_be_edited(client, manager, approved):
    payment = SubsidyPayment.objects.filter(application=approved[0]).first()
    client.post(PAYMENTS, {"action": "mark_paid", "_selected_action": [payment.pk]})
    url = reverse("admin:subsidies_subsidypayment_change", args=[payment.pk])
    response = client.post(url, {"month": "2026-01-01", "amount": "99999", "_save": "1"})
    assert response.status_code == 403
    payment.refresh_from_db()
    assert payment.amount == Decimal("2500")


def test_no_one_adds_or_deletes_payments_by_hand(client, manager, approved):
    payment = SubsidyPayment.objects.first()
    assert client.get(reverse("admin:subsidies_subsidypayment_add")).status_code == 403
    assert client.get(reverse("admin:subsidies_subsidypayment_delete", args=[payment.pk])).status_code == 403
    response = client.post(
        PAYMENTS, {"action": "delete_selected", "_selected_action": [payment.pk], "post": "yes"}
    )
    assert SubsidyPayment.objects.filter(pk=payment.pk).exists()
    assert response.status_code in {200, 302}


HEADERS = [
    "reference",
    "name in Chinese",
    "name in English",
    "base",
    "host organisation",
    "month no.",
    "month starting",
    "amount (RMB)",
    "name on the account",
    "bank",
    "account number",
    "paid",
]


def test_csv_export_opens_in_chinese_excel(client, manager, approved):
    first, second = approved
    client.post(
        PAYMENTS,
        {
            "action": "mark_paid",
            "_selected_action": [SubsidyPayment.objects.get(application=first, period=1).pk],
        },
    )
    chosen = list(SubsidyPayment.objects.values_list("pk", flat=True))
    response = client.post(PAYMENTS_EN, {"action": "export_csv", "_selected_action": chosen})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="subsidy-payments-')
    assert response.content.startswith(b"\xef\xbb\xbf")  # the BOM
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == HEADERS
    assert len(rows) == 6
    by_key = {(row[0], row[5]): row for row in rows[1:]}
    row = by_key[(first.reference, "1")]
    assert row[1:3] == ["陳大文", "Chan Tai Man"]
    assert row[4:8] == ["Team A", "1", "2026-07-01", "2500"]
    # Finance pays from this file: the account in full.
    assert row[8:11] == ["CHAN Tai Man", "HSBC", "004123456789001"]
    assert row[11].startswith(timezone.localdate().isoformat())
    assert by_key[(first.reference, "2")][11] == ""
    lee = by_key[(second.reference, "2")]
    assert lee[1] == "李小龍" and lee[7] == "4500" and lee[6] == "2026-09-15"
    # Text an applicant typed is never run as a formula.
    assert lee[4] == '\'=HYPERLINK("http://evil.example")'


def test_xlsx_export(client, manager, approved):
    first, second = approved
    chosen = list(SubsidyPayment.objects.values_list("pk", flat=True))
    response = client.post(PAYMENTS_EN, {"action": "export_xlsx", "_selected_action": chosen})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == HEADERS
    assert len(rows) == 6
    lee = next(row for row in rows if row[0] == second.reference and row[5] == 1)
    assert lee[1:3] == ("李小龍", "Lee Siu Lung")
    assert lee[6] == datetime.datetime(2026, 8, 15)  # a real date cell
    assert lee[7] == 4500  # a number Excel can add up
    assert lee[10] == "004123456789001"  # text, so Excel keeps every digit
    assert lee[11] is None
    cell = next(c for c in sheet["E"] if c.value and str(c.value).startswith("=HYPERLINK"))
    assert cell.data_type == "s"  # stored as text, not as a formula


def test_export_functions_are_generic():
    rows = [
        [
            "FT-1",
            "+danger",
            3,
            Decimal("1.5"),
            datetime.date(2026, 1, 2),
            timezone.make_aware(datetime.datetime(2026, 1, 2, 3, 4)),
            None,
        ]
    ]
    headers = ["a", "b", "c", "d", "e", "f", "g"]
    text = csv_response("x", headers, rows).content.decode("utf-8-sig")
    assert text.splitlines()[1] == "FT-1,'+danger,3,1.5,2026-01-02,2026-01-02 03:04,"
    sheet = load_workbook(io.BytesIO(xlsx_response("x", headers, rows).content)).active
    assert [c.value for c in sheet[2]][:6] == [
        "FT-1",
        "+danger",
        3,
        1.5,
        datetime.datetime(2026, 1, 2),
        datetime.datetime(2026, 1, 2, 3, 4),
    ]
    with pytest.raises(ValueError):
        export_response("pdf", "x", headers, rows)
