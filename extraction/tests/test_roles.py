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


def test_rank_word_stays_in_the_title(blank):
    text = "Lebanese deputy interior minister Karim Haddad arrived in Beirut."
    result = run(text, blank([("PERSON", "Karim Haddad")]))
    assert roles(result, "Karim Haddad") == {("Deputy Interior Minister", "LB")}


def test_plural_rank_title_gives_each_name_the_office(blank):
    text = "Talks included two Iraqi deputy foreign ministers, Adnan Salih and Faris Jamil."
    result = run(text, blank([("PERSON", "Adnan Salih"), ("PERSON", "Faris Jamil")]))
    assert roles(result, "Adnan Salih") == {("Deputy Foreign Minister", "IQ")}
    assert roles(result, "Faris Jamil") == {("Deputy Foreign Minister", "IQ")}


def test_deputy_commander_is_not_commander(blank):
    text = "The coalition sent its deputy commander Major General Tom Baker to Raqqa."
    result = run(text, blank([("PERSON", "Tom Baker")]))
    assert {t for t, _ in roles(result, "Tom Baker")} == {"Deputy Commander"}


def test_former_before_the_country_is_kept(blank):
    text = "Former Egyptian president Samir Lotfi and acting defence minister Omar Nabil spoke."
    result = run(text, blank([("PERSON", "Samir Lotfi"), ("PERSON", "Omar Nabil")]))
    assert roles(result, "Samir Lotfi") == {("Former President", "EG")}
    assert {t for t, _ in roles(result, "Omar Nabil")} == {"Acting Defense Minister"}


def test_hyphenated_rank_is_read(blank):
    text = "The ex-president Hugo Lamar and the vice-chairman Rolf Stein left early."
    result = run(text, blank([("PERSON", "Hugo Lamar"), ("PERSON", "Rolf Stein")]))
    assert {t for t, _ in roles(result, "Hugo Lamar")} == {"Former President"}
    assert {t for t, _ in roles(result, "Rolf Stein")} == {"Vice Chairman"}


def test_interim_president(blank):
    text = "Libyan interim President Salem Fathi visited Cairo."
    result = run(text, blank([("PERSON", "Salem Fathi")]))
    assert roles(result, "Salem Fathi") == {("Interim President", "LY")}


def test_apposition_with_country_possessive_and_rank(blank):
    text = "Emre Kaya, Turkey's deputy interior minister, said the road would open."
    result = run(text, blank([("PERSON", "Emre Kaya")]))
    assert roles(result, "Emre Kaya") == {("Deputy Interior Minister", "TR")}


def test_apposition_rank_after_a_country_qualifier(blank):
    text = "They met Anna Cole, the US deputy assistant secretary of state for the region."
    result = run(text, blank([("PERSON", "Anna Cole")]))
    assert roles(result, "Anna Cole") == {("Deputy Assistant Secretary of State", "US")}


def test_head_of_an_organization_before_the_name(blank):
    text = "The deputy head of the Syrian Negotiation Commission, Nadim Rashed, said it failed."
    result = run(text, blank([("PERSON", "Nadim Rashed")]))
    assert roles(result, "Nadim Rashed") == {("Deputy Head", "SY")}


def test_newly_appointed_apposition(blank):
    text = "The council named Walid Sabri, newly appointed prime minister of Lebanon, on Monday."
    result = run(text, blank([("PERSON", "Walid Sabri")]))
    assert roles(result, "Walid Sabri") == {("Prime Minister", "LB")}


def test_title_written_inside_the_name_binds_to_it(nlp):
    # The model reads "Crown Prince" as part of the name: the title is still his, not the
    # president's named next.
    text = "Saudi Crown Prince Mohammed bin Salman and President Joe Biden met in Jeddah."
    result = run(text, nlp)
    assert roles(result, "Mohammed bin Salman") == {("Crown Prince", "SA")}
    assert {t for t, _ in roles(result, "Joe Biden")} == {"President"}


def test_title_in_a_list_of_three_is_not_the_previous_name(blank):
    text = "Omar Sayed thanked Mark Doyle, the Crown Prince, and President Emre Kaya for the talks."
    patterns = [("PERSON", "Omar Sayed"), ("PERSON", "Mark Doyle"), ("PERSON", "Emre Kaya")]
    result = run(text, blank(patterns))
    assert roles(result, "Mark Doyle") == set()
    assert {t for t, _ in roles(result, "Emre Kaya")} == {"President"}


def test_spokesman_for_an_organization_after_the_name(blank):
    text = "Redwan Ali, the newly appointed spokesman for the Syrian Democratic Forces, denied it."
    result = run(text, blank([("PERSON", "Redwan Ali")]))
    assert roles(result, "Redwan Ali") == {("Spokesman", "SY")}


def test_rebel_spokesman_at_sentence_start_takes_the_story_country(blank):
    text = "Fighting went on in Syria. Rebel spokesman Munir Sabbagh said the town held."
    result = run(text, blank([("PERSON", "Munir Sabbagh"), ("GPE", "Syria")]))
    assert roles(result, "Munir Sabbagh") == {("Rebel Spokesman", "SY")}


def test_spokesman_for_the_rebels_takes_the_story_country(blank):
    text = "Shelling hit Syria. Adel Omran, a spokesman for the rebels' northern operations, spoke."
    result = run(text, blank([("PERSON", "Adel Omran"), ("GPE", "Syria")]))
    assert roles(result, "Adel Omran") == {("Spokesman", "SY")}


