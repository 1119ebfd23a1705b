from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("a/<str:token>/result/", views.result, name="result"),
    path("a/<str:token>/report.pdf", views.pdf, name="pdf"),
    path("a/<str:token>/report/request/", views.request_pdf, name="request_pdf"),
    path("a/<str:token>/report/status.json", views.pdf_status, name="pdf_status"),
    path("a/<str:token>/export.json", views.export_json, name="export_json"),
    path("a/<str:token>/export.csv", views.export_csv, name="export_csv"),
]
