"""The sentence builder: names ending in a full stop, names starting with a vowel, lists."""

import pytest
from django.template import Context, Template
from hypothesis import given
from hypothesis import strategies as st

from core.text import (
    and_list,
    article,
    end_sentence,
    ends_sentence,
    file_size,
    or_list,
    sentence,
    telephone,
    with_article,
)

# Names as organizations are really called: some end with a full stop, some don't.
words = (
    st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ ", min_size=1)
    .map(str.strip)
    .filter(bool)
)
names = st.builds(lambda w, suffix: w + suffix, words, st.sampled_from(["", ".", " Inc.", " Ltd"]))


def test_a_name_ending_with_a_full_stop_ends_the_sentence_once():
    assert (
        sentence("Alice added Bob to {org}.", org="Northwind Power Corp.")
        == "Alice added Bob to Northwind Power Corp."
    )
    assert sentence("{org} is ready.", org="Northwind Power Corp.") == (
        "Northwind Power Corp. is ready."
    )
    assert sentence("You approved “{task}”.", task="Pay Lakeshore Energy Inc.") == (
        "You approved “Pay Lakeshore Energy Inc.”"
    )
    assert sentence("Remove Bob from {org}?", org="Northwind Power Corp.") == (
        "Remove Bob from Northwind Power Corp.?"
    )


@given(names)
def test_no_sentence_ends_with_a_doubled_full_stop(name):
    text = sentence("{actor} removed {target} from {org}.", actor="Alice", target="Bob", org=name)
    assert text == f"Alice removed Bob from {end_sentence(name)}"
    assert not text.endswith("..")
    assert ends_sentence(text)


@given(names)
def test_end_sentence_adds_a_full_stop_only_where_none_is(name):
    once = end_sentence(name)
    assert end_sentence(once) == once
    assert once.endswith(".") and not once.endswith("..")
    assert once.rstrip(".") == name.rstrip(".")


def test_sentence_formats_like_str_format():
    assert sentence("{n:,} items for {who!r}.", n=1130, who="x") == "1,130 items for 'x'."
    assert sentence("An ellipsis stays...") == "An ellipsis stays..."


@pytest.mark.parametrize(
    ("noun", "expected"),
    [
        ("Authorized Representative", "an"),
        ("Invoicing and Banking Contact", "an"),
        ("Emergency Preparedness Contact", "an"),
        ("Equipment Registration Specialist", "an"),
        ("Applicant Representative", "an"),
        ("Primary Contact", "a"),
        ("Rights Administrator", "a"),
        ("Settlement Contact", "a"),
        ("Metering Contact", "a"),
        ("user", "a"),
        ("unit", "a"),
        ("European bank", "a"),
        ("one-time code", "a"),
        ("update", "an"),
        ("unusual request", "an"),
        ("hour", "an"),
        ("honest mistake", "an"),
        ("MPI grant", "an"),
        ("URL", "a"),
        ("IESO account", "an"),
        ("8-digit number", "an"),
        ("11-day wait", "an"),
        ("3-digit number", "a"),
        ("“Open” notice", "an"),
    ],
)
def test_article_follows_the_sound(noun, expected):
    assert article(noun) == expected
    assert with_article(noun) == f"{expected} {noun}"


@given(st.sampled_from("bcdfgjklmnpqrstvwxyz"), words)
def test_consonant_words_take_a(first, rest):
    assert article((first + rest).lower()) == "a"


@given(st.sampled_from(["a", "e", "i", "o"]), words)
def test_vowel_words_take_an(first, rest):
    word = (first + rest).lower()
    if not word.startswith(("eu", "ewe", "one", "once", "ouija")):
        assert article(word) == "an"


def test_lists_read_as_english():
    assert and_list([]) == ""
    assert and_list(["Alice"]) == "Alice"
    assert and_list(["Alice", "Bob"]) == "Alice and Bob"
    assert and_list(["Alice", "Bob", "Carol"]) == "Alice, Bob and Carol"
    assert or_list(["Primary Contacts", "Authorized Representatives", "operator staff"]) == (
        "Primary Contacts, Authorized Representatives or operator staff"
    )


@given(st.lists(words, max_size=8))
def test_a_list_keeps_every_item_in_order(items):
    text = and_list(items)
    position = 0
    for item in items:
        position = text.index(item, position) + len(item)
    assert text.count(",") == max(len(items) - 2, 0)


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ("+14165550111", "416-555-0111"),
        ("+12125550123", "212-555-0123"),
        ("+442079460958", "+44 20 7946 0958"),
        ("+33142685300", "+33 1 42 68 53 00"),
        ("not a number", "not a number"),
        ("", ""),
    ],
)
def test_telephones_are_shown_as_people_write_them(stored, shown):
    assert telephone(stored) == shown


def test_every_template_has_the_filters_without_loading_them():
    html = Template(
        "Register {{ role|with_article }}. {{ names|and_list }} left {{ org|end_sentence }} "
        "Call {{ phone|telephone }}."
    ).render(
        Context(
            {
                "role": "Authorized Representative",
                "names": ["Alice", "Bob", "Carol"],
                "org": "Northwind Power Corp.",
                "phone": "+14165550111",
            }
        )
    )
    assert html == (
        "Register an Authorized Representative. Alice, Bob and Carol left Northwind Power Corp. "
        "Call 416-555-0111."
    )


@pytest.mark.parametrize(
    ("size", "shown"),
    [
        (1, "1 byte"),
        (300, "300 bytes"),
        (1024, "1 KB"),
        (1536, "1.5 KB"),
        (10 * 1024 * 1024, "10 MB"),
        (int(2.25 * 1024 * 1024), "2.2 MB"),
        (3 * 1024**3, "3 GB"),
    ],
)
def test_file_sizes_read_as_people_write_them(size, shown):
    assert file_size(size) == shown
