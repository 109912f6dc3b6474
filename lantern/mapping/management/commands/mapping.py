"""`lantern mapping analyse`: groups, key entities and children missing together, as JSON."""

import json
from datetime import date

from django.core.management.base import BaseCommand, CommandError

from lantern.audit.models import AuditAction
from lantern.audit.services import audit_record
from lantern.mapping.selectors import network_analysis

FORMATS = ("json",)


class Command(BaseCommand):
    help = "Analyse the network of children, entities and links (docs/mapping.md)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True, metavar="analyse")
        analyse = sub.add_parser("analyse", help="groups, key entities, co-missing pairs")
        analyse.add_argument("--as-of", metavar="YYYY-MM-DD", help="the network known on a day")
        analyse.add_argument("--format", default="json", help="json (the only one for now)")
        analyse.add_argument("--output", metavar="FILE", help="write here instead of stdout")

    def handle(self, *args, **options):
        fmt = (options["format"] or "json").lower()
        if fmt not in FORMATS:
            raise CommandError(f"Unknown format {fmt!r}: use one of {', '.join(FORMATS)}.")
        as_of = None
        if options["as_of"]:
            try:
                as_of = date.fromisoformat(options["as_of"])
            except ValueError:
                raise CommandError("Give --as-of as YYYY-MM-DD, for example 2020-11-30.") from None
        result = network_analysis(as_of)
        audit_record(
            action=AuditAction.REPORT,
            object_type="network_analysis",
            detail={"as_of": as_of.isoformat() if as_of else None, "via": "command"},
        )
        text = json.dumps(result, indent=2)
        if options["output"]:
            with open(options["output"], "w", encoding="utf-8") as out:
                out.write(text + "\n")
        else:
            self.stdout.write(text)
