"""Quotes are found only as whole words, and ambiguity is an error, never a guess."""

from __future__ import annotations

import pytest

from moroccodigital.curation.texts import QuoteError, find_all, locate

TEXT = "بقرابة 1.500 مليار دولار، وتوظيف 500 مهندس. أبرزت العمراني، والسفير يوسف عمراني بالرباط."


def test_a_number_never_matches_inside_a_larger_number() -> None:
    assert find_all(TEXT, "500") == [TEXT.index(" 500 ") + 1]


def test_a_decimal_is_found_whole() -> None:
    assert find_all(TEXT, "1.500") == [TEXT.index("1.500")]


def test_a_name_never_matches_inside_a_longer_word() -> None:
    assert find_all(TEXT, "عمراني") == [TEXT.index("يوسف عمراني") + len("يوسف ")]


def test_an_attached_preposition_may_precede_a_match() -> None:
    assert find_all(TEXT, "الرباط") == [TEXT.index("بالرباط") + 1]


def test_a_quote_occurring_twice_needs_its_occurrence() -> None:
    text = "المغرب والمغرب"
    with pytest.raises(QuoteError, match="occurs 2 times"):
        locate(text, "المغرب")
    assert locate(text, "المغرب", occurrence=2) == (8, 14)


def test_a_missing_quote_is_an_error_that_says_why() -> None:
    with pytest.raises(QuoteError, match="inside a longer word"):
        locate(TEXT, "مليا")


def test_an_occurrence_beyond_the_count_is_an_error() -> None:
    with pytest.raises(QuoteError, match="occurs 1 times"):
        locate(TEXT, "دولار", occurrence=2)
