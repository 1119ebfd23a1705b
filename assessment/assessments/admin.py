"""The admin for staff: assessments are read here; changes go through the services, not the form."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from .models import Assessment


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin):
    list_display = ["id", "organisation", "status", "regime", "rating", "filing_required", "updated_at", "updated_by"]
    list_filter = ["status", "regime", "rating"]
    list_select_related = ["organisation", "updated_by"]
    search_fields = ["organisation__name", "token"]
    raw_id_fields = ["organisation", "reassessed_from"]

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        # Saving the admin form would write the whole row from a snapshot: the one write path is
        # the services (answers, completion, claim, delete), so the admin only reads.
        return False

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        # Deleting goes through services.delete_assessment, which leaves the organisation its event.
        return False
