"""The one sentence builder: names in sentences, "a"/"an", "A, B and C" lists.

Every sentence a person reads that has a name in it (an audit line, a message after an
action, a confirmation, an e-mail, News) is put together here, so that "Northwind Power
Corp." ends a sentence with one full stop, "an Authorized Representative" takes the right
article, and lists read as English, wherever they appear.

    sentence("{actor} removed {target} from {org}.", actor=..., target=..., org=...)
    with_article("Authorized Representative")  -> "an Authorized Representative"
    and_list(["Alice", "Bob", "Carol"])         -> "Alice, Bob and Carol"

In French (issue 20) the same builders follow the active language: a template marked with
`gettext_lazy` gives a sentence that is put together when it is read, in the reader's language
(a refusal shown to a person in French, audited in English; an e-mail in each recipient's
language); `with_article` leaves the noun bare (French sentences are written around the bare
role name: « est maintenant représentant autorisé »), and lists join with « et » / « ou ».
Each builder given a lazy argument answers lazily, so the whole sentence waits for its reader.
"""

import re
import string
from collections.abc import Iterable

from django.utils.functional import keep_lazy_text
from django.utils.translation import get_language, pgettext_lazy

# The words joining a list's last two items, in the active language.
_CONJUNCTIONS = {
    "and": pgettext_lazy("joining the last two items of a list", "and"),
    "or": pgettext_lazy("joining the last two items of a list", "or"),
}


def _in_french() -> bool:
    return (get_language() or "en").startswith("fr")


# A sentence already ends when its last character (before closing quotes or brackets) is one
# of these: a name such as "Northwind Power Corp." ends the sentence it closes.
_ENDS = (".", "!", "?", "…")
_CLOSERS = "\"'”’»)]"

# "an" before a vowel *sound*: these words start with a vowel letter but a consonant sound...
_CONSONANT_SOUND = re.compile(
    r"^(uni(?![mn])|use|usu|uti|ure|uro|eu|ewe|one\b|once\b|ouija|u[cfgklrstvz][aeiou])",
    re.IGNORECASE,
)
# ... and these start with a consonant letter but a vowel sound (a silent h).
_VOWEL_SOUND = re.compile(r"^(hour|honest|honou?r|heir)", re.IGNORECASE)
# Letters read one by one ("an MPI", "a URL"): these letters are said with a vowel first.
_VOWEL_LETTERS = set("AEFHILMNORSX")


def ends_sentence(text: str) -> bool:
    """Whether `text` already ends with a full stop (or ! ? …), closing quotes aside."""
    return str(text).rstrip().rstrip(_CLOSERS).endswith(_ENDS)


def end_sentence(text: str) -> str:
    """`text` ending with exactly one full stop: "Northwind Power Corp." stays as it is."""
    text = str(text).rstrip()
    if not text or ends_sentence(text):
        return text
    return text + "."


_DOUBLE_STOP = re.compile(r"(?<!\.)\.\.(?=\s|$)")


def tidy(text: str) -> str:
    """Mend a double full stop (not an ellipsis) in a sentence put together elsewhere; the
    builders above do not make one."""
    return _DOUBLE_STOP.sub(".", str(text))


# French elides these words before a vowel: « de » + « Anne » is « d'Anne ».
_ELIDES = re.compile(r"(?<![\w'’-])(de|que|le|la)\s$", re.IGNORECASE)
_VOWEL = re.compile(r"^[aeiouyàâäéèêëîïôöùûüæœ]", re.IGNORECASE)


def _elide(literal: str, value: str) -> str:
    """`literal` with its last word elided when it meets `value` in French ("de " + "Anne")."""
    match = _ELIDES.search(literal)
    if not match or not _VOWEL.match(value):
        return literal
    word = match.group(1)
    return literal[: match.start()] + word[: 2 if word.lower() == "que" else 1] + "'"


