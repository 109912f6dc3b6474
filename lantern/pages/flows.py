"""Workflows that cross domains: each step is a service of the app that owns it."""

from django.db import transaction

from lantern.core.ukdate import aware_to_local
from lantern.mapping.models import LinkSource, Relation
from lantern.mapping.selectors import child_ref, children_linked_missing_with
from lantern.mapping.services import link_create
from lantern.missing.selectors import TogetherEvidence


@transaction.atomic
def record_missing_with(*, by, evidence: TogetherEvidence, request=None) -> bool:
    """One click on the "missing together" list: a "missing with" link between the two
    children for mapping, dated by the episodes that were the evidence. False when the
    link is already there (a second click records nothing)."""
    first, second = evidence.first, evidence.second
    if frozenset((first.source_id, second.source_id)) in children_linked_missing_with(
        [first, second]
    ):
        return False
    days = evidence.moments
    link_create(
        by=by,
        from_ref=child_ref(first),
        to_ref=child_ref(second),
        relation=Relation.MISSING_WITH,
        source=LinkSource.OTHER,
        first_seen=aware_to_local(min(days)).date(),
        last_seen=aware_to_local(max(days)).date(),
        request=request,
    )
    return True
