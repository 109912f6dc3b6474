"""The child fixtures are shared with the pages that show children."""

import pytest

from tests.children.conftest import *  # noqa: F403


@pytest.fixture(autouse=True)
def _tools(shipped_lookups):
    """The shipped risk tools, whatever ran before."""
