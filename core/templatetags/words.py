"""Template filters of the sentence builder (`core.text`), built into every template:

Register {{ role.name|with_article }}            -> Register an Authorized Representative
... removed from {{ org.legal_name|end_sentence }} -> ... removed from Northwind Power Corp.
{{ names|and_list }}                              -> Alice, Bob and Carol
{{ person.phone|telephone }}                      -> 416-555-0111
"""

from django import template

from core import text

register = template.Library()

register.filter("with_article", text.with_article, is_safe=True)
register.filter("article", text.article, is_safe=True)
register.filter("end_sentence", text.end_sentence, is_safe=True)
register.filter("and_list", text.and_list, is_safe=False)
register.filter("or_list", text.or_list, is_safe=False)
register.filter("telephone", text.telephone, is_safe=True)
