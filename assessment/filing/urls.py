from django.urls import path

from . import gap_report, views

app_name = "filing"

urlpatterns = [
    path("a/<str:token>/report.docx", gap_report.gap_report_docx, name="gap_report_docx"),
    path("filing/<int:org_id>/", views.handler, name="handler"),
    path("filing/<int:org_id>/prepare/", views.prepare, name="prepare"),
    path("filing/<int:org_id>/status.json", views.pack_status, name="pack_status"),
    path("filing/<int:org_id>/<slug:name>.<str:fmt>", views.handler_document, name="document"),
    path(
        "filing/<int:org_id>/scenario/<int:assessment_id>/<slug:name>.<str:fmt>",
        views.scenario_document,
        name="scenario_document",
    ),
]
