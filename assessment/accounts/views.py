"""Signing up and in, organisations, members and invitations."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from assessment.assessments.access import claimable_assessments
from assessment.assessments.services import delete_organisation
from assessment.organisations.access import get_membership_or_404, set_active_organisation, user_memberships
from assessment.organisations.models import Invitation, Membership

from . import services
from .forms import (
    ConfirmNameForm,
    EmailAuthenticationForm,
    InvitationForm,
    OrganisationForm,
    RoleForm,
    SignUpForm,
    SwitchOrganisationForm,
)

ORGANISATION_EVENTS = 20


def _next_page(request: HttpRequest, default: str) -> str:
    """Where to go after signing in: a safe `next`, else the claim page if anonymous work waits."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return reverse("accounts:claim") if claimable_assessments(request) else default


def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("accounts:dashboard")
    invitation = services.find_invitation(request.GET.get("invitation", ""))
    invitation = invitation if invitation and invitation.is_pending else None
    form = SignUpForm(request.POST or None, invited_email=invitation.email if invitation else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        user = services.sign_up(data["email"], data["password1"], data["full_name"], data.get("organisation_name", ""))
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        if invitation:
            _join(request, invitation, user)
        else:
            messages.success(request, _("Welcome! Your account and your organisation are ready."))
        return redirect(_next_page(request, reverse("accounts:dashboard")))
    return render(request, "registration/signup.html", {"form": form, "invitation": invitation})


def _join(request: HttpRequest, invitation: Invitation, user: Any) -> bool:
    try:
        joined = services.accept_invitation(invitation, user)
    except services.MembershipError as error:
        messages.error(request, str(error))
        return False
    set_active_organisation(request, joined.organisation)
    messages.success(request, _("You joined %(name)s.") % {"name": joined.organisation.name})
    return True


class LoginView(auth_views.LoginView):
    form_class = EmailAuthenticationForm
    redirect_authenticated_user = True

    def get_success_url(self) -> str:
        return _next_page(self.request, reverse("accounts:dashboard"))


@login_required
def organisation(request: HttpRequest, pk: int) -> HttpResponse:
    membership = get_membership_or_404(request, pk)
    org = membership.organisation
    context = {
        "membership": membership,
        "organisation": org,
        "members": org.memberships.select_related("user").order_by("user__email"),
        "invitations": [i for i in org.invitations.all() if i.is_pending],
        "invite_form": InvitationForm(organisation=org),
        "role_choices": RoleForm.base_fields["role"].choices,
        "events": org.audit_events.select_related("user").order_by("-at", "-id")[:ORGANISATION_EVENTS],
    }
    return render(request, "accounts/organisation.html", context)


@login_required
def new_organisation(request: HttpRequest) -> HttpResponse:
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        org = services.create_organisation(request.user, form.cleaned_data["name"])
        set_active_organisation(request, org)
        messages.success(
            request, _("Organisation “%(name)s” created; it is now your active organisation.") % {"name": org.name}
        )
        return redirect("accounts:organisation", pk=org.pk)
    return render(request, "accounts/organisation_new.html", {"form": form})


@login_required
@require_POST
def switch_organisation(request: HttpRequest) -> HttpResponse:
    form = SwitchOrganisationForm(request.POST, memberships=user_memberships(request))
    if not form.is_valid():
        messages.error(request, _("You are not a member of that organisation."))
        return redirect("accounts:dashboard")
    membership = get_membership_or_404(request, form.cleaned_data["organisation"])
    set_active_organisation(request, membership.organisation)
    messages.success(request, _("You are now working in %(name)s.") % {"name": membership.organisation.name})
    return redirect(_next_page(request, reverse("accounts:dashboard")))


@login_required
def invite(request: HttpRequest, pk: int) -> HttpResponse:
    membership = get_membership_or_404(request, pk, need="own")
    form = InvitationForm(request.POST or None, organisation=membership.organisation)
    if request.method == "POST" and form.is_valid():
        invitation = services.invite_member(
            membership.organisation,
            form.cleaned_data["email"],
            form.cleaned_data["role"],
            request.user,
            lambda token: request.build_absolute_uri(reverse("accounts:invitation", args=[token])),
        )
        messages.success(request, _("Invitation sent to %(email)s.") % {"email": invitation.email})
        return redirect("accounts:organisation", pk=pk)
    return render(request, "accounts/invite.html", {"form": form, "organisation": membership.organisation})


@login_required
@require_POST
def cancel_invitation(request: HttpRequest, pk: int, invitation_id: int) -> HttpResponse:
    membership = get_membership_or_404(request, pk, need="own")
    get_object_or_404(membership.organisation.invitations, pk=invitation_id).delete()
    messages.success(request, _("Invitation withdrawn."))
    return redirect("accounts:organisation", pk=pk)


def invitation(request: HttpRequest, token: str) -> HttpResponseBase:
    """The one-time link from the e-mail: explain, then join on a POST by the invited user."""
    found = services.find_invitation(token)
    if found is None:
        return render(
            request, "accounts/invitation.html", {"problem": _("This invitation link is not valid.")}, status=404
        )
    problem = services.invitation_problem(found, request.user)
    if request.method == "POST" and request.user.is_authenticated and not problem:
        if _join(request, found, request.user):
            return redirect("accounts:dashboard")
        found.refresh_from_db()
        problem = services.invitation_problem(found, request.user)
    status = 410 if found.is_used or found.is_expired else 200
    context = {"invitation": found, "token": token, "problem": problem}
    return render(request, "accounts/invitation.html", context, status=status)


def _managed_membership(request: HttpRequest, pk: int, member_id: int) -> tuple[Membership, Membership]:
    mine = get_membership_or_404(request, pk, need="own")
    return mine, get_object_or_404(mine.organisation.memberships.select_related("user"), pk=member_id)


@login_required
@require_POST
def change_member_role(request: HttpRequest, pk: int, member_id: int) -> HttpResponse:
    _mine, member = _managed_membership(request, pk, member_id)
    form = RoleForm(request.POST)
    try:
        if not form.is_valid():
            raise services.MembershipError(_("Choose one of the roles."))
        services.change_role(member, form.cleaned_data["role"])
    except services.MembershipError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("%(email)s is now %(role)s.") % {"email": member.user.email, "role": member.get_role_display()}
        )
    return redirect("accounts:organisation", pk=pk)


@login_required
@require_POST
def remove_member(request: HttpRequest, pk: int, member_id: int) -> HttpResponse:
    _mine, member = _managed_membership(request, pk, member_id)
    try:
        services.remove_member(member)
    except services.MembershipError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("%(email)s was removed from the organisation.") % {"email": member.user.email})
        if member.user_id == request.user.pk:
            return redirect("accounts:dashboard")  # one's own page of it is gone
    return redirect("accounts:organisation", pk=pk)


@login_required
def delete_organisation_view(request: HttpRequest, pk: int) -> HttpResponse:
    membership = get_membership_or_404(request, pk, need="own")
    org = membership.organisation
    form = ConfirmNameForm(request.POST or None, organisation=org)
    if request.method == "POST" and form.is_valid():
        delete_organisation(org, request.user)
        messages.success(request, _("The organisation and all its assessments were deleted."))
        return redirect("accounts:dashboard")
    context = {"organisation": org, "form": form, "assessment_count": org.assessments.count()}
    return render(request, "accounts/organisation_delete.html", context)
