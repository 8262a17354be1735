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


# One real-world actor, one group --------------------------------------------------------------


def test_transliterations_and_typos_of_known_groups_are_one_group(blank):
    text = (
        "Fighters of Jaish al-Fateh took the hill. The Jeish al-Fath alliance and Jaysh al-Fateh "
        "units then met Hezballah commanders and a delegation of the Syrian Coalitions."
    )
    result = run(text, blank([("ORG", "Jaish al-Fateh"), ("ORG", "Syrian Coalitions")]))
    fatah = actor(result, "Jaish al-Fatah")
    assert sorted(fatah.aliases) == ["Jaish al-Fateh", "Jaysh al-Fateh", "Jeish al-Fath"]
    assert names(result) == ["Hezbollah", "Jaish al-Fatah", "Syrian National Coalition"]
    assert_spans_exact(text, result)


def test_unknown_organization_spellings_are_one_group(blank):
    text = "The Liwa al-Nour al-Mubeen Brigade advanced. Later Liwa Nur al-Mubin Brigades withdrew."
    nlp = blank([("ORG", "Liwa al-Nour al-Mubeen Brigade"), ("ORG", "Liwa Nur al-Mubin Brigades")])
    result = run(text, nlp)
    assert len(result.actors) == 1
    assert result.actors[0].aliases == ["Liwa Nur al-Mubin Brigades"]


def test_relative_with_the_known_persons_surname_is_another_person(blank):
    text = (
        "President Bashar al-Assad toured the port. Dr Ammar al-Assad, a deputy for Latakia, "
        "said the shelling went on. Donald Trump and his wife Melania Trump flew home."
    )
    nlp = blank([("PERSON", "Ammar al-Assad"), ("PERSON", "Melania Trump")])
    result = run(text, nlp)
    assert actor(result, "Bashar al-Assad").aliases == []
    assert actor(result, "Donald Trump").aliases == []
    assert actor(result, "Ammar al-Assad").aliases == []
    assert actor(result, "Melania Trump").aliases == []


def test_trailing_word_glued_to_a_known_person_is_cut(blank):
    text = "Forces loyal to Bashar al-Assad Airstrikes hit the town on Tuesday."
    result = run(text, blank([("PERSON", "Bashar al-Assad Airstrikes")]))
    assert actor(result, "Bashar al-Assad").mentions[0].text == "Bashar al-Assad"
    assert actor(result, "Bashar al-Assad").aliases == []


def test_surname_shared_by_two_persons_joins_neither(blank):
    text = "Rania Khoury and Walid Khoury both signed. Khoury said the deal would hold."
    nlp = blank([("PERSON", "Rania Khoury"), ("PERSON", "Walid Khoury"), ("PERSON", "Khoury")])
    result = run(text, nlp)
    assert names(result) == ["Rania Khoury", "Walid Khoury"]
    assert all(a.aliases == [] for a in result.actors)


def test_renamed_group_is_linked_not_merged(blank):
    text = "Jabhat Fateh al-Sham fighters, who fought as the Nusra Front until 2016, joined HTS."
    result = run(text, blank([]))
    jfs = actor(result, "Jabhat Fateh al-Sham")
    assert [(p.name, p.year, p.how) for p in jfs.predecessors] == [
        ("Jabhat al-Nusra", 2016, "renamed")
    ]
    assert names(result) == ["Hayat Tahrir al-Sham", "Jabhat Fateh al-Sham", "Jabhat al-Nusra"]
    assert actor(result, "Hayat Tahrir al-Sham").predecessors[0].how == "merged"


# Not actors ---------------------------------------------------------------------------------


def test_page_furniture_is_not_an_actor(blank):
    text = "Youtube Subscribe\nTags Aleppo Idlib\nShelling hit Aleppo on Monday."
    result = run(text, blank([("PERSON", "Youtube Subscribe"), ("PERSON", "Tags Aleppo")]))
    assert result.actors == []
    assert "Aleppo" in [p.name for p in result.places]


def test_possessive_glued_on_a_place_is_not_a_person(blank):
    text = "Syrias Aleppo was shelled again on Monday."
    result = run(text, blank([("PERSON", "Syrias Aleppo")]))
    assert result.actors == []
    assert sorted(p.name for p in result.places) == ["Aleppo", "Syria"]


def test_a_square_or_street_named_after_someone_is_not_that_person(blank):
    text = "Rebels fired on Hanano Square and on Faris Khoury Street near the old market."
    result = run(text, blank([("PERSON", "Hanano Square"), ("PERSON", "Faris Khoury Street")]))
    assert result.actors == []


