"""What an import found wrong: every problem, each with where it is and what to do about it."""

from dataclasses import dataclass


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
    """Raised when a dataset has any problem: nothing was written."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__(f"The dataset was not imported: {len(self.problems)} problem(s) found")
