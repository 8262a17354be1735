from extraction.tests.conftest import actor, run


def roles(result, name):
    found = actor(result, name)
    return {(r.title, r.country) for r in found.roles}


def test_demonym_title_before_name(blank):
    text = "Lebanese Foreign Minister Ziad Hanna arrived."
    result = run(text, blank([("PERSON", "Ziad Hanna")]))
    assert roles(result, "Ziad Hanna") == {("Foreign Minister", "LB")}


def test_country_possessive_title_and_comma(blank):
    text = "Jordan's defence minister, Faris Odeh, said the border was calm."
    result = run(text, blank([("PERSON", "Faris Odeh")]))
    assert roles(result, "Faris Odeh") == {("Defense Minister", "JO")}


def test_apposition_after_the_name(blank):
    text = "Selim Kaya, Turkey's intelligence chief, attended."
    result = run(text, blank([("PERSON", "Selim Kaya")]))
    assert ("Intelligence Chief", "TR") in roles(result, "Selim Kaya")


def test_title_held_for_an_organization_keeps_its_qualifier(blank):
    text = "UN envoy Anna Berg briefed the council."
    result = run(text, blank([("PERSON", "Anna Berg")]))
    assert roles(result, "Anna Berg") == {("UN Envoy", None)}


def test_commander_of_a_known_group_takes_its_country(blank):
    text = "Hassan Darwish, commander of the Syrian Democratic Forces, spoke on Monday."
    result = run(text, blank([("PERSON", "Hassan Darwish")]))
    assert roles(result, "Hassan Darwish") == {("Commander", "SY")}


def test_list_subject_gives_country_to_each_title(blank):
    text = "Egypt sent Foreign Minister Adel Fahmy and spokesman Tarek Nour to the talks."
    result = run(text, blank([("PERSON", "Adel Fahmy"), ("PERSON", "Tarek Nour")]))
    assert roles(result, "Adel Fahmy") == {("Foreign Minister", "EG")}
    assert {c for _, c in roles(result, "Tarek Nour")} == {"EG"}


def test_list_inherits_previous_country(blank):
    text = "Iraqi Prime Minister Kamal Aziz, Defence Minister Rafi Jabr and aides attended."
    result = run(text, blank([("PERSON", "Kamal Aziz"), ("PERSON", "Rafi Jabr")]))
    assert roles(result, "Rafi Jabr") == {("Defense Minister", "IQ")}


def test_title_once_then_surname(blank):
    text = "Syrian Defense Minister Nabil Saleh toured Homs. Later Saleh met officers."
    result = run(text, blank([("PERSON", "Nabil Saleh"), ("PERSON", "Saleh")]))
    found = actor(result, "Nabil Saleh")
    assert found.country == "SY" and len(found.mentions) == 2


def test_plural_title_for_two_names(blank):
    text = "Presidents Ivan Petrov and Omar Bashir shook hands."
    result = run(text, blank([("PERSON", "Ivan Petrov"), ("PERSON", "Omar Bashir")]))
    assert {t for t, _ in roles(result, "Ivan Petrov")} == {"President"}
    assert {t for t, _ in roles(result, "Omar Bashir")} == {"President"}


def test_of_country_after_name(blank):
    text = "President Luis Ortega of France spoke."
    result = run(text, blank([("PERSON", "Luis Ortega")]))
    assert roles(result, "Luis Ortega") == {("President", "FR")}


def test_counterparts_get_the_same_title_for_their_countries(blank):
    text = (
        "Russian Foreign Minister Pavel Orlov said he agreed with his Iranian and Turkish "
        "counterparts, Reza Tehrani and Emre Yilmaz, on Tuesday."
    )
    patterns = [("PERSON", "Pavel Orlov"), ("PERSON", "Reza Tehrani"), ("PERSON", "Emre Yilmaz")]
    result = run(text, blank(patterns))
    assert roles(result, "Reza Tehrani") == {("Foreign Minister", "IR")}
    assert roles(result, "Emre Yilmaz") == {("Foreign Minister", "TR")}


def test_no_title_no_role(blank):
    text = "Maya Sarkis watched the parade."
    result = run(text, blank([("PERSON", "Maya Sarkis")]))
    assert actor(result, "Maya Sarkis").roles == []


def test_a_capitalised_word_that_only_starts_the_sentence_is_not_part_of_the_title(nlp):
    result = run("Despite President Donald Trump's decision, the troops stayed.", nlp)
    titles = [r.title for a in result.actors if a.name == "Donald Trump" for r in a.roles]
    assert titles and all(not t.startswith("Despite") for t in titles)
