"""Demo data for accounts (called by registry's seed_demo): the secret questions, and the
demo accounts' answers from contract.md (first pet rex, city of birth toronto, colour blue)."""

from accounts.models import SecretAnswer, SecretQuestion, User
from accounts.secrets import DEFAULT_QUESTIONS, ensure_questions, hash_answer

DEMO_ANSWERS = {
    DEFAULT_QUESTIONS[0]: "rex",
    DEFAULT_QUESTIONS[1]: "toronto",
    DEFAULT_QUESTIONS[2]: "blue",
}


def ensure_demo_secret_answers(usernames) -> None:
    """Idempotent: accounts that already have answers keep them."""
    ensure_questions()
    questions = {q.text: q for q in SecretQuestion.objects.filter(text__in=DEMO_ANSWERS)}
    users = User.objects.filter(username__in=list(usernames)).exclude(
        pk__in=SecretAnswer.objects.values("user_id")
    )
    SecretAnswer.objects.bulk_create(
        SecretAnswer(user=user, question=questions[text], answer_hash=hash_answer(answer))
        for user in users
        for text, answer in DEMO_ANSWERS.items()
    )


DORMANT_DEMO = ("henry", 500010, "Henry", "Lawson", "Former Trading Analyst", "+19055550110")


def seed_dormant_account(operator, password: str) -> None:
    """A dormant account at Lakeshore (idempotent): Henry Lawson, a member with no role, has not
    signed in for 120 days; he was warned 30 days ago and disabled 16 days ago, so Lakeshore's
    Primary Contact or Rights Administrator (frank, ivan) can enable it again on his page."""
    from datetime import timedelta

    from django.utils import timezone

    from audit.log import record
    from registry.demo import demo_person
    from registry.models import Membership, Organization, Sequence

    account, pid, first, last, title, phone = DORMANT_DEMO
    org = Organization.objects.filter(org_id=100002).first()
    if org is None or User.objects.filter(username=account).exists():
        return
    now = timezone.now()
    user = User(
        username=account,
        first_name=first,
        last_name=last,
        email=f"{account}@lakeshore.example",
        is_active=False,
        date_joined=now - timedelta(days=400),
        last_login=now - timedelta(days=120),
        dormancy_warned_at=now - timedelta(days=30),
        dormant_since=now - timedelta(days=16),
    )
    user.set_password(password)
    user.save()
    person = demo_person(
        pid, user, first=first, last=last, title=title, phone=phone, city="Mississauga"
    )
    _, made = Membership.objects.get_or_create(organization=org, person=person)
    if made:
        record(operator, "member.added", org=org, target=person)
    record(None, "account.disabled_dormant", org=org, target=user, details={"days": 104})
    seq, _ = Sequence.objects.get_or_create(name="person", defaults={"last_value": pid})
    if seq.last_value < pid:
        Sequence.objects.filter(name="person").update(last_value=pid)
    ensure_demo_secret_answers([account])
