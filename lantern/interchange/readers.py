"""Reading a dataset row by row from a folder of CSVs, a `.zip` of them, or an `.xlsx` workbook.

Rows are yielded one at a time so memory stays flat whatever the size of the input.
"""

import csv
import zipfile
from collections.abc import Iterator
from contextlib import ExitStack
from datetime import date, datetime
from pathlib import Path, PurePosixPath

from django.conf import settings
from openpyxl import load_workbook

from lantern.interchange.problems import Problem

# Compression methods the standard library reads; any other is refused as a problem.
READABLE_COMPRESSION = {
    zipfile.ZIP_STORED,
    zipfile.ZIP_DEFLATED,
    zipfile.ZIP_BZIP2,
    zipfile.ZIP_LZMA,
}


class Limits:
    """The caps on one import (settings IMPORT_MAX_BYTES and IMPORT_MAX_ROWS): the bytes of
    text once unzipped, checked before anything is read, and the lines read across all
    files, blank ones included, so a file of nothing but newlines stops early too."""

    def __init__(self):
        self.max_bytes = settings.IMPORT_MAX_BYTES
        self.max_rows = settings.IMPORT_MAX_ROWS
        self.rows = 0
        self.exceeded = False

    def too_big(self, name: str, size: int) -> Problem | None:
        if size <= self.max_bytes:
            return None
        return Problem(
            name,
            0,
            "",
            "",
            f"The dataset is {_megabytes(size)} once unzipped, more than the "
            f"{_megabytes(self.max_bytes)} Lantern accepts in one import: split it into smaller "
            "datasets",
        )

    def count(self, name: str, problems: list[Problem]) -> bool:
        """Count one line; False (and one problem for the whole import) once over the cap."""
        self.rows += 1
        if self.rows <= self.max_rows:
            return True
        if not self.exceeded:
            self.exceeded = True
            problems.append(
                Problem(
                    name,
                    0,
                    "",
                    "",
                    f"The dataset has more than {self.max_rows:,} rows, the most Lantern accepts "
                    "in one import: split it into smaller datasets",
                )
            )
        return False


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:,.0f} MB" if size >= 1_000_000 else f"{size:,} bytes"


class Table:
    """One file of the dataset: its header and an iterator of (row number, cells)."""

    def __init__(self, name: str, opener):
        self.name = name
        self._opener = opener

    def rows(self, problems: list[Problem]) -> Iterator[tuple[int, list[str]]]:
        """Yield (row number, cells) including the header as row 1; record unreadable input."""
        yield from self._opener(problems)


class _NotUtf8(Exception):
    def __init__(self, line: int):
        self.line = line


def _decoded(raw) -> Iterator[str]:
    """Lines of text, decoded one at a time so a bad byte is reported on its own line."""
    for number, line in enumerate(raw, start=1):
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError:
            raise _NotUtf8(number) from None
        if number == 1:
            text = text.removeprefix("\ufeff")
        yield text


def _csv_rows(name: str, binary_open, limits: Limits) -> callable:
    def rows(problems: list[Problem]):
        row_number = 0
        try:
            with binary_open() as raw:
                reader = csv.reader(_decoded(raw), strict=True)
                for row_number, cells in enumerate(reader, start=1):
                    if not limits.count(name, problems):
                        return
                    yield row_number, cells
        except _NotUtf8 as error:
            problems.append(
                Problem(
                    name,
                    error.line,
                    "",
                    "",
                    "The file is not in UTF-8 text: save it as 'CSV UTF-8' and try again",
                )
            )
        except csv.Error as error:
            problems.append(
                Problem(name, row_number + 1, "", "", f"The file cannot be read as CSV ({error})")
            )
        except (OSError, zipfile.BadZipFile, EOFError) as error:
            problems.append(Problem(name, 0, "", "", f"The file cannot be read ({error})"))
        except (RuntimeError, NotImplementedError):  # zipfile: a password or unknown method
            problems.append(_unreadable_entry(name))

    return rows


