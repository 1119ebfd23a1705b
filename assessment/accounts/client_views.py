"""A consultancy's workspace pages: its clients (create one, edit its profile, restrict it to named
members) and its logo. Every check is OrganisationAccess.can; anyone it does not allow gets a 404."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from assessment.organisations import services
from assessment.organisations.access import OrganisationAccess, effective_role, organisation_access, require
from assessment.organisations.forms import ClientProfileForm, LogoForm, RestrictionForm
from assessment.organisations.models import ClientAssignment, Logo, Organisation


def workspace_context(request: HttpRequest, access: OrganisationAccess) -> dict[str, Any]:
    """What the organisation page shows of the workspace: a consultancy's clients (those this user
    reaches) and logo, or the consultancy managing a client and who of it works there."""
    organisation = access.organisation
    context: dict[str, Any] = {"clients": [], "logo": None, "consultancy": None, "assigned": []}
    if access.is_consultancy:
        named = set(
            ClientAssignment.objects.filter(client__managed_by=organisation).values_list("client_id", flat=True)
        )
        context["clients"] = [
            {"organisation": client, "restricted": client.pk in named}
            for client in organisation.clients.order_by("name", "id")
            if effective_role(request, client.pk) is not None
        ]
        context["logo"] = Logo.objects.filter(organisation=organisation).defer("content").first()
    elif access.is_client:
        context["consultancy"] = organisation.managed_by
        context["assigned"] = list(organisation.assignments.select_related("user").order_by("user__email"))
    return context


@login_required
def new_client(request: HttpRequest, pk: int) -> HttpResponse:
    """A consultancy owner adds a client with its profile."""
    consultancy = require(organisation_access(request, pk, need="own"), "add_clients").organisation
    form = ClientProfileForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        client = services.create_client(consultancy, form.cleaned_data)
        messages.success(request, _("Client “%(name)s” added.") % {"name": client.name})
        return redirect("accounts:organisation", pk=client.pk)
    return render(request, "accounts/client_form.html", {"form": form, "consultancy": consultancy, "client": None})


@login_required
def client_profile(request: HttpRequest, pk: int) -> HttpResponse:
    """Edit a client's profile: those who may edit the client's assessments may edit its particulars."""
    access = require(organisation_access(request, pk, need="edit"), "edit_profile")
    client = access.organisation
    form = ClientProfileForm(request.POST or None, instance=Organisation.objects.get(pk=client.pk))
    if request.method == "POST" and form.is_valid():
        changed = services.update_profile(client, form.cleaned_data)
        if changed:
            messages.success(request, _("The client's profile was saved."))
        else:
            messages.info(request, _("Nothing was changed."))
        return redirect("accounts:organisation", pk=client.pk)
    context = {"form": form, "consultancy": client.managed_by, "client": client}
    return render(request, "accounts/client_form.html", context)


@login_required
def client_restriction(request: HttpRequest, pk: int) -> HttpResponse:
    """A consultancy owner names the members who work on this client, or opens it to all of them."""
    client = require(organisation_access(request, pk), "restrict").organisation
    members = services.restrictable_members(client)
    named = list(client.assignments.values_list("user_id", flat=True))
    form = RestrictionForm(request.POST or None, members=members, initial={"members": named})
    if request.method == "POST" and form.is_valid():
        chosen = form.cleaned_data["members"]
        services.restrict_client(client, chosen)
        if chosen:
            messages.success(request, _("Only the members you named and the owners now reach this client."))
        else:
            messages.success(request, _("Every member of the consultancy now reaches this client."))
        return redirect("accounts:organisation", pk=client.pk)
    context = {"form": form, "client": client, "consultancy": client.managed_by, "members": members}
    return render(request, "accounts/client_restriction.html", context)


@login_required
@require_POST
def lift_restriction(request: HttpRequest, pk: int) -> HttpResponse:
    client = require(organisation_access(request, pk), "restrict").organisation
    services.lift_restriction(client)
    messages.success(request, _("Every member of the consultancy now reaches this client."))
    return redirect("accounts:organisation", pk=client.pk)


@login_required
def logo(request: HttpRequest, pk: int) -> HttpResponse:
    """A consultancy owner uploads (or replaces, or removes) the logo of its reports."""
    consultancy = require(organisation_access(request, pk, need="own"), "upload_logo").organisation
    form = LogoForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and request.POST.get("remove"):
        if services.remove_logo(consultancy):
            messages.success(request, _("The logo was removed."))
        return redirect("accounts:organisation", pk=pk)
    if request.method == "POST" and form.is_valid():
        services.set_logo(consultancy, form.cleaned_data["logo"], request.user)
        messages.success(request, _("The logo was saved; new reports show it."))
        return redirect("accounts:organisation", pk=pk)
    current = Logo.objects.filter(organisation=consultancy).defer("content").first()
    return render(request, "accounts/logo.html", {"form": form, "organisation": consultancy, "logo": current})


@login_required
def logo_image(request: HttpRequest, pk: int) -> HttpResponse:
    """The stored logo, for the consultancy's own pages. Never a document: an SVG is served under a
    policy that runs nothing and loads nothing, and is never sniffed as anything else."""
    consultancy = organisation_access(request, pk).organisation
    stored = Logo.objects.filter(organisation=consultancy).first()
    if stored is None:
        raise Http404("No logo")
    response = HttpResponse(bytes(stored.content), content_type=stored.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; sandbox"
    response["Content-Disposition"] = f'inline; filename="logo.{stored.extension}"'
    response["Cache-Control"] = "private, max-age=300"
    return response
