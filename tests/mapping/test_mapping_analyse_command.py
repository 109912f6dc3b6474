"""`lantern mapping analyse --format json` prints the analysis in the issue's shape."""

import json
from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from lantern.audit.models import AuditEntry


def run(*args) -> dict:
    out = StringIO()
    call_command("mapping", "analyse", *args, stdout=out)
    return json.loads(out.getvalue())


def test_the_command_prints_groups_key_entities_co_missing_and_cross_district(network):
    a, b = network.child("C1"), network.child("C2", district="Hart")
    adult = network.entity("E1")
    network.link(a, adult, first_seen=date(2024, 2, 1))
    network.link(b, adult, first_seen=date(2024, 4, 1))
    result = run("--format", "json")
    assert list(result) == ["groups", "key_entities", "co_missing", "cross_district_groups"]
    assert result["groups"] == [{"children": ["C1", "C2"], "entities": ["E1"]}]
    assert result["key_entities"][0]["ref"] == "entity:E1"
    assert result["key_entities"][0]["children_linked"] == 2
    assert set(result["key_entities"][0]) == {"ref", "children_linked", "centrality"}
    assert result["cross_district_groups"] == 1
    assert run("--as-of", "2024-03-01")["cross_district_groups"] == 0
    assert AuditEntry.objects.filter(object_type="network_analysis").count() == 2


def test_a_bad_date_or_format_is_refused_with_a_plain_message(db):
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        run("--as-of", "30/11/2020")
    with pytest.raises(CommandError, match="Unknown format"):
        run("--format", "xml")
