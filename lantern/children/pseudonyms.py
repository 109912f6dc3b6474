"""Pseudonyms for analysts (access.md: pseudonymised extracts, no names or dates of birth).

One rule for every place a pseudonym appears (dashboard drill-downs, exports, national
extracts for analysts), so an analyst can join them: an HMAC-SHA256 of the child's reference
(`source_id`, the dataset's `child_id`) keyed by `PSEUDONYM_KEY` (by default the
`SECRET_KEY`), first 10 hex characters in capitals. The reference, not the database id,
so the same child keeps its pseudonym after an export and re-import elsewhere with the same key.
"""

import hashlib
import hmac
from datetime import date

from django.conf import settings


def pseudonym(child_reference: str) -> str:
    """A stable stand-in for a child's name: the same child always gets the same one."""
    digest = hmac.new(settings.PSEUDONYM_KEY.encode(), child_reference.encode(), hashlib.sha256)
    return digest.hexdigest()[:10].upper()


def age_band(born: date, on: date) -> str:
    """An age band in place of a date of birth."""
    years = on.year - born.year - ((on.month, on.day) < (born.month, born.day))
    if years < 10:
        return "under 10"
    for low, high in ((10, 12), (13, 15), (16, 17)):
        if low <= years <= high:
            return f"{low} to {high}"
    return "18 and over"
