"""CSV exports, streamed a line at a time and safe to open in a spreadsheet."""

import csv
import re
from collections.abc import Iterable, Iterator

E164 = re.compile(r"\+[0-9]{7,15}")


def csv_safe(value) -> str:
    """Neutralize spreadsheet formulas (CSV injection): a cell never starts with = + - @, a tab
    or a carriage return (a telephone number in E.164 stays as it is)."""
    text = "" if value is None else str(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r") and not E164.fullmatch(text):
        return "'" + text
    return text


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_lines(header: list[str], rows: Iterable) -> Iterator[str]:
    """Encode rows as CSV one line at a time (constant memory). Every cell is quoted: where `;`
    is the spreadsheet's list separator, an unquoted `a;=cmd` would be read as two cells, the
    second a formula, and quoting only cells with a comma misses it."""
    writer = csv.writer(_Echo(), quoting=csv.QUOTE_ALL)
    yield writer.writerow(header)
    for row in rows:
        yield writer.writerow([csv_safe(v) for v in row])
