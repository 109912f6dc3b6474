"""What an import found wrong: every problem, each with where it is and what to do about it."""

from dataclasses import dataclass

from django.conf import settings


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input. `row` counts the header as row 1; 0 means the whole file."""

    file: str
    row: int
    column: str
    value: str
    message: str

    def __str__(self) -> str:
        where = self.file + (f", row {self.row}" if self.row else "")
        where += f", column {self.column}" if self.column else ""
        return f"{where}: {self.message}"


class ImportRejected(Exception):
    """Raised when a dataset has any problem: nothing was written.

    `problems` lists at most `shown` of them (setting IMPORT_MAX_PROBLEMS) so the page stays
    readable; `total` counts every one found and `more` the ones left off ("and 153,500 more").
    """

    def __init__(self, problems: list[Problem], total: int | None = None):
        problems = list(problems)
        self.total = max(total or 0, len(problems))
        self.problems = problems[: settings.IMPORT_MAX_PROBLEMS]
        self.more = self.total - len(self.problems)
        super().__init__(f"The dataset was not imported: {self.total:,} problem(s) found")
