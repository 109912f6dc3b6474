"""Admin for mapping: entities, links, intelligence, disruptions (no labels or notes in lists)."""

from django.contrib import admin

from lantern.core.admin import CaseDataAdmin
from lantern.mapping.models import Disruption, Entity, Intelligence, Link, Operation

READ_ONLY = ("created_at", "updated_at", "created_by", "modified_by")


@admin.register(Entity)
class EntityAdmin(CaseDataAdmin):
    list_display = ("source_id", "kind", "district")
    list_filter = ("kind",)
    search_fields = ("source_id",)
    readonly_fields = READ_ONLY
    raw_id_fields = ("merged_into",)


@admin.register(Link)
class LinkAdmin(CaseDataAdmin):
    list_display = ("source_id", "from_ref", "to_ref", "relation", "first_seen", "source")
    list_filter = ("relation", "source")
    search_fields = ("source_id",)
    readonly_fields = READ_ONLY


@admin.register(Intelligence)
class IntelligenceAdmin(CaseDataAdmin):
    list_display = ("source_id", "received_on", "agency", "form")
    search_fields = ("source_id",)
    readonly_fields = READ_ONLY


@admin.register(Disruption)
class DisruptionAdmin(CaseDataAdmin):
    list_display = ("source_id", "on", "tactic")
    list_filter = ("tactic",)
    search_fields = ("source_id",)
    readonly_fields = READ_ONLY


@admin.register(Operation)
class OperationAdmin(CaseDataAdmin):
    list_display = ("name", "started_on")
    search_fields = ("name",)
    readonly_fields = ("created_at", "created_by")
