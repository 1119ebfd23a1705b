"""The forms of the action-plan page: one per action (owner, due date, status, justification) and
one to add a comment. Each carries a prefix so that many sit on one page with distinct ids."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.models import User
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .models import Action
from .services import person_name


class OwnerChoiceField(forms.ModelChoiceField[User]):
    def label_from_instance(self, obj: User) -> str:
        return person_name(obj)


class ActionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    owner = OwnerChoiceField(
        queryset=User.objects.none(),
        required=False,
        label=pgettext_lazy("person responsible for an action", "Owner"),
        empty_label=_("Nobody yet"),
    )
    due_date = forms.DateField(
        label=_("Due date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    status = forms.ChoiceField(label=_("Status"), choices=Action.Status.choices)
    justification = forms.CharField(
        label=_("Justification"),
        help_text=_("Required to accept a risk: who decided, and why."),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, action: Action, candidates: list[User], **kwargs: Any) -> None:
        kwargs.setdefault("prefix", f"action-{action.pk}")
        kwargs.setdefault(
            "initial",
            {
                "version": action.version,
                "owner": action.owner_id,
                "due_date": action.due_date,
                "status": action.status,
                "justification": action.justification,
            },
        )
        super().__init__(*args, **kwargs)
        self.action = action
        owner_field = self.fields["owner"]
        assert isinstance(owner_field, OwnerChoiceField)
        owner_field.queryset = User.objects.filter(pk__in=[u.pk for u in candidates]).order_by(
            "first_name", "last_name", "email"
        )

    def changes(self) -> dict[str, Any]:
        return {field: self.cleaned_data[field] for field in ("owner", "due_date", "status", "justification")}


class CommentForm(forms.Form):
    text = forms.CharField(label=_("Add a comment"), max_length=4000, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, action: Action, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", f"comment-{action.pk}")
        super().__init__(*args, **kwargs)
        self.action = action
