"""Admin for children: ids and status only in lists, no names or free text."""

from django.contrib import admin

from lantern.children.models import Child
from lantern.core.admin import CaseDataAdmin


@admin.register(Child)
class ChildAdmin(CaseDataAdmin):
    list_display = ("source_id", "district", "legal_status", "uasc", "restricted", "updated_at")
    list_filter = ("legal_status", "uasc", "restricted")
    search_fields = ("source_id",)
    readonly_fields = ("created_at", "updated_at", "created_by", "modified_by")
