from django.urls import path

from accounts import views

urlpatterns = [
    path("login/code/", views.sign_in_code, name="sign-in-code"),
    # Django's set_language address, served by a view that also keeps a signed-in person's
    # choice (Django's own would set only the cookie, which the person's language overrides).
    path("i18n/setlang/", views.set_language, name="set-language"),
    path("session/keep-alive/", views.keep_session_alive, name="session-keep-alive"),
    path("account/two-factor/", views.two_factor_settings, name="two-factor"),
    path(
        "organizations/<int:org_id>/security/",
        views.organization_security,
        name="organization-security",
    ),
    path(
        "organizations/<int:org_id>/contacts/by-person/<int:person_id>/enable-account/",
        views.reenable_account,
        name="account-reenable",
    ),
    path("reauthenticate/", views.reauthenticate, name="reauthenticate"),
    path("account/password/", views.change_password, name="change-password"),
    path("account/secret-questions/", views.secret_questions, name="secret-questions"),
    path("account-name/", views.account_name_reminder, name="account-name"),
    path("account-name/sent/", views.account_name_sent, name="account-name-sent"),
    path("password-reset/", views.password_reset, name="password-reset"),
    path("password-reset/sent/", views.password_reset_sent, name="password-reset-sent"),
    path("password-reset/answer/", views.password_reset_answer, name="password-reset-answer"),
    path("password-reset/<str:token>/", views.password_reset_link, name="password-reset-link"),
    path("invitation/", views.invitation_accept, name="invitation-accept"),
    path("invitation/<str:token>/", views.invitation_link, name="invitation-link"),
    path(
        "invitations/<int:person_id>/resend/",
        views.resend_invitation,
        name="invitation-resend",
    ),
]