def test_co_chairs_of_a_committee(blank):
    text = "The session heard co-chairs Sami Farah and Hala Nasr on Wednesday."
    result = run(text, blank([("PERSON", "Sami Farah"), ("PERSON", "Hala Nasr")]))
    assert {t for t, _ in roles(result, "Sami Farah")} == {"Co-Chair"}
    assert {t for t, _ in roles(result, "Hala Nasr")} == {"Co-Chair"}


def test_ambassador_to_a_capital_is_held_for_the_sending_country(blank):
    text = "Qatari Ambassador to Damascus Khalid Thani told reporters the embassy would reopen."
    result = run(text, blank([("PERSON", "Khalid Thani")]))
    assert roles(result, "Khalid Thani") == {("Ambassador to Damascus", "QA")}


def test_ambassador_to_a_capital_without_sender_is_not_the_host(blank):
    text = "Khalid Thani, the ambassador to Damascus, told reporters the embassy would reopen."
    result = run(text, blank([("PERSON", "Khalid Thani")]))
    assert roles(result, "Khalid Thani") == {("Ambassador to Damascus", None)}


def test_commander_of_forces_in_a_country_before_the_name(blank):
    text = "They met the Commander of the Russian forces in Syria, General Pavel Orlov, today."
    result = run(text, blank([("PERSON", "Pavel Orlov")]))
    assert roles(result, "Pavel Orlov") == {("Commander", "RU")}


def test_governor_of_a_province(blank):
    text = "Nabil Haddad, the acting governor of Homs, said the road was open."
    result = run(text, blank([("PERSON", "Nabil Haddad"), ("GPE", "Homs")]))
    assert roles(result, "Nabil Haddad") == {("Acting Governor", "SY")}


def test_special_envoy_for_a_country_is_not_held_for_it(blank):
    text = "Karl Lund, the envoy for Syria, arrived in Geneva."
    result = run(text, blank([("PERSON", "Karl Lund"), ("GPE", "Syria")]))
    assert {c for _, c in roles(result, "Karl Lund")} == {None}


def test_bare_title_joins_the_fuller_one(blank):
    text = "Kurdistan Region President Aram Baban spoke. President Aram Baban then left."
    result = run(text, blank([("PERSON", "Aram Baban")]))
    assert {t for t, _ in roles(result, "Aram Baban")} == {"Kurdistan Region President"}


def test_dotted_acronym_and_reversed_title(blank):
    text = "U.N. Secretary-General Lars Holm spoke. The U.N. general secretary Lars Holm left."
    result = run(text, blank([("PERSON", "Lars Holm")]))
    assert {t for t, _ in roles(result, "Lars Holm")} == {"UN Secretary-General"}


def test_counterpart_of_a_secretary_of_state_is_a_foreign_minister(blank):
    text = "US Secretary of State Dan Price and his Egyptian counterpart Adel Fahmy met on Monday."
    result = run(text, blank([("PERSON", "Dan Price"), ("PERSON", "Adel Fahmy")]))
    assert roles(result, "Adel Fahmy") == {("Foreign Minister", "EG")}


def test_weekday_before_a_title_is_no_qualifier(blank):
    # Punctuation lost: "... early on Saturday YPG spokesman X told Reuters."
    text = "The town fell early on Saturday YPG spokesman Aras Kobani told reporters."
    result = run(text, blank([("PERSON", "Aras Kobani"), ("ORG", "YPG")]))
    assert {t for t, _ in roles(result, "Aras Kobani")} == {"YPG Spokesman"}


def test_armed_group_before_a_state_office_is_no_qualifier(blank):
    text = "The priority is to defeat Daesh Secretary of State Dan Price said on Sunday."
    result = run(text, blank([("PERSON", "Dan Price"), ("ORG", "Daesh")]))
    assert {t for t, _ in roles(result, "Dan Price")} == {"Secretary of State"}


def test_photo_credit_before_a_title_is_no_qualifier(blank):
    text = "REUTERS/Jane Roe Secretary of State Dan Price arrived in Geneva."
    result = run(text, blank([("PERSON", "Dan Price")]))
    assert {t for t, _ in roles(result, "Dan Price")} == {"Secretary of State"}


def test_possessive_without_apostrophe_gives_the_country(nlp):
    text = "Trump spoke alongside Jordans King Abdullah II in the garden on Monday."
    result = run(text, nlp)
    assert roles(result, "Abdullah II") == {("King", "JO")}


def test_unnamed_office_is_not_given_to_a_person_holding_another(blank):
    text = (
        "Russian spokesman Ivan Sokolov said the convoy burned. "
        "Later the Russian foreign minister said Moscow would help."
    )
    result = run(text, blank([("PERSON", "Ivan Sokolov")]))
    assert {t for t, _ in roles(result, "Ivan Sokolov")} == {"Spokesman"}


def test_organization_at_sentence_start_qualifies_the_title(blank):
    text = "United Nations deputy spokesman Omar Haddad said the agency was concerned."
    result = run(text, blank([("PERSON", "Omar Haddad"), ("ORG", "United Nations")]))
    assert {t for t, _ in roles(result, "Omar Haddad")} == {"United Nations Deputy Spokesman"}


def test_former_before_an_organization_comes_first(blank):
    text = "Former FSA deputy chief of staff Colonel Samir Idris said the group split."
    result = run(text, blank([("PERSON", "Samir Idris"), ("ORG", "FSA")]))
    assert {t for t, _ in roles(result, "Samir Idris")} == {"Former FSA Deputy Chief of Staff"}
