"""The account backend: Django's ModelBackend, reading the person with the account."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class PersonModelBackend(ModelBackend):
    """Every signed-in page names the person in its header (`user.person`): reading the
    person in the same query as the account saves one query on every request."""

    def get_user(self, user_id):
        User = get_user_model()
        try:
            user = User._default_manager.select_related("person").get(pk=user_id)
        except User.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None


# The backend a sign-in that did not go through authenticate() names (invitation, second
# factor); it must be one of settings.AUTHENTICATION_BACKENDS or the session is anonymous.
BACKEND = "accounts.backends.PersonModelBackend"