def test_words_the_report_also_writes_in_lower_case_are_not_names(blank):
    # A sentence start and a headline capitalize words; the same words lower case elsewhere in
    # the report say they are words, not a name.
    text = (
        "Moscow Cautions Against Further Raids on Border Towns. Moscow cautions against "
        "raids, its envoy said. Mortars also struck the bakery, and mortars fell on the school."
    )
    tagged = [("PERSON", "Cautions Against"), ("ORG", "Mortars")]
    assert run(text, blank(tagged)).actors == []


def test_a_name_written_in_lower_case_nowhere_else_stays_and_acronyms_stay(blank):
    # "who" and "forum" as words do not unmake "WHO" or a person or group of other words.
    text = (
        "Doctors who treated the wounded called the WHO. Lina Haddad said more would come. "
        "The Relief Forum sent four trucks, and the forum said more would follow."
    )
    result = run(text, blank([("ORG", "WHO"), ("PERSON", "Lina Haddad"), ("ORG", "Relief Forum")]))
    assert names(result) == ["Lina Haddad", "Relief Forum", "WHO"]


def test_a_name_the_words_around_it_call_a_place_is_not_an_actor(blank):
    text = (
        "The army took villages including Hazzaniyah and Sifat. Jets struck Qarnabiyah west "
        "and south of Aleppo. Troops advanced on Ghazawiya, an area southwest of Damascus. "
        "The clinic served 9,000 people in Tarmaniyah and the surrounding villages. Rebels "
        "held the Mushrifa hill."
    )
    names_tagged = ["Hazzaniyah", "Qarnabiyah", "Ghazawiya", "Tarmaniyah", "Mushrifa"]
    result = run(text, blank([("PERSON", name) for name in names_tagged]))
    assert result.actors == []


def test_a_person_described_beside_a_place_word_stays_a_person(blank):
    text = (
        "Walid Haddad, a village elder in Hama, said the road was cut. Karim Aziz, the town's "
        "mayor, agreed."
    )
    result = run(text, blank([("PERSON", "Walid Haddad"), ("PERSON", "Karim Aziz")]))
    assert names(result, "person") == ["Karim Aziz", "Walid Haddad"]


def test_an_article_and_one_word_after_a_locative_is_a_place_not_an_organization(blank):
    text = (
        "Mortars fell on al-Qusaybah, and clashes raged between al-Hawra and al-Tarfawi. The "
        "channel al-Zaytouna said the strikes went on. Elders of the al-Bufaraj tribe met."
    )
    tagged = ["al-Qusaybah", "al-Hawra", "al-Tarfawi", "al-Zaytouna", "al-Bufaraj"]
    result = run(text, blank([("ORG", name) for name in tagged]))
    assert names(result) == ["al-Bufaraj", "al-Zaytouna"]


def test_a_person_with_no_given_name_of_article_words_is_a_place(blank):
    text = "Shells hit al-Qasr al-Baladi, and gunmen fired from al-Jisr al-Abyad on Monday."
    tagged = [("PERSON", "al-Qasr al-Baladi"), ("PERSON", "al-Jisr al-Abyad")]
    result = run(text, blank(tagged))
    assert result.actors == []
    # One place each, not its words: "al-Qasr" and "al-Baladi" are no places of their own.
    assert "al-Baladi" not in [p.name for p in result.places]


def test_areas_and_settlements_named_by_the_words_around_them_are_places(blank):
    text = (
        "Rebels seized the areas of Jaddua and Khasham. A bomb went off in the Sabil area of the "
        "city, and jets hit the settlements of Abu Hamra."
    )
    tagged = [("PERSON", "Jaddua"), ("ORG", "Sabil"), ("PERSON", "Abu Hamra")]
    assert run(text, blank(tagged)).actors == []


def test_a_title_case_headline_with_its_verb_is_not_a_name(blank):
    text = "Rebel Brigades Join Offensive; Syria Crucifies Nobody. The talks went on in Geneva."
    tagged = [("ORG", "Rebel Brigades Join"), ("ORG", "Syria Crucifies")]
    assert run(text, blank(tagged)).actors == []


def test_a_regional_heading_glued_to_army_units_is_no_army(blank):
    # A news agency's regional sections open "Daraa, Army units ...": the comma lost, the model
    # reads "Daraa Army"; a named army keeps its name.
    text = "Daraa Army units destroyed a depot. Hama/Idleb Units shelled it. The Free Syrian Army left."
    tagged = [("ORG", "Daraa Army"), ("ORG", "Hama/Idleb Units"), ("ORG", "Free Syrian Army")]
    assert names(run(text, blank(tagged))) == ["Free Syrian Army"]


