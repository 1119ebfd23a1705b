"""Accounts, organisations, members and invitations: the plain functions behind the views."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from assessment.i18n import active_language
from assessment.organisations.models import Invitation, Membership, Organisation, Role, hash_invitation_token

from . import verification
from .models import PendingVerification

User = get_user_model()


class MembershipError(ValueError):
    """A change to members that would leave an organisation in a bad state; the message says why."""


def find_user_by_email(email: str) -> Any:
    return User.objects.filter(email__iexact=email.strip()).first()


class AccountExists(Exception):
    """The address already has an account (perhaps made a moment ago by a simultaneous sign-up)."""


def sign_up(email: str, password: str, full_name: str, organisation_name: str, verified: bool = False) -> Any:
    """A new user, who owns a new organisation when a name is given (not when joining by invitation).

    Unless `verified` (the address was proven by an invitation link), the account is pending until
    the confirmation link is opened. Raises AccountExists if the address is taken, even by a race.
    """
    first, _space, last = full_name.strip().partition(" ")
    email = email.strip()
    if find_user_by_email(email) is not None:
        raise AccountExists(email)
    try:
        with transaction.atomic():
            user = User.objects.create_user(username=email.lower(), email=email, password=password)
            user.first_name, user.last_name = first[:150], last[:150]
            user.save(update_fields=["first_name", "last_name"])
            if not verified:
                PendingVerification.objects.create(user=user)
            if organisation_name:
                create_organisation(user, organisation_name)
    except IntegrityError as error:  # the same address signed up by a simultaneous request
        raise AccountExists(email) from error
    return user


def one_line(text: str) -> str:
    """A mail subject: one line, whitespace and control characters collapsed (no header injection)."""
    return " ".join("".join(c if c.isprintable() else " " for c in text).split())


def send_bilingual_mail(template: str, context: dict[str, Any], recipient: str) -> None:
    """Subject and body in the sender's language, the body followed by the other language."""
    first = active_language()
    languages = [first, *[code for code, _name in settings.LANGUAGES if code != first]]
    parts, subject = [], ""
    for language in languages:
        with translation.override(language):
            if not subject:
                subject = one_line(render_to_string(f"accounts/email/{template}_subject.txt", context))
            parts.append(render_to_string(f"accounts/email/{template}_body.txt", context).strip())
    send_mail(
        subject=subject,
        message="\n\n――――――――――――――――――――\n\n".join(parts) + "\n",
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[recipient],
    )


def send_verification(user: Any, link_for: Callable[[str], str]) -> None:
    context = {"user": user, "link": link_for(verification.make_token(user)), "days": settings.EMAIL_VERIFICATION_DAYS}
    send_bilingual_mail("verify", context, user.email)


def send_account_exists(email: str, login_link: str, reset_link: str) -> None:
    """Someone signed up with an address that has an account: tell its owner, not the visitor."""
    send_bilingual_mail("account_exists", {"login_link": login_link, "reset_link": reset_link}, email)


@transaction.atomic
def create_organisation(owner: Any, name: str, kind: str = Organisation.Kind.BUSINESS) -> Organisation:
    organisation = Organisation.objects.create(name=name.strip(), kind=kind)
    Membership.objects.create(user=owner, organisation=organisation, role=Role.OWNER)
    return organisation


def invite_member(
    organisation: Organisation, email: str, role: str, invited_by: Any, link_for: Callable[[str], str]
) -> Invitation:
    """Replace any pending invitation to the same address and e-mail a fresh one-time link."""
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        organisation.invitations.filter(email__iexact=email, accepted_at__isnull=True).delete()
        invitation = Invitation.objects.create(
            organisation=organisation,
            email=email.strip(),
            role=role,
            token_hash=hash_invitation_token(token),
            invited_by=invited_by,
        )
    context = {"invitation": invitation, "link": link_for(token), "inviter": invited_by}
    send_bilingual_mail("invitation", context, invitation.email)
    return invitation


def find_invitation(token: str) -> Invitation | None:
    return Invitation.objects.select_related("organisation").filter(token_hash=hash_invitation_token(token)).first()


def invitation_problem(invitation: Invitation, user: Any) -> str:
    """Why this user cannot accept this invitation now, or "" if they can."""
    if invitation.is_used:
        return _("This invitation has already been used. Ask the organisation's owner for a new one if you need it.")
    if invitation.is_expired:
        return _("This invitation has expired. Ask the organisation's owner to send a new one.")
    if user.is_authenticated and user.email.lower() != invitation.email.lower():
        return _(
            "This invitation was sent to %(invited)s, but you are logged in as %(current)s. "
            "Log out and log in (or sign up) with the invited address."
        ) % {"invited": invitation.email, "current": user.email}
    if user.is_authenticated and not verification.is_verified(user):
        return _("Confirm your e-mail address first: open the link we sent you when you signed up.")
    return ""


def accept_invitation(invitation: Invitation, user: Any) -> Membership:
    """Join the organisation; the link works once, even if two requests race for it."""
    problem = invitation_problem(invitation, user)
    if problem:
        raise MembershipError(problem)
    with transaction.atomic():
        won = Invitation.objects.filter(pk=invitation.pk, accepted_at__isnull=True).update(
            accepted_at=timezone.now(), accepted_by=user
        )
        if not won:
            raise MembershipError(_("This invitation has already been used."))
        membership, _created = Membership.objects.get_or_create(
            user=user, organisation=invitation.organisation, defaults={"role": invitation.role}
        )
    return membership


def _other_owners(membership: Membership) -> bool:
    """Whether someone else still manages the organisation: another owner, or, for a consultancy's
    client, the consultancy's owners (a client's staff may all leave; the consultancy keeps it)."""
    if Organisation.objects.filter(
        pk=membership.organisation_id, managed_by__kind=Organisation.Kind.CONSULTANCY
    ).exists():
        return True
    return (
        Membership.objects.filter(organisation_id=membership.organisation_id, role=Role.OWNER)
        .exclude(pk=membership.pk)
        .exists()
    )


def change_role(membership: Membership, role: str) -> None:
    if membership.role == Role.OWNER and role != Role.OWNER and not _other_owners(membership):
        raise MembershipError(_("An organisation needs at least one owner: make someone else owner first."))
    membership.role = role
    membership.save(update_fields=["role"])


def remove_member(membership: Membership) -> None:
    if membership.role == Role.OWNER and not _other_owners(membership):
        raise MembershipError(_("An organisation needs at least one owner: make someone else owner first."))
    membership.delete()
