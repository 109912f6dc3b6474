"""Workflows that cross domains: each step is a service of the app that owns it."""

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone

from lantern.core.ukdate import aware_to_local
from lantern.mapping.models import Entity, Link, LinkSource, Relation
from lantern.mapping.selectors import child_linked_to, child_ref, children_linked_missing_with
from lantern.mapping.services import entity_create, link_create
from lantern.missing.models import ReturnInterview
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


def interview_day(interview: ReturnInterview) -> date:
    """The UK day a link from this interview is dated by: when it was held, else when it
    was offered, else today (an interview recorded with neither)."""
    moment = interview.completed_at or interview.offered_at or timezone.now()
    return aware_to_local(moment).date()


@dataclass
class InterviewLink:
    entity: Entity
    link: Link | None  # None: the child was already linked to it that way
    entity_created: bool


@transaction.atomic
def link_interview_to_mapping(
    *,
    by,
    interview: ReturnInterview,
    relation: str,
    entity: Entity | None = None,
    new_entity: dict | None = None,
    grading: str = "",
    request=None,
) -> InterviewLink:
    """A person or place named in a return interview, put on the child's network: an
    existing entity, or a new one (`new_entity`: kind, label, district), linked to the
    child with `relation`, source "return home interview", first and last seen on the
    interview's day. One transaction; each write is audited by mapping's services. Nothing
    of the interview's text goes into the entity or the link. A link the child already
    has (same entity, same relation) is not made twice."""
    if (entity is None) == (new_entity is None):
        raise ValueError("Give an existing entity or a new one, not both.")
    created = entity is None
    if created:
        entity = entity_create(by=by, request=request, **new_entity)
    elif child_linked_to(interview.child, entity, relation):
        return InterviewLink(entity=entity, link=None, entity_created=False)
    day = interview_day(interview)
    link = link_create(
        by=by,
        from_ref=child_ref(interview.child),
        to_ref=entity.ref,
        relation=relation,
        source=LinkSource.RHI,
        grading=grading,
        first_seen=day,
        last_seen=day,
        request=request,
    )
    return InterviewLink(entity=entity, link=link, entity_created=created)
