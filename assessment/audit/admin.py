"""The audit trail in the admin: readable by staff, never edited (a trail one can rewrite proves nothing)."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from .models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["at", "kind", "assessment", "organisation", "user", "step", "question_id"]
    list_filter = ["kind"]
    list_select_related = ["assessment", "organisation", "user"]
    search_fields = ["question_id", "user__email"]
    date_hierarchy = "at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
