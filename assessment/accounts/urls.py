from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from assessment.assessments import views as assessments_views

from . import assessment_views, client_views, member_views, resend, views

app_name = "accounts"

auth_urls = [
    path("accounts/signup/", views.signup, name="signup"),
    path("accounts/verify/<str:token>/", views.verify_email, name="verify_email"),
    path("accounts/verification/resend/", resend.resend_verification, name="resend_verification"),
    path("accounts/login/", views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "accounts/password/change/",
        auth_views.PasswordChangeView.as_view(success_url=reverse_lazy("accounts:password_change_done")),
        name="password_change",
    ),
    path("accounts/password/change/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path(
        "accounts/password/reset/",
        auth_views.PasswordResetView.as_view(
            email_template_name="registration/password_reset_email.txt",
            subject_template_name="registration/password_reset_subject.txt",
            success_url=reverse_lazy("accounts:password_reset_done"),
        ),
        name="password_reset",
    ),
    path("accounts/password/reset/sent/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "accounts/password/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(success_url=reverse_lazy("accounts:password_reset_complete")),
        name="password_reset_confirm",
    ),
    path(
        "accounts/password/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]

organisation_urls = [
    path("organisations/new/", views.new_organisation, name="organisation_new"),
    path("organisations/switch/", views.switch_organisation, name="switch"),
    path("organisations/<int:pk>/", views.organisation, name="organisation"),
    path("organisations/<int:pk>/invite/", views.invite, name="invite"),
    path(
        "organisations/<int:pk>/invitations/<int:invitation_id>/cancel/",
        views.cancel_invitation,
        name="cancel_invitation",
    ),
    path("organisations/<int:pk>/members/<int:member_id>/role/", member_views.change_member_role, name="change_role"),
    path("organisations/<int:pk>/members/<int:member_id>/remove/", member_views.remove_member, name="remove_member"),
    path("organisations/<int:pk>/delete/", views.delete_organisation_view, name="delete_organisation"),
    path("organisations/<int:pk>/data.json", assessments_views.export_organisation_data, name="export_org_data"),
    path("organisations/<int:pk>/clients/new/", client_views.new_client, name="client_new"),
    path("organisations/<int:pk>/profile/", client_views.client_profile, name="client_profile"),
    path("organisations/<int:pk>/restriction/", client_views.client_restriction, name="client_restriction"),
    path("organisations/<int:pk>/restriction/lift/", client_views.lift_restriction, name="lift_restriction"),
    path("organisations/<int:pk>/logo/", client_views.logo, name="logo"),
    path("organisations/<int:pk>/logo/image", client_views.logo_image, name="logo_image"),
    path("invitations/<str:token>/", views.invitation, name="invitation"),
]

assessment_urls = [
    path("dashboard/", assessment_views.dashboard, name="dashboard"),
    path("claim/", assessment_views.claim, name="claim"),
    path("a/<str:token>/history/", assessments_views.history, name="history"),
    path("a/<str:token>/reassess/", assessments_views.reassess_view, name="reassess"),
    path("a/<str:token>/delete/", assessments_views.delete_assessment_view, name="delete"),
    path("a/<str:token>/data.json", assessments_views.export_assessment_data, name="export_data"),
]

urlpatterns = auth_urls + organisation_urls + assessment_urls