def test_a_known_group_that_is_a_towns_possessive_before_its_countryside_is_the_town(nlp):
    # "Hamas countryside" is Hama's with the apostrophe lost; "Hamas denied" is the group.
    text = (
        "Army units shelled hideouts in Kafr Zita in Hamas countryside on Monday. Hamas denied "
        "any role in the fighting."
    )
    result = run(text, nlp)
    assert [a.name for a in result.actors] == ["Hamas"]
    assert len(actor(result, "Hamas").mentions) == 1
    assert "Hama" in [p.name for p in result.places]


def test_a_name_ending_in_the_arabic_word_for_a_side_is_a_place(blank):
    text = "Jets struck Qasr Fawqani at dawn, and shells fell on Jubb Ali al-Sharqiya."
    tagged = [("PERSON", "Qasr Fawqani"), ("PERSON", "Jubb Ali al-Sharqiya")]
    assert run(text, blank(tagged)).actors == []


def test_platforms_bare_common_nouns_and_plants_are_not_actors(blank):
    text = (
        "Terrorists fired shells on the town, a resident told reporters via Skype. Rebels "
        "attacked Mhardeh Power Plant."
    )
    tagged = [("ORG", "Terrorists"), ("ORG", "Skype"), ("ORG", "Mhardeh Power Plant")]
    assert run(text, blank(tagged)).actors == []


def test_a_handle_or_words_run_together_are_not_a_name_and_mc_names_stay(blank):
    text = "The analyst RamiZayed wrote on DailyLevant that John McCain and Ian MacGregor met."
    tagged = [("PERSON", "RamiZayed"), ("ORG", "DailyLevant"), ("PERSON", "John McCain")]
    tagged.append(("PERSON", "Ian MacGregor"))
    assert names(run(text, blank(tagged))) == ["Ian MacGregor", "John McCain"]


def test_a_school_or_prison_where_something_happened_is_a_site_and_one_that_acts_stays(blank):
    text = (
        "A car bomb went off in front of the Omari School, and shells fell near Halab Central "
        "Prison. The Ansar School said classes would resume."
    )
    tagged = [("ORG", "Omari School"), ("ORG", "Halab Central Prison"), ("ORG", "Ansar School")]
    result = run(text, blank(tagged))
    assert names(result) == ["Ansar School"]
    sites = [p.name for p in result.places]
    assert "Omari School" in sites and "Halab Central Prison" in sites


def test_a_make_of_weapon_is_not_its_user(blank):
    text = "Six Tupolev bombers and Grad rockets hit Raqqa. Hezbollah fighters held the hill."
    tagged = [("ORG", "Tupolev"), ("PERSON", "Grad"), ("ORG", "Hezbollah")]
    assert names(run(text, blank(tagged))) == ["Hezbollah"]


def test_a_name_ending_in_a_kind_of_place_is_a_place(blank):
    text = (
        "Gunmen fired from the northern side of al-Raml Camp in Daraa al-Balad on Monday, and "
        "jets struck Tishreen Dam and al-Sabkha Bridge."
    )
    tagged = [("ORG", "al-Raml Camp"), ("ORG", "Tishreen Dam"), ("PERSON", "al-Sabkha Bridge")]
    result = run(text, blank(tagged))
    assert result.actors == []
    assert "al-Raml Camp" in [p.name for p in result.places]


def test_adjectives_are_not_actors(blank):
    text = "Takfiri militants shelled the Eastern suburbs."
    result = run(text, blank([("ORG", "Takfiri"), ("ORG", "Eastern")]))
    assert result.actors == []


def test_place_shaped_names_are_not_persons(blank):
    text = "Rebels advanced from Dahiyet al-Assad towards Kafr Hamra and Deir Hafer."
    nlp = blank([("PERSON", "Dahiyet al-Assad"), ("PERSON", "Kafr Hamra"), ("ORG", "Deir Hafer")])
    result = run(text, nlp)
    assert result.actors == []


def test_article_and_one_word_unnamed_by_anyone_is_not_a_person(blank):
    text = "Shelling hit al-Sheitaat on Monday. Abdullah al-Jabouri said al-Jabouri lost a son."
    nlp = blank(
        [("PERSON", "al-Sheitaat"), ("PERSON", "Abdullah al-Jabouri"), ("PERSON", "al-Jabouri")]
    )
    result = run(text, nlp)
    assert names(result) == ["Abdullah al-Jabouri"]
    assert actor(result, "Abdullah al-Jabouri").aliases == ["al-Jabouri"]


