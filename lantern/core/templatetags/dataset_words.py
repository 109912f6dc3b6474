"""`{{ code|words }}` and `{{ codes|words_list }}`: dataset words in plain English on pages."""

from django import template

from lantern.core.timeline import words as plain_words

register = template.Library()


@register.filter
def words(code) -> str:
    """`county_lines` reads "County lines" (a phrase of its own, so it starts with a capital)."""
    text = plain_words(str(code or ""))
    return text[:1].upper() + text[1:]


@register.filter
def words_list(codes) -> str:
    """A list of dataset words as one phrase: "Child sexual exploitation, county lines"."""
    phrases = [plain_words(str(c)) for c in codes or [] if c]
    text = ", ".join(phrases)
    return text[:1].upper() + text[1:]
