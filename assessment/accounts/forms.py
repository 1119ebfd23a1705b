"""Forms for signing up and in, organisations, members, invitations, claiming and deleting."""

from __future__ import annotations

import unicodedata
from typing import Any

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.models import User
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from assessment.organisations.models import Membership, Organisation, Role

from .services import find_user_by_email

# The e-mail address is also the username, whose column holds 150 characters.
EMAIL_MAX_LENGTH = User._meta.get_field("username").max_length or 150


def reject_control_characters(value: str) -> None:
    """A single-line field holds no line breaks, tabs or other control characters (they break e-mail headers)."""
    if any(unicodedata.category(character) in ("Cc", "Cf", "Zl", "Zp") for character in str(value)):
        raise forms.ValidationError(
            _("Use ordinary characters only, on one line (no line breaks or control characters)."),
            code="control_characters",
        )


class SingleLineField(forms.CharField):
    default_validators = [reject_control_characters]


class SingleLineEmailField(forms.EmailField):
    default_validators = [*forms.EmailField.default_validators, reject_control_characters]

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", EMAIL_MAX_LENGTH)
        kwargs.setdefault(
            "error_messages",
            {"max_length": _("An e-mail address can have at most %(limit_value)d characters here.")},
        )
        super().__init__(**kwargs)


def char_field(form: forms.BaseForm, name: str) -> forms.CharField:
    """A form's text field, typed as one (django-stubs types `form.fields[name]` as a plain Field)."""
    field = form.fields[name]
    assert isinstance(field, forms.CharField), name
    return field


def choice_field(form: forms.BaseForm, name: str) -> forms.ChoiceField:
    """A form's choice field, typed as one, so that its choices can be set."""
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField), name
    return field


class SignUpForm(forms.Form):
    full_name = SingleLineField(label=_("Your name"), max_length=150, required=False)
    email = SingleLineEmailField(label=_("E-mail address"), help_text=_("You will log in with this address."))
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        max_length=4096,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        max_length=4096,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    organisation_name = SingleLineField(
        label=_("Organisation name"),
        max_length=Organisation._meta.get_field("name").max_length,
        help_text=_("The business you assess, or your consultancy: you can add client organisations later."),
    )

    def __init__(self, *args: Any, invited_email: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.invited_email = invited_email
        if invited_email:
            # Joining someone else's organisation: no organisation of one's own is needed.
            del self.fields["organisation_name"]
            self.fields["email"].initial = invited_email
        self.fields["email"].widget.attrs["autocomplete"] = "email"

    def clean_email(self) -> str:
        # Whether the address already has an account is not said here: the view mails its owner instead.
        email: str = self.cleaned_data["email"].strip()
        if self.invited_email and email.lower() != self.invited_email.lower():
            raise forms.ValidationError(
                _("The invitation was sent to %(email)s: sign up with that address."),
                params={"email": self.invited_email},
            )
        return email

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        password1, password2 = cleaned.get("password1"), cleaned.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", _("The two passwords differ."))
        elif password1:
            user = User(username=cleaned.get("email", ""), email=cleaned.get("email", ""))
            try:
                password_validation.validate_password(password1, user)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class EmailAuthenticationForm(AuthenticationForm):
    """Log in with the e-mail address (it is also the username)."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("That e-mail address and password do not match an account. The password is case-sensitive."),
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        username, password = char_field(self, "username"), char_field(self, "password")
        username.label = _("E-mail address")
        username.max_length = 254
        username.validators.append(MaxLengthValidator(254))
        password.max_length = 4096
        password.validators.append(MaxLengthValidator(4096))

    def clean_username(self) -> str:
        username: str = self.cleaned_data["username"].strip()
        user = find_user_by_email(username) if "\x00" not in username else None
        return user.get_username() if user is not None else username


class OrganisationForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = ["name", "kind"]
        labels = {"name": _("Organisation name"), "kind": _("What kind of organisation is it?")}
        widgets = {"kind": forms.RadioSelect}
        help_texts = {
            "kind": _("A consultancy adds its clients as organisations it manages; its members work on all of them."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name"].validators.append(reject_control_characters)
        self.fields["kind"].required = False  # a business unless a consultancy is chosen
        self.fields["kind"].initial = Organisation.Kind.BUSINESS

    def clean_kind(self) -> str:
        return str(self.cleaned_data.get("kind") or Organisation.Kind.BUSINESS)


class InvitationForm(forms.Form):
    email = SingleLineEmailField(label=_("E-mail address of the person to invite"))
    role = forms.ChoiceField(
        label=_("Role"),
        choices=Role.choices,
        initial=Role.EDITOR,
        widget=forms.RadioSelect,
        help_text=_("Owners manage members and delete; editors fill in assessments; viewers read results and reports."),
    )

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organisation = organisation

    def clean_email(self) -> str:
        email: str = self.cleaned_data["email"].strip()
        if self.organisation.memberships.filter(user__email__iexact=email).exists():
            raise forms.ValidationError(_("This person is already a member of the organisation."))
        return email


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)


class SwitchOrganisationForm(forms.Form):
    organisation = forms.TypedChoiceField(label=_("Organisation"), coerce=int)

    def __init__(self, *args: Any, memberships: list[Membership], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "organisation").choices = [(m.organisation_id, m.organisation.name) for m in memberships]


class ClaimForm(forms.Form):
    assessments = forms.MultipleChoiceField(
        label=_("Assessments to add"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one assessment.")},
    )
    organisation = forms.TypedChoiceField(label=_("Add them to"), coerce=int)

    def __init__(
        self, *args: Any, choices: list[tuple[str, str]], memberships: list[Membership], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "assessments").choices = choices
        self.fields["assessments"].initial = [token for token, _label in choices]
        choice_field(self, "organisation").choices = [(m.organisation_id, m.organisation.name) for m in memberships]


class ConfirmNameForm(forms.Form):
    """Deleting an organisation is typed out, so that it is never one stray click."""

    name = forms.CharField(label=_("Type the organisation's name to confirm"), max_length=200)

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organisation = organisation

    def clean_name(self) -> str:
        name: str = self.cleaned_data["name"].strip()
        if name != self.organisation.name:
            raise forms.ValidationError(_("That is not the organisation's name; nothing was deleted."))
        return name
