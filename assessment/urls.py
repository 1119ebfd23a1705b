from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("", include("assessment.reports.urls")),
    path("", include("assessment.filing.urls")),
    path("", include("assessment.wizard.urls")),
    path("", include("assessment.accounts.urls")),
    path("", include("assessment.actions.urls")),
]
