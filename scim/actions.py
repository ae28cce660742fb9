"""SCIM tokens' audit vocabulary (see audit/actions.py). {target} is the token's name."""

from django.utils.translation import gettext_noop

from audit.actions import Action, register

register(
    Action(
        "scim_token.issued",
        done=gettext_noop("{actor} issued the SCIM token {target} for {org}."),
        attempt=gettext_noop("issue a SCIM token for {org}"),
        service="scim_token.issue",
    ),
    Action(
        "scim_token.revoked",
        done=gettext_noop("{actor} revoked the SCIM token {target} of {org}."),
        attempt=gettext_noop("revoke the SCIM token {target} of {org}"),
        service="scim_token.revoke",
    ),
)

register(
    Action(
        "scim_user.provisioned",
        done=gettext_noop("{actor} provisioned {target} in {org} through SCIM as {user_name}."),
        attempt=gettext_noop("provision a person in {org} through SCIM"),
        service="scim_user.provision",
    ),
    Action(
        "scim_user.renamed",
        done=gettext_noop("{actor} renamed {target} in {org}'s SCIM directory to {user_name}."),
        attempt=gettext_noop("rename {target} in {org}'s SCIM directory"),
        service="scim_user.rename",
    ),
    Action(
        "scim_user.deprovisioned",
        done=gettext_noop("{actor} deprovisioned {target} from {org} through SCIM."),
        attempt=gettext_noop("deprovision {target} from {org} through SCIM"),
        service="scim_user.deprovision",
    ),
    Action(
        "scim_group.updated",
        done=gettext_noop("{actor} changed the holders of {target} in {org} through SCIM."),
        attempt=gettext_noop("change the holders of {target} in {org} through SCIM"),
        service="scim_group.update",
    ),
)
