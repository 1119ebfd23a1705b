"""Organisations, their members and roles, and invitations to join them."""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .uscc import validate_uscc


class Organisation(models.Model):
    """A business whose assessments its members share, or a consultancy that manages client businesses.

    A client is an organisation whose `managed_by` is a consultancy: the consultancy's members reach
    its assessments with their consultancy role, and the client's own staff can be members of it.
    The profile fields are the handler's particulars that a filing with the CAC asks for.
    """

    class Kind(models.TextChoices):
        BUSINESS = "business", _("Business")
        CONSULTANCY = "consultancy", _("Consultancy")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.BUSINESS)
    managed_by = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="clients",
        limit_choices_to={"kind": "consultancy"},
        verbose_name=_("managed by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    # The handler's profile (个人信息处理者基本情况), all optional until a filing pack is drafted.
    legal_name_zh = models.CharField(_("legal name (Chinese)"), max_length=200, blank=True)
    legal_name_en = models.CharField(_("legal name (English)"), max_length=200, blank=True)
    unified_social_credit_code = models.CharField(
        _("unified social credit code"), max_length=18, blank=True, validators=[validate_uscc]
    )
    registered_address = models.CharField(_("registered address"), max_length=300, blank=True)
    province = models.CharField(_("province"), max_length=64, blank=True)
    legal_representative = models.CharField(_("legal representative"), max_length=100, blank=True)
    pi_officer_name = models.CharField(_("personal information protection officer"), max_length=100, blank=True)
    pi_officer_contact = models.CharField(_("officer's contact"), max_length=200, blank=True)

    class Meta:
        # The table keeps the name it had when the model lived in the accounts app.
        db_table = "accounts_organisation"
        ordering = ["name", "id"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    OWNER = "owner", _("Owner")
    EDITOR = "editor", _("Editor")
    VIEWER = "viewer", _("Viewer")


# What each kind of access needs; every check in the app goes through this one table.
ROLES_FOR = {
    "view": (Role.OWNER, Role.EDITOR, Role.VIEWER),
    "edit": (Role.OWNER, Role.EDITOR),
    "own": (Role.OWNER,),
}


class Membership(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("user")
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("organisation")
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.EDITOR)
    joined_at = models.DateTimeField(_("joined"), auto_now_add=True)

    class Meta:
        # The table keeps the name it had when the model lived in the accounts app.
        db_table = "accounts_membership"
        constraints = [models.UniqueConstraint(fields=["user", "organisation"], name="one_membership_per_org")]
        ordering = ["organisation__name", "user__email"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self) -> str:
        return f"{self.user} – {self.organisation} ({self.role})"

    def allows(self, need: str) -> bool:
        return self.role in ROLES_FOR[need]


def hash_invitation_token(token: str) -> str:
    # Only the hash is stored: a copy of the database does not hand out working invitation links.
    return hashlib.sha256(token.encode()).hexdigest()


def invitation_expiry() -> datetime:
    return timezone.now() + timedelta(days=settings.INVITATION_DAYS)


class Invitation(models.Model):
    """A one-time link, sent by e-mail, that lets its addressee join an organisation."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("organisation")
    )
    email = models.EmailField(_("e-mail address"))
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.EDITOR)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"), default=invitation_expiry)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        # The table keeps the name it had when the model lived in the accounts app.
        db_table = "accounts_invitation"
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return f"{self.email} → {self.organisation}"

    @property
    def is_used(self) -> bool:
        return self.accepted_at is not None

    @property
    def is_expired(self) -> bool:
        return timezone.now() >= self.expires_at

    @property
    def is_pending(self) -> bool:
        return not self.is_used and not self.is_expired


class ClientAssignment(models.Model):
    """A consultancy member named on a client. A client with at least one assignment is restricted:
    of the consultancy's members only its owners and the named members reach the client's work.
    A client with none is open to every member of its consultancy, each with their consultancy role."""

    client = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("client")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="client_assignments", verbose_name=_("user")
    )
    assigned_at = models.DateTimeField(_("assigned"), auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["client", "user"], name="one_assignment_per_client")]
        ordering = ["client__name", "user__email"]
        verbose_name = _("client assignment")
        verbose_name_plural = _("client assignments")

    def __str__(self) -> str:
        return f"{self.user} → {self.client}"


class Logo(models.Model):
    """A consultancy's logo for the cover and running header of its reports: a validated PNG or SVG.

    Kept in the database (a BinaryField, at most logo.MAX_BYTES), not in MEDIA_ROOT: the PDF workers
    may run on other hosts that share only DATABASE_URL, the bytes are read back solely by the
    report's URL fetcher (no file path to traverse, no media URL to serve), and the logo goes with
    the organisation's rows when it is backed up or deleted. A row of its own, so that listing
    organisations never loads the image."""

    class Format(models.TextChoices):
        PNG = "image/png", "PNG"
        SVG = "image/svg+xml", "SVG"

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="logo", verbose_name=_("organisation")
    )
    content = models.BinaryField(_("image"))
    content_type = models.CharField(_("format"), max_length=32, choices=Format.choices)
    sha256 = models.CharField(max_length=64, editable=False)
    width = models.PositiveIntegerField(_("width"), null=True, blank=True)
    height = models.PositiveIntegerField(_("height"), null=True, blank=True)
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("logo")
        verbose_name_plural = _("logos")

    def __str__(self) -> str:
        return f"{self.organisation} ({self.get_content_type_display()})"

    @property
    def extension(self) -> str:
        return "svg" if self.content_type == self.Format.SVG else "png"