@keep_lazy_text
def sentence(template: str, /, **values: object) -> str:
    """`template.format(**values)`, without a doubled full stop where a value that ends with
    one ("Northwind Power Corp.") meets the template's own (".", "?" stays: "Corp.?" reads);
    in French, "de", "que", "le" and "la" elided before a value that starts with a vowel
    (« le compte d'Anne », not « de Anne »)."""
    out: list[str] = []
    previous = ""
    french = _in_french()
    for literal, field, spec, conversion in string.Formatter().parse(str(template)):
        closers = literal[: len(literal) - len(literal.lstrip(_CLOSERS))]
        rest = literal[len(closers) :]
        if rest.startswith(".") and not rest.startswith("..") and ends_sentence(previous):
            literal = closers + rest[1:]  # "… Corp.”." -> "… Corp.”"
        out.append(literal)
        if field is None:
            previous = literal or previous
            continue
        value = values[field] if field else ""
        if conversion == "r":
            value = repr(value)
        elif conversion in {"s", "a"}:
            value = str(value) if conversion == "s" else ascii(value)
        previous = format(value, spec or "")
        if french and out:
            out[-1] = _elide(out[-1], previous)
        out.append(previous)
    return "".join(out)


def article(noun: str) -> str:
    """ "a" or "an" for `noun`, by how it is said: an Authorized Representative, a Rights
    Administrator, a user, an hour, an MPI grant, a URL."""
    word = str(noun).strip().lstrip(_CLOSERS + "“‘(")
    if not word:
        return "a"
    first = word.split()[0]
    if len(first) > 1 and first.isupper() and first.isalpha():  # an initialism: MPI, URL
        return "an" if first[0] in _VOWEL_LETTERS else "a"
    if _VOWEL_SOUND.match(word):
        return "an"
    if first[0].isdigit():
        return "an" if re.match(r"^(8|11|18)(\D|$)|^8\d", first) else "a"
    if first[0].lower() in "aeiou" and not _CONSONANT_SOUND.match(word):
        return "an"
    return "a"


@keep_lazy_text
def with_article(noun: str) -> str:
    """`noun` with its indefinite article: "an Authorized Representative" (in French the bare
    noun: the French sentence carries its own article where it needs one)."""
    if _in_french():
        return str(noun).strip()
    return f"{article(noun)} {str(noun).strip()}"


def and_list(items: Iterable[object], conjunction: str = "and") -> str:
    """ "A", "A and B", "A, B and C" (no serial comma, as the operator writes); « A, B et C »
    in French."""
    words = [str(item) for item in items if str(item).strip()]
    conjunction = str(_CONJUNCTIONS.get(conjunction, conjunction))
    if len(words) <= 2:
        return f" {conjunction} ".join(words)
    return f"{', '.join(words[:-1])} {conjunction} {words[-1]}"


def or_list(items: Iterable[object]) -> str:
    """ "A", "A or B", "A, B or C"."""
    return and_list(items, "or")


def telephone(e164: str) -> str:
    """A stored (E.164) telephone number as people write it: "416-555-0111" for North
    American numbers, "+44 20 7946 0958" for the rest of the world; anything that does not
    parse is shown as stored."""
    import phonenumbers

    try:
        number = phonenumbers.parse(str(e164 or ""), None)
    except phonenumbers.NumberParseException:
        return str(e164 or "")
    if number.country_code == 1:
        digits = phonenumbers.national_significant_number(number)
        if len(digits) == 10:
            text = f"{digits[:3]}-{digits[3:6]}-{digits[6:]}"
            return f"{text} ext. {number.extension}" if number.extension else text
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def file_size(size: int) -> str:
    """A size as people write it: "10 MB", "1.5 MB", "300 bytes" (not "10.0 MB")."""
    size = int(size)
    if size < 1024:
        return "1 byte" if size == 1 else f"{size} bytes"
    for unit in ("KB", "MB", "GB"):
        size_in = size / 1024
        if size_in < 1024 or unit == "GB":
            text = f"{size_in:.1f}".removesuffix(".0")
            return f"{text} {unit}"
        size = size_in
    raise AssertionError("unreachable")
