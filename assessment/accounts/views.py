"""Signing up and in, organisations, members and invitations."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from assessment.assessments.access import claimable_assessments
from assessment.assessments.services import delete_organisation
from assessment.organisations.access import (
    get_membership_or_404,
    organisation_access,
    require,
    set_active_organisation,
    user_memberships,
)
from assessment.organisations.models import Invitation, Role

from . import services, verification
from .client_views import workspace_context
from .forms import (
    ConfirmNameForm,
    EmailAuthenticationForm,
    InvitationForm,
    OrganisationForm,
    SignUpForm,
    SwitchOrganisationForm,
)
from .member_views import managing

ORGANISATION_EVENTS = 20
INVITATION_LINK_KEY = "new_invitation_link"


def _pop_invitation_link(request: HttpRequest, pk: int) -> dict[str, str] | None:
    shown = request.session.get(INVITATION_LINK_KEY)
    if isinstance(shown, dict) and shown.get("organisation") == pk:
        del request.session[INVITATION_LINK_KEY]
        return shown
    return None


def _next_page(request: HttpRequest, default: str) -> str:
    """Where to go after signing in: a safe `next` path, else the claim page if anonymous work waits.

    Always a URL (never a URL name): callers redirect with HttpResponseRedirect, so a `next` such as
    "dashboard" is not taken for a pattern name by redirect().
    """
    target = request.POST.get("next") or request.GET.get("next") or ""
    if (
        target.startswith("/")
        and "\x00" not in target
        and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure())
    ):
        return target
    return reverse("accounts:claim") if claimable_assessments(request) else default


NEXT_SESSION_KEY = "signup_next"


def signup(request: HttpRequest) -> HttpResponse:
    """Sign up; the answer is the same whether or not the address already has an account.

    A new account waits for its e-mail address to be confirmed (the link logs in); an address that
    has an account gets a mail telling its owner so. Signing up through an invitation needs no
    confirmation: the invitation's one-time link already came by mail to that address.
    """
    if request.user.is_authenticated:
        return redirect("accounts:dashboard")
    invitation = services.find_invitation(request.GET.get("invitation", "")[:100].replace("\x00", ""))
    invitation = invitation if invitation and invitation.is_pending else None
    form = SignUpForm(request.POST or None, invited_email=invitation.email if invitation else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = services.sign_up(
                data["email"],
                data["password1"],
                data["full_name"],
                data.get("organisation_name", ""),
                verified=invitation is not None,
            )
        except services.AccountExists:
            services.send_account_exists(
                data["email"],
                request.build_absolute_uri(reverse("accounts:login")),
                request.build_absolute_uri(reverse("accounts:password_reset")),
            )
            return _check_your_inbox(request, data["email"])
        if invitation:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            _join(request, invitation, user)
            return HttpResponseRedirect(_next_page(request, reverse("accounts:dashboard")))
        services.send_verification(
            user, lambda token: request.build_absolute_uri(reverse("accounts:verify_email", args=[token]))
        )
        return _check_your_inbox(request, data["email"])
    return render(request, "registration/signup.html", {"form": form, "invitation": invitation})


def _check_your_inbox(request: HttpRequest, email: str) -> HttpResponse:
    target = request.POST.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        request.session[NEXT_SESSION_KEY] = target
    return render(request, "registration/signup_sent.html", {"email": email})


def verify_email(request: HttpRequest, token: str) -> HttpResponse:
    """The confirmation link: a GET shows a button (mail scanners open links), the POST confirms and logs in."""
    user = verification.user_for_token(token)
    if user is None:
        context = {"problem": _("This confirmation link is not valid or has expired.")}
        return render(request, "registration/verify_email.html", context, status=400)
    if request.method == "POST":
        verification.mark_verified(user)
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Your e-mail address is confirmed. Welcome! Your account is ready."))
        target = request.session.pop(NEXT_SESSION_KEY, "")
        if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
            return HttpResponseRedirect(target)
        return redirect(reverse("accounts:claim") if claimable_assessments(request) else reverse("accounts:dashboard"))
    return render(request, "registration/verify_email.html", {"token": token, "email": user.email})


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
    access = organisation_access(request, pk)
    org = access.organisation
    context = {
        "access": access,
        "can": access.can,
        "organisation": org,
        "members": org.memberships.select_related("user").order_by("user__email"),
        "invitations": [i for i in org.invitations.all() if i.is_pending] if access.can["manage_members"] else [],
        "invite_form": InvitationForm(organisation=org),
        "role_choices": Role.choices,
        "events": org.audit_events.select_related("user").order_by("-at", "-id")[:ORGANISATION_EVENTS],
        "new_invitation": _pop_invitation_link(request, org.pk),
        "email_verified": verification.is_verified(request.user),
        **workspace_context(request, access),
    }
    return render(request, "accounts/organisation.html", context)


@login_required
def new_organisation(request: HttpRequest) -> HttpResponse:
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        org = services.create_organisation(request.user, form.cleaned_data["name"], form.cleaned_data["kind"])
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
    return HttpResponseRedirect(_next_page(request, reverse("accounts:dashboard")))


@login_required
def invite(request: HttpRequest, pk: int) -> HttpResponse:
    access = managing(request, pk)
    form = InvitationForm(request.POST or None, organisation=access.organisation)
    if not verification.is_verified(request.user):
        messages.error(request, _("Confirm your e-mail address before inviting others: open the link we sent you."))
        return redirect("accounts:organisation", pk=pk)
    if request.method == "POST" and form.is_valid():
        links: list[str] = []

        def link_for(token: str) -> str:
            links.append(request.build_absolute_uri(reverse("accounts:invitation", args=[token])))
            return links[-1]

        invitation = services.invite_member(
            access.organisation, form.cleaned_data["email"], form.cleaned_data["role"], request.user, link_for
        )
        link = links[-1]
        messages.success(request, _("Invitation sent to %(email)s.") % {"email": invitation.email})
        # Shown once on the organisation page with a "copy link" button, in case the mail goes astray.
        request.session[INVITATION_LINK_KEY] = {"organisation": pk, "email": invitation.email, "link": link}
        return redirect("accounts:organisation", pk=pk)
    return render(request, "accounts/invite.html", {"form": form, "organisation": access.organisation})


@login_required
@require_POST
def cancel_invitation(request: HttpRequest, pk: int, invitation_id: int) -> HttpResponse:
    access = managing(request, pk)
    get_object_or_404(access.organisation.invitations, pk=invitation_id).delete()
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


@login_required
def delete_organisation_view(request: HttpRequest, pk: int) -> HttpResponse:
    org = require(organisation_access(request, pk, need="own"), "delete").organisation
    form = ConfirmNameForm(request.POST or None, organisation=org)
    if request.method == "POST" and form.is_valid():
        delete_organisation(org, request.user)
        messages.success(request, _("The organisation and all its assessments were deleted."))
        return redirect("accounts:dashboard")
    context = {"organisation": org, "form": form, "assessment_count": org.assessments.count()}
    return render(request, "accounts/organisation_delete.html", context)
