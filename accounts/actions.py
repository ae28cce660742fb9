"""Accounts' audit vocabulary (see audit/actions.py)."""

from audit.actions import Action, register

register(
    Action(
        "account.signed_in",
        done="{actor} signed in.",
        attempt="sign in",
        service="account.sign_in_failed",
        refused="A sign-in as “{account}” failed.",
    ),
    Action(
        "account.locked",
        done="The account “{account}” was locked after repeated failed sign-ins.",
        attempt="sign in",
        refused="The account “{account}” was locked after repeated failed sign-ins.",
    ),
    Action(
        "account.created",
        done="{actor} set up an account for {target}.",
        attempt="set up an account",
        service="invitation.accept",
    ),
    Action(
        "invitation.sent",
        done="{actor} invited {target} by e-mail to set up an account.",
        attempt="send {target} a new invitation",
        service="invitation.resend",
    ),
    Action(
        "account.password_changed",
        done="{actor} changed their password.",
        attempt="change their password",
        service="account.password_change",
    ),
    Action(
        "account.password_reset_requested",
        done="{actor} asked for a password reset link.",
        attempt="ask for a password reset link",
        service="account.password_reset.request",
    ),
    Action(
        "account.password_reset",
        done="The password of {target} was reset with an e-mailed link and the secret answers.",
        attempt="reset a password",
    ),
    Action(
        "account.secret_answers_changed",
        done="{actor} changed their secret questions and answers.",
        attempt="change their secret questions and answers",
        service="account.secret_answers.change",
    ),
    Action(
        "account.two_factor_enabled",
        done="{actor} set up a second factor.",
        attempt="set up a second factor",
        service="account.two_factor.confirm",
    ),
    Action(
        "account.two_factor_started",
        done="{actor} began setting up a second factor.",
        attempt="begin setting up a second factor",
        service="account.two_factor.start",
    ),
    Action(
        "account.two_factor_disabled",
        done="{actor} removed their second factor.",
        attempt="remove their second factor",
        service="account.two_factor.disable",
    ),
    Action(
        "organization.two_factor_required",
        done="{actor} required a second factor of everyone in {org}.",
        attempt="change the security of {org}",
        service="organization.security.change",
    ),
    Action(
        "organization.two_factor_optional",
        done="{actor} made a second factor optional for the people of {org}.",
        attempt="change the security of {org}",
    ),
    Action(
        "account.deactivated",
        done="{actor} disabled the account of {target}.",
        attempt="disable the account of {target}",
        service="account.deactivate",
    ),
    Action(
        "account.reactivated",
        done="{actor} enabled the account of {target} again.",
        attempt="enable the account of {target}",
        service="account.reactivate",
    ),
    Action(
        "account.unlocked",
        done="{actor} lifted the sign-in lock of {target}.",
        attempt="lift the sign-in lock of {target}",
        service="account.unlock",
    ),
    Action(
        "account.staff_granted",
        done="{actor} made {target} operator staff.",
        attempt="make {target} operator staff",
        service="account.staff.grant",
    ),
    Action(
        "account.staff_revoked",
        done="{actor} ended the operator-staff rights of {target}.",
        attempt="end the operator-staff rights of {target}",
        service="account.staff.revoke",
    ),
    Action(
        "account.superuser_granted",
        done="{actor} made {target} a superuser.",
        attempt="make {target} a superuser",
        service="account.superuser.grant",
    ),
    Action(
        "account.superuser_revoked",
        done="{actor} ended the superuser rights of {target}.",
        attempt="end the superuser rights of {target}",
        service="account.superuser.revoke",
    ),
    Action(
        "account.name_reminder_requested",
        done="{actor} asked for a reminder of their account name by e-mail.",
        attempt="ask for a reminder of an account name",
        service="account.name_reminder.request",
    ),
    Action(
        "account.dormancy_warned",
        done="{target} was warned by e-mail that the account will be disabled for lack of "
        "sign-ins.",
        attempt="warn {target} that the account will be disabled",
        service="account.dormancy.warn",
    ),
    Action(
        "account.disabled_dormant",
        done="The account of {target} was disabled: nobody signed in with it for a long time.",
        attempt="disable the dormant account of {target}",
        service="account.dormancy.disable",
    ),
    Action(
        "account.reenabled",
        done="{actor} enabled the account of {target} again after it was disabled for lack of "
        "sign-ins.",
        attempt="enable the account of {target} again",
        service="account.reenable",
    ),
)