def test_syrian_place_the_gazetteer_knows_is_not_an_actor(blank):
    text = "Government forces shelled Qardaha and Saraqib overnight."
    result = run(text, blank([("PERSON", "Qardaha"), ("ORG", "Saraqib")]))
    assert result.actors == []
    assert sorted(p.name for p in result.places) == ["Qardaha", "Saraqib"]


def test_middle_initial_after_the_known_given_name_is_the_known_person(blank):
    text = "Foreign Minister Sergey V. Lavrov arrived in Geneva."
    result = run(text, blank([("PERSON", "Sergey V. Lavrov")]))
    assert names(result, "person") == ["Sergei Lavrov"]


def test_two_place_names_are_not_a_person(blank):
    text = "Shelling hit Aleppo Hama road towns. Aleppo Syrias north was calm."
    result = run(text, blank([("PERSON", "Aleppo Hama"), ("PERSON", "Aleppo Syrias")]))
    assert result.actors == []


def test_a_word_glued_before_a_known_full_name_is_dropped(blank):
    text = "Are Donald Trumps plans working? Analysts doubt it."
    result = run(text, blank([("PERSON", "Are Donald Trumps")]))
    assert names(result) == ["Donald Trump"]


def test_a_name_after_town_of_is_a_place_not_an_actor(blank):
    text = "Rockets hit the town of Tell Sabeen east of the city on Monday, injuring two people."
    result = run(text, blank([("PERSON", "Tell Sabeen")]))
    assert names(result) == []
    assert [p.name for p in result.places if p.name == "Tell Sabeen"] == ["Tell Sabeen"]


def test_a_name_before_neighbourhood_is_a_place_not_an_actor(blank):
    text = "Fighters attacked the Wardiyeh neighbourhood overnight."
    result = run(text, blank([("ORG", "Wardiyeh")]))
    assert names(result) == []


def test_a_witness_known_by_a_given_name_alone_is_not_an_actor(blank):
    text = (
        "A witness named Salwa said the blast shook the street. "
        "Salwa said she ran home. Officials led by Karim Haddad said nothing."
    )
    result = run(text, blank([("PERSON", "Salwa"), ("PERSON", "Karim Haddad")]))
    assert names(result) == ["Karim Haddad"]


def test_a_given_name_with_an_age_is_a_private_person(blank):
    text = "We want to go home, said Rima, 52, who fled the fighting."
    assert names(run(text, blank([("PERSON", "Rima")]))) == []


def test_a_headline_run_into_its_credit_line_is_no_person(blank):
    text = "Shells kill five in Aleppo Monitor AFP. Five people were killed on Monday."
    assert names(run(text, blank([("PERSON", "Aleppo Monitor")])), "person") == []


def test_a_group_the_model_took_for_a_person_is_a_group(blank):
    text = "Fighters of the Al-Tawhid Army shelled the base on Monday."
    result = run(text, blank([("PERSON", "Al-Tawhid Army")]))
    assert names(result, "armed_group") == ["Al-Tawhid Army"]


def test_a_known_outlet_the_model_took_for_a_person_is_the_organization(blank):
    text = "The group claimed the bombing through Aamaq on Monday."
    result = run(text, blank([("PERSON", "Aamaq")]))
    assert [(a.name, a.kind) for a in result.actors] == [("Amaq News Agency", "organization")]


def test_an_organization_tagged_with_its_lowercase_article_is_found(blank):
    text = "The SDF announced the creation of the Raqqa Civil Council in April."
    result = run(text, blank([("ORG", "the Raqqa Civil Council")]))
    assert ("Raqqa Civil Council", "organization") in [(a.name, a.kind) for a in result.actors]


def test_an_event_named_after_a_place_is_that_place_not_an_actor(blank):
    text = "Residents of the town still mourn the Ghouta Massacre of August."
    result = run(text, blank([("ORG", "the Ghouta Massacre")]))
    assert result.actors == []
    assert [p.name for p in result.places] == ["Eastern Ghouta"]


def test_place_nouns_and_demonyms_before_a_place_describe_that_place(blank):
    text = "A blast shook the Syrian Capital Damascus on Saturday evening."
    result = run(text, blank([("ORG", "the Syrian Capital Damascus")]))
    assert result.actors == []
    assert "Damascus" in [p.name for p in result.places]


