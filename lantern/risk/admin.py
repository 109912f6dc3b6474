"""Admin for risk assessments and the configurable tools."""

from django.contrib import admin

from lantern.core.admin import CaseDataAdmin
from lantern.risk.models import Assessment, RiskTool


@admin.register(Assessment)
class AssessmentAdmin(CaseDataAdmin):
    list_display = ("source_id", "child", "completed_on", "tool", "is_screening", "risk_level")
    list_filter = ("tool", "risk_level", "is_screening")
    search_fields = ("source_id",)
    raw_id_fields = ("child",)
    readonly_fields = ("created_at", "updated_at", "created_by", "modified_by")


@admin.register(RiskTool)
class RiskToolAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "is_screening", "in_use_from")
    search_fields = ("code", "name")
