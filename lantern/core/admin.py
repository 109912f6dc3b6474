"""Admin base for case records."""

from django.contrib import admin


class CaseDataAdmin(admin.ModelAdmin):
    """Case records are registered (lists by reference, searchable) but closed to the admin
    role: administrators see no case data unless also given a case role (access.md), and
    case data is read in Lantern's own pages, which check access and write the audit trail."""

    def has_module_permission(self, request):
        return False

    def has_view_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