def test_buildings_treaties_and_routes_are_not_actors(blank):
    text = (
        "The wounded reached the Zahi Azraq Hospital. Traffic on the Beirut-Damascus road "
        "stopped. Syria joined the Chemical Weapons Convention in 2013."
    )
    tagged = [("ORG", "Zahi Azraq Hospital"), ("ORG", "Beirut-Damascus")]
    result = run(text, blank([*tagged, ("ORG", "the Chemical Weapons Convention")]))
    assert result.actors == []


def test_a_defence_service_the_model_took_for_a_person_is_an_organization(blank):
    text = "The Civil Defence said three people were pulled from the rubble."
    result = run(text, blank([("PERSON", "The Civil Defence")]))
    assert [(a.name, a.kind) for a in result.actors] == [("Civil Defence", "organization")]


def test_given_names_with_an_age_are_private_people_whatever_the_model_says(blank):
    text = (
        "Noha and Samira were besieged for two years. We hope to go back said Noha 45 asking "
        "not to be identified. Like Noha Samira was relieved to have escaped."
    )
    tagged = [("ORG", "Noha"), ("PERSON", "Samira"), ("PERSON", "Noha Samira")]
    result = run(text, blank(tagged))
    assert "Noha" not in names(result) and "Noha Samira" not in names(result)


def test_a_given_name_with_a_written_out_age_is_a_private_person(blank):
    text = "We cannot sleep says Samira a 48-year-old teacher who lives near the market."
    assert names(run(text, blank([("PERSON", "Samira")]))) == []


def test_a_suburb_named_after_a_known_person_is_not_that_person(blank):
    text = "Rockets hit the al-Assad suburb of Aleppo on Tuesday."
    assert "Bashar al-Assad" not in names(run(text, blank([])))
    assert "Bashar al-Assad" not in names(run(text, blank([("PERSON", "al-Assad")])))
    result = run("The Assad camp rejected the plan on Tuesday.", blank([]))
    assert "Bashar al-Assad" in names(result)


def test_known_places_run_together_are_places_not_a_person(blank):
    text = "Shells fell in al-Hamadaniyeh al-Ramouseh and new Aleppo on Tuesday."
    result = run(text, blank([("PERSON", "al-Hamadaniyeh al-Ramouseh")]))
    assert result.actors == []
    assert {"al-Hamdaniyah", "Ramouseh"} <= {p.name for p in result.places}


def test_a_military_operation_is_not_an_actor(blank):
    text = (
        "The SDF launched the Wrath of Euphrates operation in November. It advanced as part of "
        "operation Wrath of Euphrates."
    )
    result = run(text, blank([("ORG", "the Wrath of Euphrates"), ("ORG", "Wrath of Euphrates")]))
    assert "Wrath of Euphrates" not in names(result)


def test_a_chamber_or_a_command_without_its_country_or_city_is_no_actor(blank):
    text = "The House could vote on the bill. A source at the Police Command told SANA."
    result = run(text, blank([("ORG", "The House"), ("ORG", "the Police Command")]))
    assert result.actors == []


def test_a_witness_quoted_by_his_kunya_alone_is_not_an_actor(blank):
    text = (
        "The market burned all night, said Abu Khalil, a baker in the old quarter. "
        "Resident Abu Samir said the shelling began at dawn. Officials led by Karim Haddad "
        "said nothing."
    )
    nlp = blank([("PERSON", "Abu Khalil"), ("PERSON", "Abu Samir"), ("PERSON", "Karim Haddad")])
    assert names(run(text, nlp)) == ["Karim Haddad"]


def test_the_name_after_an_anonymous_kunya_is_him_again(blank):
    text = (
        "A nurse who goes by the name Abu al-Nour said twelve were brought in. "
        "Al-Nour said the clinic had no fuel."
    )
    nlp = blank([("PERSON", "Abu al-Nour"), ("PERSON", "Al-Nour")])
    assert names(run(text, nlp)) == []


def test_a_kunya_with_a_part_in_the_war_is_an_actor(blank):
    text = (
        "Rebel commander Abu Hatem said the road was open. Later Abu Rayan, the emir of the "
        "brigade, was killed, and so was Abu Fares, a senior militant leader."
    )
    nlp = blank([("PERSON", "Abu Hatem"), ("PERSON", "Abu Rayan"), ("PERSON", "Abu Fares")])
    assert names(run(text, nlp)) == ["Abu Fares", "Abu Hatem", "Abu Rayan"]


