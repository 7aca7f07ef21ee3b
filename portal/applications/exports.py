"""Tables staff download, in the two forms Chinese Excel opens correctly: CSV (UTF-8 with BOM) and XLSX.

Any scheme's admin builds its rows and headers and calls `export_response`.
"""

import csv
import datetime
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal

from django.http import HttpResponse
from django.utils import timezone

CSV, XLSX = "csv", "xlsx"
CONTENT_TYPES = {
    CSV: "text/csv; charset=utf-8",
    XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
# Text starting with one of these is run as a formula by spreadsheet programs ("CSV injection");
# applicants type some of the exported text, so it is always written as text.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _plain(value):
    """What a cell holds: numbers stay numbers, times are local and naive (Excel has no time zones)."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if isinstance(value, str | int | float | Decimal | datetime.date):
        return value
    return str(value)


def _csv_cell(value):
    value = _plain(value)
    if isinstance(value, datetime.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def csv_response(filename: str, headers: Sequence[str], rows: Iterable[Sequence]) -> HttpResponse:
    response = HttpResponse(content_type=CONTENT_TYPES[CSV])
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    # The byte order mark is how Excel on Chinese Windows knows the file is UTF-8.
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow([str(header) for header in headers])
    for row in rows:
        writer.writerow([_csv_cell(value) for value in row])
    return response


def xlsx_response(
    filename: str, headers: Sequence[str], rows: Iterable[Sequence], *, sheet_title: str = ""
) -> HttpResponse:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=(sheet_title or filename)[:31])
    sheet.append([str(header) for header in headers])
    for row in rows:
        cells = []
        for value in row:
            value = _plain(value)
            cell = WriteOnlyCell(sheet, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # never a formula, whatever it starts with
            elif isinstance(value, datetime.datetime):
                cell.number_format = "yyyy-mm-dd hh:mm"
            elif isinstance(value, datetime.date):
                cell.number_format = "yyyy-mm-dd"
            cells.append(cell)
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=CONTENT_TYPES[XLSX])
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response


def export_response(
    fmt: str, filename: str, headers: Sequence[str], rows: Iterable[Sequence]
) -> HttpResponse:
    """The table as a download in `fmt` ("csv" or "xlsx"); `filename` without extension, ASCII."""
    if fmt == CSV:
        return csv_response(filename, headers, rows)
    if fmt == XLSX:
        return xlsx_response(filename, headers, rows)
    raise ValueError(f"unknown export format {fmt!r}")
