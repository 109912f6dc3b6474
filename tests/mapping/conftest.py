"""Small hand-built networks: children, entities and links made directly in the database."""

from datetime import date

import pytest

from lantern.children.models import Child
from lantern.mapping.models import Entity, Link


@pytest.fixture
def network(db):
    """`network.child("C1", district=...)`, `network.entity("E1")`, `network.link(a, b)`."""

    class Network:
        links = 0

        def child(self, ref: str, district: str = "Winchester", **extra) -> Child:
            return Child.objects.create(
                source_id=ref,
                first_name=extra.pop("first_name", "Test"),
                last_name=extra.pop("last_name", ref.title()),
                date_of_birth=date(2008, 1, 1),
                gender="female",
                district=district,
                **extra,
            )

        def entity(self, ref: str, kind: str = "adult", **extra) -> Entity:
            return Entity.objects.create(source_id=ref, kind=kind, **extra)

        def link(self, a, b, relation: str = "associate", **extra) -> Link:
            self.links += 1
            return Link.objects.create(
                source_id=extra.pop("source_id", f"L{self.links:04d}"),
                from_ref=_ref(a),
                to_ref=_ref(b),
                relation=relation,
                **extra,
            )

    return Network()


def _ref(record) -> str:
    kind = "child" if isinstance(record, Child) else "entity"
    return f"{kind}:{record.source_id}"