def test_a_kunya_given_once_with_a_part_keeps_every_mention(blank):
    text = "Abu Hatem, a field commander, was wounded. Abu Hatem said he would return."
    nlp = blank([("PERSON", "Abu Hatem"), ("PERSON", "Abu Hatem")])
    found = actor(run(text, nlp), "Abu Hatem")
    assert len(found.mentions) == 2


def test_a_kunya_in_brackets_after_the_full_name_is_no_second_person(blank):
    text = "Activists reported the death of Nabil Qassem (Abu Fadi) in an ambush near the town."
    nlp = blank([("PERSON", "Nabil Qassem"), ("PERSON", "Abu Fadi")])
    assert names(run(text, nlp)) == ["Nabil Qassem"]


def test_a_full_name_that_starts_with_abu_is_not_a_bare_kunya(blank):
    text = "The statement was signed by Abu Bakr al-Saidi, who said little else."
    nlp = blank([("PERSON", "Abu Bakr al-Saidi")])
    assert names(run(text, nlp)) == ["Abu Bakr al-Saidi"]


def test_a_route_between_two_places_is_no_actor_and_a_named_road_group_stays(blank):
    text = (
        "Troops ambushed fighters on the Marwa-Tell Hadid road, and jets hit the Kassab-Jaber "
        "axis. Ahrar al-Sham blocked the road."
    )
    tagged = [("ORG", "Marwa-Tell Hadid"), ("ORG", "Kassab-Jaber"), ("ORG", "Ahrar al-Sham")]
    assert names(run(text, blank(tagged))) == ["Ahrar al-Sham"]


def test_a_compass_word_is_no_name_and_one_glued_to_a_village_is_left_out_of_it(blank):
    text = (
        "Fighting raged in the Southeastern parts of the town and in Tell Sabaa Northwest of "
        "Hama. The Northern Storm brigade left."
    )
    tagged = [("ORG", "Southeastern"), ("ORG", "Tell Sabaa Northwest"), ("ORG", "Northern Storm")]
    result = run(text, blank(tagged))
    assert names(result) == ["Northern Storm"]
    assert "Tell Sabaa" in [p.name for p in result.places]


def test_headline_words_around_places_are_no_names(blank):
    text = (
        "Gunmen Flee Homs Disguised as Farmers. Seizing Tadmur would open the road, officials "
        "said. UPDATED Rebels shell the town. Twelve Dead Scores Wounded in Blast. (Photos Heavy "
        "smoke rose over the city.) Army Hits Militants in Various Provinces. The Syrian Red "
        "Crescent sent aid."
    )
    tagged = [
        ("ORG", "Flee Homs Disguised"),
        ("ORG", "Seizing Tadmur"),
        ("ORG", "UPDATED Rebels"),
        ("ORG", "Dead Scores Wounded"),
        ("ORG", "Photos Heavy"),
        ("ORG", "Various Provinces"),
        ("ORG", "Syrian Red Crescent"),
    ]
    assert names(run(text, blank(tagged))) == ["Syrian Arab Red Crescent"]  # its known name


def test_headline_verbs_after_a_subject_are_no_names(blank):
    text = (
        "Shelling Targets Civilians in Daraa. Rescuers Killed in Raid. Troops Carry Out Raids. "
        "Offensive on the Valley Failed. Army Advances in the Valley."
    )
    tagged = [
        ("ORG", "Shelling Targets Civilians"),
        ("PERSON", "Rescuers Killed"),
        ("ORG", "Troops Carry"),
        ("ORG", "Offensive on the Valley Failed"),
        ("ORG", "Army Advances"),
    ]
    assert names(run(text, blank(tagged))) == []


def test_a_datelines_day_and_month_are_no_name(blank):
    text = "Fri Sep 27 2013 A bomb went off. Sun Feb 1 2015 Theresa May spoke in London."
    tagged = [("PERSON", "Fri Sep"), ("ORG", "Sun Feb"), ("PERSON", "Theresa May")]
    assert names(run(text, blank(tagged))) == ["Theresa May"]


def test_words_glued_to_a_persons_name_are_left_out(blank):
    # A headline's verb after the name (the report also writes it in lower case), a demonym
    # after it, and a city before it once the comma after the city was lost.
    text = (
        "Karim Daoud Launched in Paris. The group was launched last year. Rami Saleh Russians "
        "fled. Shells fell on a market in Homs Walid Abu Omar told reporters. Shells also hit "
        "Homs. Susan Rice was in Homs."
    )
    tagged = [
        ("PERSON", "Karim Daoud Launched"),
        ("PERSON", "Rami Saleh Russians"),
        ("PERSON", "Homs Walid Abu Omar"),
        ("PERSON", "Susan Rice"),
    ]
    result = run(text, nlp_with_homs(blank, tagged))
    assert names(result) == ["Karim Daoud", "Rami Saleh", "Susan Rice", "Walid Abu Omar"]


