from extraction.tests.conftest import actor, assert_spans_exact, blank_pipeline, run


def names(result, kind=None):
    return sorted(a.name for a in result.actors if kind is None or a.kind == kind)


def test_surname_joins_the_full_name(blank):
    text = "Karim Haddad arrived on Monday. Later Haddad spoke to reporters."
    nlp = blank([("PERSON", "Karim Haddad"), ("PERSON", "Haddad")])
    result = run(text, nlp)
    found = actor(result, "Karim Haddad")
    assert found.aliases == ["Haddad"] and len(found.mentions) == 2
    assert_spans_exact(text, result)


def test_spelling_variants_of_a_given_name_are_one_person(blank):
    text = "Dmitri Volkov spoke first. Dmitry Volkov then left the hall."
    result = run(text, blank([("PERSON", "Dmitri Volkov"), ("PERSON", "Dmitry Volkov")]))
    assert names(result, "person") == ["Dmitri Volkov"]


def test_name_without_arabic_article_is_the_same_person(blank):
    text = "Omar al-Masri visited the camp. Omar Masri later said the camp was full."
    result = run(text, blank([("PERSON", "Omar al-Masri"), ("PERSON", "Omar Masri")]))
    assert len(result.actors) == 1


def test_different_given_names_with_one_surname_stay_apart(blank):
    text = "Rania Khoury and Walid Khoury both signed."
    result = run(text, blank([("PERSON", "Rania Khoury"), ("PERSON", "Walid Khoury")]))
    assert names(result, "person") == ["Rania Khoury", "Walid Khoury"]


def test_possessive_is_stripped(blank):
    text = "Samir Nasser's office declined to comment. Samir Nasser was abroad."
    result = run(text, blank([("PERSON", "Samir Nasser's"), ("PERSON", "Samir Nasser")]))
    assert names(result) == ["Samir Nasser"]


def test_known_acronym_and_full_name_are_one_group(blank):
    text = "Fighters of the YPG held the hill. The People's Protection Units said so."
    result = run(text, blank([]))
    group = actor(result, "People's Protection Units")
    assert "YPG" in group.aliases and group.kind == "armed_group" and group.country == "SY"


def test_acronym_defined_in_parentheses(blank):
    text = "The Northern Valley Alliance (NVA) took the town. Later the NVA withdrew."
    result = run(text, blank([("ORG", "Northern Valley Alliance")]))
    group = actor(result, "Northern Valley Alliance")
    assert group.aliases == ["NVA"] and len(group.mentions) == 3


def test_news_agency_credit_is_not_an_actor(blank):
    text = "REUTERS Photo\nThe convoy crossed at dawn, AFP reported."
    result = run(text, blank([("ORG", "REUTERS Photo"), ("ORG", "AFP")]))
    assert result.actors == []


def test_title_word_tagged_as_organization_is_dropped(blank):
    text = "Defence Minister Leila Saab met the press."
    result = run(text, blank([("ORG", "Defence"), ("PERSON", "Leila Saab")]))
    assert names(result) == ["Leila Saab"]


def test_demonym_tagged_as_person_is_dropped(blank):
    text = "A Kazakh official welcomed them."
    result = run(text, blank([("PERSON", "Kazakh")]))
    assert result.actors == []


def test_place_tagged_as_organization_becomes_a_place(blank):
    text = "Shelling hit Manbij overnight."
    result = run(text, blank([("ORG", "Manbij")]))
    assert result.actors == [] and [p.name for p in result.places] == ["Manbij"]


def test_surname_that_is_a_place_name_stays_a_person(blank):
    text = "Nadia Homs spoke in Aleppo. Homs said the talks went well."
    result = run(text, blank([("PERSON", "Nadia Homs"), ("GPE", "Aleppo"), ("PERSON", "Homs")]))
    assert names(result) == ["Nadia Homs"]
    assert [p.name for p in result.places] == ["Aleppo"]


def test_known_person_by_surname_gets_full_name(nlp):
    text = "Erdogan told parliament that the operation would continue."
    result = run(text, nlp)
    found = actor(result, "Recep Tayyip Erdogan")
    assert found.country == "TR" and found.aliases == ["Erdogan"]


def test_real_model_merges_surname_mentions(nlp):
    text = (
        "Brigadier Yusuf Karam inspected the front line near Hama on Friday. "
        "Karam told troops the town would hold."
    )
    result = run(text, nlp)
    persons = [a for a in result.actors if a.kind == "person"]
    assert [p.name for p in persons] == ["Yusuf Karam"]
    assert_spans_exact(text, result)


def test_blank_pipeline_without_entities_finds_known_groups_only():
    nlp = blank_pipeline([])
    result = run("Clashes between HTS and the SDF continued.", nlp)
    assert names(result) == ["Hayat Tahrir al-Sham", "Syrian Democratic Forces"]
