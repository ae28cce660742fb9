"""SCIM tokens' audit vocabulary (see audit/actions.py). {target} is the token's name."""

from audit.actions import Action, register

register(
    Action(
        "scim_token.issued",
        done="{actor} issued the SCIM token {target} for {org}.",
        attempt="issue a SCIM token for {org}",
        service="scim_token.issue",
    ),
    Action(
        "scim_token.revoked",
        done="{actor} revoked the SCIM token {target} of {org}.",
        attempt="revoke the SCIM token {target} of {org}",
        service="scim_token.revoke",
    ),
)

register(
    Action(
        "scim_user.provisioned",
        done="{actor} provisioned {target} in {org} through SCIM as {user_name}.",
        attempt="provision a person in {org} through SCIM",
        service="scim_user.provision",
    ),
    Action(
        "scim_user.renamed",
        done="{actor} renamed {target} in {org}'s SCIM directory to {user_name}.",
        attempt="rename {target} in {org}'s SCIM directory",
        service="scim_user.rename",
    ),
    Action(
        "scim_user.deprovisioned",
        done="{actor} deprovisioned {target} from {org} through SCIM.",
        attempt="deprovision {target} from {org} through SCIM",
        service="scim_user.deprovision",
    ),
    Action(
        "scim_group.updated",
        done="{actor} changed the holders of {target} in {org} through SCIM.",
        attempt="change the holders of {target} in {org} through SCIM",
        service="scim_group.update",
    ),
)
