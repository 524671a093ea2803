"""Reference names: an Arabic page's form of an actor the curated texts write only in Latin script
(ref_name_ar) and customary French names (name_fr) are names the finder links, read from the
shipped registry like every other name."""

from __future__ import annotations

from helpers import only

from moroccodigital.finder.extract import find
from moroccodigital.finder.lexicon import Lexicon


def test_an_arabic_reference_name_links_its_actor_in_an_arabic_text(lexicon: Lexicon) -> None:
    assert only("وقال خالد سفير إن الصندوق سيواصل الاستثمار", "actor", lexicon).ref == "khalid-safir"


def test_a_surname_that_is_also_a_common_word_is_not_read_alone(lexicon: Lexicon) -> None:
    found = find("واستقبل الوزير سفير اليابان بالرباط", lexicon)
    assert not [c for c in found if c.ref == "khalid-safir" or "actor:khalid-safir" in c.alternatives]


def test_a_surname_two_registry_people_share_stays_ambiguous(lexicon: Lexicon) -> None:
    found = only("وحسب السغروشني فإن المعطيات محمية", "actor", lexicon)
    assert (found.ref, set(found.alternatives)) == (
        None,
        {"actor:amal-el-fallah-seghrouchni", "actor:omar-seghrouchni"},
    )


def test_the_french_name_of_a_foreign_department_links_it(lexicon: Lexicon) -> None:
    assert (
        only("selon le Département américain du Commerce.", "actor", lexicon).ref
        == "us-department-of-commerce"
    )
