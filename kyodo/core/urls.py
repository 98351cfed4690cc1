from django.urls import include, path

from . import views, views_notifications, views_retention

app_name = "core"

manage_patterns = ([
    path("", views.manage_home, name="home"),
    path("profile/", views.manage_profile, name="profile"),
    path("departments/", views.manage_departments, name="departments"),
    path("departments/new/", views.manage_department_edit, name="department_new"),
    path("departments/<id:pk>/", views.manage_department_edit, name="department_edit"),
    path("roles/", views.manage_roles, name="roles"),
    path("roles/<id:pk>/revoke/", views.manage_role_revoke, name="role_revoke"),
    path("invitations/<id:user_pk>/resend/", views.manage_invitation_resend,
         name="invitation_resend"),
    path("audit/", views.manage_audit, name="audit"),
    path("audit/export.<slug:fmt>", views.manage_audit_export, name="audit_export"),
    path("retention/", views_retention.manage_retention, name="retention"),
], "manage")

platform_patterns = ([
    path("organisations/", views.platform_organisations, name="organisations"),
    path("organisations/new/", views.platform_organisation_edit, name="organisation_new"),
    path("organisations/<slug:slug>/", views.platform_organisation_edit, name="organisation_edit"),
], "platform")

urlpatterns = [
    path("", views.portal, name="portal"),
    path("my/", views.mypage, name="mypage"),
    path("my/notifications/", views_notifications.notifications, name="notifications"),
    path("my/notifications/<id:pk>/", views_notifications.open_notification, name="notification"),
    path("invitations/<token:token>/", views.invitation, name="invitation"),
    path("org/<slug:slug>/", views.organisation_home, name="organisation"),
]

# Included at the top level (outside this namespace) by kyodo/urls.py.
admin_urlpatterns = [
    path("org/<slug:slug>/manage/", include(manage_patterns)),
    path("platform/", include(platform_patterns)),
]
