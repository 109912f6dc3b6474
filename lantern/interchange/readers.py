"""Reading a dataset row by row from a folder of CSVs, a `.zip` of them, or an `.xlsx` workbook.

Rows are yielded one at a time so memory stays flat whatever the size of the input.
"""

import csv
import zipfile
from collections.abc import Iterator
from contextlib import ExitStack
from datetime import date, datetime
from pathlib import Path, PurePosixPath

from openpyxl import load_workbook

from lantern.interchange.problems import Problem


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


def _csv_rows(name: str, binary_open) -> callable:
    def rows(problems: list[Problem]):
        row_number = 0
        try:
            with binary_open() as raw:
                reader = csv.reader(_decoded(raw), strict=True)
                for row_number, cells in enumerate(reader, start=1):
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


def _sheet_rows(name: str, workbook, sheet_name: str):
    def rows(problems: list[Problem]):
        sheet = workbook[sheet_name]
        for row_number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
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

    def __enter__(self) -> "Dataset":
        path = self.path
        suffix = path.suffix.lower()
        if path.is_dir():
            for child in sorted(path.iterdir()):
                if child.is_file() and child.suffix.lower() == ".csv":
                    self._add(child.name, _csv_rows(child.name, lambda p=child: open(p, "rb")))
        elif not path.exists():
            self.problems.append(Problem(path.name, 0, "", "", "There is no file or folder here"))
        elif suffix == ".zip":
            try:
                archive = self._stack.enter_context(zipfile.ZipFile(path))
            except (zipfile.BadZipFile, OSError) as error:
                self.problems.append(
                    Problem(path.name, 0, "", "", f"The file is not a readable zip ({error})")
                )
                return self
            for info in archive.infolist():
                base = PurePosixPath(info.filename).name
                if info.is_dir() or base.startswith(("._", ".")):
                    continue
                if base.lower().endswith(".csv"):
                    self._add(base, _csv_rows(base, lambda i=info: archive.open(i)))
        elif suffix == ".xlsx":
            try:
                workbook = load_workbook(path, read_only=True, data_only=True)
            except Exception as error:  # openpyxl raises many kinds for a damaged workbook
                self.problems.append(
                    Problem(path.name, 0, "", "", f"The workbook cannot be read ({error})")
                )
                return self
            self._stack.callback(workbook.close)
            for sheet_name in workbook.sheetnames:
                self._add(f"{sheet_name}.csv", _sheet_rows(sheet_name, workbook, sheet_name))
        else:
            self.problems.append(
                Problem(
                    path.name,
                    0,
                    "",
                    "",
                    "A dataset must be a folder of CSV files, a .zip of them or an .xlsx workbook",
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
