"""The child fixtures are shared with the pages that show children."""

from tests.children.conftest import *  # noqa: F403