def nlp_with_homs(blank, tagged):
    return blank([*tagged, ("GPE", "Homs")])


def test_more_arabic_words_that_open_place_names_make_places(blank):
    text = "Jets hit Kefr Nabbouda, Kherbet Hajam and Nazlet al-Rdeisat near Burj Qaei."
    tagged = [
        ("PERSON", "Kefr Nabbouda"),
        ("PERSON", "Kherbet Hajam"),
        ("PERSON", "Nazlet al-Rdeisat"),
        ("PERSON", "Burj Qaei"),
    ]
    result = run(text, blank(tagged))
    assert result.actors == []
    assert "Kafr Nabudah" in {p.name for p in result.places}  # the gazetteer's spelling


def test_a_name_ending_in_district_suburb_or_mountain_is_a_place(blank):
    text = "Shells fell on Waer District and the Harasta Suburb, and on Shaar Mountain."
    tagged = [("PERSON", "Waer District"), ("PERSON", "Harasta Suburb"), ("ORG", "Shaar Mountain")]
    assert run(text, blank(tagged)).actors == []


def test_a_name_before_a_mosque_or_an_oilfield_is_the_site(blank):
    text = (
        "A shell hit the Omar Bin Khattab mosque, and jets struck the Shaer oilfields. Omar "
        "Hamdan said the Hamdan hospital was full."
    )
    tagged = [
        ("PERSON", "Omar Bin Khattab"),
        ("ORG", "Shaer"),
        ("PERSON", "Omar Hamdan"),
        ("ORG", "Hamdan"),
    ]
    assert names(run(text, blank(tagged))) == ["Omar Hamdan"]


def test_a_name_listed_with_towns_after_a_locative_word_is_a_place(blank):
    # Before or after a known town, joined by "and" or a comma; a given name, a speaker or a
    # list that no locative word opens keeps the person.
    text = (
        "Two men were wounded in Saraqib and Dweirina. Mortars fell near Tal Dahab, Saraqib and "
        "Kafr Hamra. Shells hit Mreiqab and Saraqib on Monday. Aid reached Saraqib and Walid "
        "Khoury. Talks in Saraqib and Nabil Raslan said no more. Saraqib and Hanna Dweik spoke."
    )
    tagged = [
        ("PERSON", "Dweirina"),
        ("PERSON", "Tal Dahab"),
        ("ORG", "Kafr Hamra"),
        ("PERSON", "Mreiqab"),
        ("PERSON", "Walid Khoury"),
        ("PERSON", "Nabil Raslan"),
        ("PERSON", "Hanna Dweik"),
        ("GPE", "Saraqib"),
    ]
    result = run(text, blank(tagged))
    assert names(result) == ["Hanna Dweik", "Nabil Raslan", "Walid Khoury"]
    assert {"Dweirina", "Kafr Hamra", "Mreiqab"} <= {p.name for p in result.places}


def test_a_name_before_an_airport_or_a_bridge_or_after_parts_of_is_a_place(blank):
    text = (
        "Rebels besieged the Qarqour military airport. A car bomb went off on the Fadwa bridge. "
        "Troops shelled the western parts of Tamanina."
    )
    tagged = [("PERSON", "Qarqour"), ("PERSON", "Fadwa"), ("PERSON", "Tamanina")]
    assert run(text, blank(tagged)).actors == []


def test_a_place_glued_before_a_persons_name_is_left_out(blank):
    # A country or a big city before two words or more, a town written with its article before
    # a given name; never a patronymic ("bin") nor a given name as the first word.
    text = (
        "The envoy for Syria Karim Haddad said he spoke. My house is in al-Foua Mehdi Tahhan said. "
        "The chief of al-Bab bin Rashed Brigade was killed. Aid for Hassan Daher Omar came."
    )
    tagged = [
        ("ORG", "Syria Karim Haddad"),
        ("ORG", "al-Foua Mehdi Tahhan"),
        ("PERSON", "al-Bab bin Rashed"),
        ("PERSON", "Hassan Daher Omar"),
    ]
    found = names(run(text, blank(tagged)), "person")
    assert "Karim Haddad" in found and "Mehdi Tahhan" in found
    assert "Hassan Daher Omar" in found
    assert not any(n.startswith(("Syria", "al-Foua")) for n in found)