def _cell_text(value) -> str:
    """A spreadsheet cell as the text the CSV would have held."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        if (value.hour, value.minute, value.second) == (0, 0, 0):
            return value.date().isoformat()
        fmt = "%Y-%m-%dT%H:%M:%S" if value.second else "%Y-%m-%dT%H:%M"
        return value.strftime(fmt)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _unreadable_entry(name: str) -> Problem:
    return Problem(
        name,
        0,
        "",
        "",
        "The file in the zip is protected by a password or packed in a way Lantern cannot "
        "read: make the zip again without a password, with ordinary (deflate) compression",
    )


def _sheet_rows(name: str, workbook, sheet_name: str, limits: Limits):
    def rows(problems: list[Problem]):
        sheet = workbook[sheet_name]
        for row_number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            if not limits.count(name, problems):
                return
            cells = [_cell_text(v) for v in values]
            while cells and cells[-1] == "":
                cells.pop()
            yield row_number, cells

    return rows


class Dataset:
    """The files of a dataset, wherever they come from. Use as a context manager."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.tables: dict[str, Table] = {}
        self.problems: list[Problem] = []
        self._stack = ExitStack()
        self.limits = Limits()

    def __enter__(self) -> "Dataset":
        path = self.path
        suffix = path.suffix.lower()
        if path.is_dir():
            files = [
                c for c in sorted(path.iterdir()) if c.is_file() and c.suffix.lower() == ".csv"
            ]
            too_big = self.limits.too_big(path.name, sum(c.stat().st_size for c in files))
            if too_big:
                self.problems.append(too_big)
                return self
            for child in files:
                self._add(
                    child.name, _csv_rows(child.name, lambda p=child: open(p, "rb"), self.limits)
                )
        elif not path.exists():
            self.problems.append(Problem(path.name, 0, "", "", "There is no file or folder here"))
        elif suffix == ".csv":
            # One file of the dataset on its own, named as its dataset file (children.csv).
            too_big = self.limits.too_big(path.name, path.stat().st_size)
            if too_big:
                self.problems.append(too_big)
                return self
            self._add(path.name, _csv_rows(path.name, lambda: open(path, "rb"), self.limits))
        elif suffix == ".zip":
            try:
                archive = self._stack.enter_context(zipfile.ZipFile(path))
            except (zipfile.BadZipFile, OSError) as error:
                self.problems.append(
                    Problem(path.name, 0, "", "", f"The file is not a readable zip ({error})")
                )
                return self
            # zipfile never unpacks more than an entry's stated size, so the sum is a true cap.
            too_big = self.limits.too_big(path.name, sum(i.file_size for i in archive.infolist()))
            if too_big:
                self.problems.append(too_big)
                return self
            for info in archive.infolist():
                base = PurePosixPath(info.filename).name
                if info.is_dir() or base.startswith(("._", ".")):
                    continue
                if not base.lower().endswith(".csv"):
                    continue
                if info.flag_bits & 0x1 or info.compress_type not in READABLE_COMPRESSION:
                    self.problems.append(_unreadable_entry(base))
                    continue
                self._add(base, _csv_rows(base, lambda i=info: archive.open(i), self.limits))
        elif suffix == ".xlsx":
            try:
                with zipfile.ZipFile(path) as archive:  # a workbook is a zip: check its size
                    size = sum(i.file_size for i in archive.infolist())
            except (zipfile.BadZipFile, OSError):
                size = 0  # openpyxl says what is wrong below
            too_big = self.limits.too_big(path.name, size)
            if too_big:
                self.problems.append(too_big)
                return self
            try:
                workbook = load_workbook(path, read_only=True, data_only=True)
            except Exception as error:  # openpyxl raises many kinds for a damaged workbook
                self.problems.append(
                    Problem(path.name, 0, "", "", f"The workbook cannot be read ({error})")
                )
                return self
            self._stack.callback(workbook.close)
            for sheet_name in workbook.sheetnames:
                self._add(
                    f"{sheet_name}.csv",
                    _sheet_rows(sheet_name, workbook, sheet_name, self.limits),
                )
        else:
            self.problems.append(
                Problem(
                    path.name,
                    0,
                    "",
                    "",
                    "A dataset must be a folder of CSV files, one CSV file named as its dataset "
                    "file (such as children.csv), a .zip of them or an .xlsx workbook",
                )
            )
        return self

    def _add(self, name: str, opener) -> None:
        if name in self.tables:
            self.problems.append(Problem(name, 0, "", "", "The dataset holds this file twice"))
            return
        self.tables[name] = Table(name, opener)

    def __exit__(self, *exc) -> None:
        self._stack.close()
