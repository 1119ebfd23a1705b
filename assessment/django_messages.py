"""Django's own messages that our pages show, worded again in our Chinese catalogue.

Django ships zh_Hans translations for them, but some read stiffly or leave English in
("输入一个有效的 Email 地址。", "确保该变量包含不超过 …"). LOCALE_PATHS comes before Django's
catalogue, so an entry in locale/zh_Hans/LC_MESSAGES/django.po wins. This module is never
imported: its markers only keep those entries in the catalogue when makemessages runs.
The msgids must stay exactly Django's own.
"""

from django.utils.translation import gettext_noop, ngettext_lazy

FORM_MESSAGES = [
    gettext_noop("This field is required."),
    gettext_noop("Enter a whole number."),
    gettext_noop("Enter a number."),
    gettext_noop("Enter a valid date."),
    gettext_noop("Enter a valid email address."),
    gettext_noop("Enter a list of values."),
    gettext_noop("Select a valid choice. %(value)s is not one of the available choices."),
    gettext_noop("Ensure this value is less than or equal to %(limit_value)s."),
    gettext_noop("Ensure this value is greater than or equal to %(limit_value)s."),
    ngettext_lazy(
        "Ensure this value has at most %(limit_value)d character (it has %(show_value)d).",
        "Ensure this value has at most %(limit_value)d characters (it has %(show_value)d).",
    ),
]