def test_an_owner_whose_apostrophe_was_lost_is_the_actor_it_names(blank):
    # "Haddads" after Karim Haddad, "Relief Councils" after the Relief Council, "the EUs" of the
    # known European Union; a known name whose "s" is its own (Hamas) stays itself.
    text = (
        "Karim Haddad arrived on Monday. Haddads aides left early. The Relief Council met and "
        "Relief Councils staff were sent home. The EUs envoy spoke. Samir Hama met Hamas "
        "officials."
    )
    tagged = [
        ("PERSON", "Karim Haddad"),
        ("ORG", "Haddads"),
        ("ORG", "Relief Council"),
        ("ORG", "Relief Councils"),
        ("ORG", "EUs"),
        ("PERSON", "Samir Hama"),
        ("ORG", "Hamas"),
    ]
    result = run(text, blank(tagged))
    expected = ["European Union", "Hamas", "Karim Haddad", "Relief Council", "Samir Hama"]
    assert names(result) == expected
    assert "Haddad" in actor(result, "Karim Haddad").aliases
    assert_spans_exact(text, result)


def test_a_time_zone_a_count_or_a_weapon_glued_to_a_name_is_no_actor(blank):
    text = (
        "Last Update: Friday 4 May 2018 KSA 11:13 - GMT 08:13. Shells fell in Saraqib Two "
        "citizens were hurt. Over Homs Air strikes went on, and a Homs Car bomb killed four. "
        "They had gathered for the Iftar meal. Ruled by Karim Two, the clan waited."
    )
    tagged = [
        ("ORG", "KSA"),
        ("ORG", "Saraqib Two"),
        ("ORG", "Homs Air"),
        ("ORG", "Homs Car"),
        ("ORG", "Iftar"),
        ("PERSON", "Karim Two"),
    ]
    result = run(text, blank(tagged))
    assert names(result) == ["Karim Two"]
    assert {"Saraqib", "Homs"} <= {p.name for p in result.places}


def test_a_title_that_opens_a_village_name_after_a_place_noun_is_the_village(blank):
    text = (
        "Jets hit the village of Sheikh Dawud near Saraqib. A man died in Sheikh Dawud. Sheikh "
        "Dawud Halabi, a cleric, condemned the raid."
    )
    tagged = [("PERSON", "Sheikh Dawud"), ("PERSON", "Sheikh Dawud Halabi"), ("GPE", "Saraqib")]
    result = run(text, blank(tagged))
    assert names(result) == ["Dawud Halabi"]
    assert "Sheikh Dawud" in {p.name for p in result.places}


def test_a_name_cut_inside_a_bracket_or_after_an_ampersand_ends_before_it(blank):
    text = "The Relief Board (RB said aid came. The Water Cluster & its partners helped."
    tagged = [("ORG", "Relief Board (RB"), ("ORG", "Water Cluster &")]
    result = run(text, blank(tagged))
    assert names(result) == ["Relief Board", "Water Cluster"]
    assert_spans_exact(text, result)


def test_a_name_opening_with_an_arabic_word_for_a_force_is_an_armed_group(blank):
    text = "Jaysh al-Karama and Alwiyat al-Nour shelled the road. Jabhat al-Wadi denied it."
    tagged = [
        ("PERSON", "Jaysh al-Karama"),
        ("ORG", "Alwiyat al-Nour"),
        ("PERSON", "Jabhat al-Wadi"),
    ]
    result = run(text, blank(tagged))
    assert {a.name: a.kind for a in result.actors} == {
        "Jaysh al-Karama": "armed_group",
        "Alwiyat al-Nour": "armed_group",
        "Jabhat al-Wadi": "armed_group",
    }


def test_farms_a_corridor_a_spaced_article_and_a_compass_word_make_places(blank):
    text = (
        "Troops took the Dahab Farms and the Karaj al-Rih corridor. Rebels held the district of "
        "Al Zuhour. The offensive in Western Raqqa went on."
    )
    tagged = [
        ("PERSON", "Dahab"),
        ("PERSON", "Karaj al-Rih"),
        ("PERSON", "Zuhour"),
        ("ORG", "Western Raqqa"),
    ]
    result = run(text, blank(tagged))
    assert result.actors == []
    assert {"Dahab", "Karaj al-Rih", "al-Zuhur"} <= {p.name for p in result.places}
    assert any(p.admin1 == "Raqqa" for p in result.places)
