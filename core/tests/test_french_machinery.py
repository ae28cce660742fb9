"""Issue 20: the machinery every app's French relies on. A refusal is read in the reader's
language and audited in English; sentences, articles and lists follow the language; an e-mail
goes to each recipient in their own language."""

import pytest
from django.core import mail
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext_lazy

from accounts.models import User
from core.errors import Forbidden
from core.mail import send_after_commit
from core.text import and_list, sentence, with_article

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_refusal_reads_in_the_readers_language_and_in_english_for_the_audit():
    refusal = Forbidden(gettext_lazy("You may not do this."))
    with translation.override("fr"):
        assert refusal.message == "Vous n'avez pas l'autorisation de faire cette opération."
        assert str(refusal) == refusal.message
        assert refusal.english == "You may not do this."
    with translation.override("en"):
        assert refusal.message == "You may not do this."


def test_a_sentence_of_a_lazy_template_is_put_together_when_read():
    built = sentence(
        "{label} {name}.", label=gettext_lazy("Customer Relations:"), name="Northwind Corp."
    )
    with translation.override("fr"):
        assert str(built) == "Relations avec la clientèle\u00a0: Northwind Corp."
    with translation.override("en"):
        assert str(built) == "Customer Relations: Northwind Corp."


def test_articles_and_lists_follow_the_language():
    with translation.override("en"):
        assert with_article("Authorized Representative") == "an Authorized Representative"
        assert and_list(["A", "B", "C"]) == "A, B and C"
        assert and_list(["A", "B"], "or") == "A or B"
    with translation.override("fr"):
        assert with_article("représentant autorisé") == "représentant autorisé"
        assert and_list(["A", "B", "C"]) == "A, B et C"
        assert and_list(["A", "B"], "or") == "A ou B"


def test_an_e_mail_goes_to_each_recipient_in_their_language(personas):
    User.objects.filter(username="bob").update(language="fr")
    subject = gettext_lazy("Customer Relations:")
    with transaction.atomic():
        send_after_commit([personas.alice.email, personas.bob.email], subject, subject)
    by_address = {message.to[0]: message for message in mail.outbox}
    assert by_address[personas.alice.email].subject == "Customer Relations:"
    assert by_address[personas.bob.email].subject == "Relations avec la clientèle\u00a0:"
    # The operator's signature, in each language too.
    assert "Relations avec la clientèle\u00a0: " in by_address[personas.bob.email].body
    assert "Customer Relations: " in by_address[personas.alice.email].body


def test_french_elides_before_a_name_that_starts_with_a_vowel():
    with translation.override("fr"):
        assert sentence("le compte de {name}", name="Anne Roy") == "le compte d'Anne Roy"
        assert sentence("De {org} et que {name}", org="Ontario", name="Émile") == (
            "D'Ontario et qu'Émile"
        )
        assert sentence("le compte de {name}", name="Bob") == "le compte de Bob"
        assert sentence("garde {name}", name="Anne") == "garde Anne"
        assert sentence("de « {name} »", name="Anne") == "de « Anne »"
    with translation.override("en"):
        assert sentence("la de {name}", name="Anne") == "la de Anne"


def test_a_required_choice_left_empty_says_what_to_choose_in_the_readers_language():
    from django import forms
    from django.utils import translation
    from django.utils.translation import gettext_lazy

    from core.forms import RequiredChoiceField

    class ChooseSystem(forms.Form):
        system = RequiredChoiceField(
            choices=[("a", "A"), ("b", "B")], prompt=gettext_lazy("Choose an information system")
        )

    form = ChooseSystem(data={})  # built once, read in each language
    assert not form.is_valid()
    with translation.override("fr"):
        assert form.errors["system"] == ["Choisissez un système d'information."]
        assert "Choisissez un système" in str(form["system"])
    with translation.override("en"):
        assert form.errors["system"] == ["Choose an information system."]
