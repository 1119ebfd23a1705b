"""The admin for staff: organisations with their members and invitations (assessments: assessments/admin.py)."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from assessment.organisations.models import Invitation, Membership, Organisation


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


class InvitationInline(admin.TabularInline):
    model = Invitation
    extra = 0
    fields = ["email", "role", "created_at", "expires_at", "accepted_at"]
    readonly_fields = ["email", "role", "created_at", "expires_at", "accepted_at"]

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        # An invitation needs its e-mailed one-time link: owners send them from the app.
        return False


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "created_at"]
    search_fields = ["name"]
    inlines = [MembershipInline, InvitationInline]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "organisation", "role", "created_at", "expires_at", "accepted_at"]
    list_filter = ["role"]
    search_fields = ["email", "organisation__name"]
    readonly_fields = ["organisation", "email", "invited_by", "created_at", "accepted_at", "accepted_by"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
