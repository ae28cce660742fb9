"""The provider's endpoints, in django-oauth-toolkit's namespace (it reverses its own names).

Discovery sits at the site root, so the issuer is the portal's own address; the rest under
/o/. Only what single sign-on needs: no device flow, no dynamic client registration, no
self-service application pages (staff register systems in the back office)."""

from django.urls import path
from oauth2_provider import views as dot

from oidc.views import AuthorizationView, DiscoveryView, IntrospectTokenView, UserInfoView

app_name = "oauth2_provider"

urlpatterns = [
    path(
        ".well-known/openid-configuration",
        DiscoveryView.as_view(),
        name="oidc-connect-discovery-info",
    ),
    path("o/authorize/", AuthorizationView.as_view(), name="authorize"),
    path("o/token/", dot.TokenView.as_view(), name="token"),
    path("o/revoke_token/", dot.RevokeTokenView.as_view(), name="revoke-token"),
    path("o/introspect/", IntrospectTokenView.as_view(), name="introspect"),
    path("o/jwks/", dot.JwksInfoView.as_view(), name="jwks-info"),
    path("o/userinfo/", UserInfoView.as_view(), name="user-info"),
    path("o/logout/", dot.RPInitiatedLogoutView.as_view(), name="rp-initiated-logout"),
]
