"""The only code that creates clients, changes a client's profile, restricts a client to named
consultancy members, and stores a consultancy's logo. Each change is one transaction and writes
only the columns it changes."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction

from .forms import PROFILE_FIELDS
from .logo import CheckedLogo
from .models import ClientAssignment, Logo, Membership, Organisation


class NotAConsultancy(ValueError):
    """Clients, restrictions and logos belong to consultancies only."""


def _require_consultancy(organisation: Organisation) -> None:
    if organisation.kind != Organisation.Kind.CONSULTANCY:
        raise NotAConsultancy(organisation.pk)


@transaction.atomic
def create_client(consultancy: Organisation, profile: Mapping[str, Any]) -> Organisation:
    """A new client of the consultancy with its profile. The consultancy's members reach it with their
    consultancy role; it has no members of its own until its staff are invited."""
    _require_consultancy(consultancy)
    fields = {name: profile[name] for name in PROFILE_FIELDS if name in profile}
    return Organisation.objects.create(kind=Organisation.Kind.BUSINESS, managed_by=consultancy, **fields)


@transaction.atomic
def update_profile(organisation: Organisation, profile: Mapping[str, Any]) -> list[str]:
    """Store the profile fields that changed; the names of those fields (none: nothing written)."""
    row = Organisation.objects.select_for_update().get(pk=organisation.pk)
    changed = [name for name in PROFILE_FIELDS if name in profile and getattr(row, name) != profile[name]]
    for name in changed:
        setattr(row, name, profile[name])
        setattr(organisation, name, profile[name])
    if changed:
        row.save(update_fields=changed)
    return changed


def restrictable_members(client: Organisation) -> list[Membership]:
    """The consultancy's members who are not owners (owners always reach every client)."""
    if client.managed_by_id is None:
        return []
    return list(
        Membership.objects.filter(organisation_id=client.managed_by_id)
        .exclude(role="owner")
        .select_related("user")
        .order_by("user__email")
    )


@transaction.atomic
def restrict_client(client: Organisation, user_ids: Iterable[int]) -> None:
    """Restrict the client to these consultancy members (besides the owners); none lifts the restriction.

    Only members of the managing consultancy can be named; the client's row is locked so that two
    owners changing the list at once leave one of their lists, never a mixture."""
    if client.managed_by_id is None:
        raise NotAConsultancy(client.pk)
    Organisation.objects.select_for_update().filter(pk=client.pk).first()
    allowed = {m.user_id for m in restrictable_members(client)}
    wanted = {int(user_id) for user_id in user_ids} & allowed
    ClientAssignment.objects.filter(client=client).exclude(user_id__in=wanted).delete()
    have = set(ClientAssignment.objects.filter(client=client).values_list("user_id", flat=True))
    ClientAssignment.objects.bulk_create([ClientAssignment(client=client, user_id=u) for u in sorted(wanted - have)])


def lift_restriction(client: Organisation) -> None:
    restrict_client(client, [])


@transaction.atomic
def set_logo(consultancy: Organisation, checked: CheckedLogo, actor: Any) -> Logo:
    """Store a checked logo for the consultancy, replacing any earlier one."""
    _require_consultancy(consultancy)
    Organisation.objects.select_for_update().filter(pk=consultancy.pk).first()
    values = {
        "content": checked.content,
        "content_type": checked.content_type,
        "sha256": hashlib.sha256(checked.content).hexdigest(),
        "width": checked.width,
        "height": checked.height,
        "uploaded_by": actor if getattr(actor, "pk", None) else None,
    }
    logo = Logo.objects.filter(organisation=consultancy).first()
    if logo is None:
        return Logo.objects.create(organisation=consultancy, **values)
    for name, value in values.items():
        setattr(logo, name, value)
    logo.save(update_fields=[*values, "uploaded_at"])
    return logo


@transaction.atomic
def remove_logo(consultancy: Organisation) -> bool:
    deleted, _kinds = Logo.objects.filter(organisation=consultancy).delete()
    return deleted > 0
