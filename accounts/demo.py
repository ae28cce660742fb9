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
