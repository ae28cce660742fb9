from django.urls import path

from scim import endpoints, views

v2 = "scim/v2/"
urlpatterns = [
    path(v2, endpoints.root, name="scim-root"),
    path(v2 + "Users", endpoints.users, name="scim-users"),
    path(v2 + "Users/<str:person_id>", endpoints.user, name="scim-user"),
    path(v2 + "Groups", endpoints.groups, name="scim-groups"),
    path(v2 + "Groups/<str:code>", endpoints.group, name="scim-group"),
    path(
        v2 + "ServiceProviderConfig",
        endpoints.service_provider_config,
        name="scim-service-provider-config",
    ),
    path(v2 + "ResourceTypes", endpoints.resource_types, name="scim-resource-types"),
    path(v2 + "ResourceTypes/<str:name>", endpoints.resource_types, name="scim-resource-type"),
    path(v2 + "Schemas", endpoints.schemas, name="scim-schemas"),
    path(v2 + "Schemas/<str:uri>", endpoints.schemas, name="scim-schema"),
    path("organizations/<int:org_id>/scim/", views.scim_tokens, name="scim-tokens"),
    path("organizations/<int:org_id>/scim/issue/", views.issue_scim_token, name="scim-issue-token"),
    path(
        "organizations/<int:org_id>/scim/<int:token_id>/revoke/",
        views.revoke_scim_token,
        name="scim-revoke-token",
    ),
]
