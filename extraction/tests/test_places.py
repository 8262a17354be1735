import pytest

from extraction.gazetteer import get_gazetteer
from extraction.output import extraction_json
from extraction.tests.conftest import assert_spans_exact, place, run


def test_city_is_geocoded(blank):
    result = run("Aid reached Aleppo.", blank([("GPE", "Aleppo")]))
    aleppo = place(result, "Aleppo")
    assert aleppo.country == "SY" and aleppo.kind == "city"
    assert aleppo.lat == pytest.approx(36.2, abs=0.2) and aleppo.lon == pytest.approx(
        37.16, abs=0.2
    )
    assert aleppo.geonames_id == 170063


def test_country_by_name_and_short_form(blank):
    result = run("Syria and the US disagree. The U.S. said so.", blank([]))
    keys = {p.key for p in result.places}
    assert {"cc:SY", "cc:US"} <= keys
    assert place(result, "United States").kind == "country"


def test_place_missed_by_the_model_is_found(blank):
    result = run("Troops entered Manbij and Jarabulus.", blank([]))
    assert {"Manbij", "Jarabulus"} <= {p.name for p in result.places}


def test_variant_spelling_is_an_alias(blank):
    result = run("Fighting in Kobane ended.", blank([]))
    kobani = [p for p in result.places if "Kobane" in p.aliases]
    assert len(kobani) == 1 and kobani[0].country == "SY"


def test_syrian_namesake_wins_in_a_syria_story(blank):
    result = run("Shells fell on Damascus, Syria.", blank([("GPE", "Damascus")]))
    assert place(result, "Damascus").country == "SY"


def test_big_namesake_abroad_stays_itself(blank):
    text = "Ministers met in Moscow. The United States and Syria were not invited."
    result = run(text, blank([("GPE", "Moscow")]))
    assert place(result, "Moscow").country == "RU"


def test_quarter_of_a_country(blank):
    text = "Patrols continued in northeast Syria."
    result = run(text, blank([]))
    area = [p for p in result.places if p.key == "area:northeast:SY"]
    assert len(area) == 1 and area[0].kind == "region" and area[0].aliases == ["northeast Syria"]


def test_two_letter_words_are_not_countries(blank):
    result = run("In It At By the river.", blank([]))
    assert result.places == []


def test_one_place_per_entry(blank):
    text = "Homs was quiet. Later Homs was shelled."
    result = run(text, blank([("GPE", "Homs")]))
    homs = place(result, "Homs")
    assert len(homs.mentions) == 2
    assert_spans_exact(text, result)


def test_capital_parents_end_at_country(blank):
    result = run("Talks opened in Ankara.", blank([("GPE", "Ankara")]))
    ankara = place(result, "Ankara")
    assert ankara.country == "TR"
    if ankara.parents:
        assert ankara.parents[-1].kind == "country"


def test_real_model_places(nlp):
    text = "Rebels shelled Idlib and Hama while Turkish troops waited near Afrin."
    result = run(text, nlp)
    assert {"Idlib", "Hama", "Afrin"} <= {p.name for p in result.places}
    assert all(p.country == "SY" for p in result.places if p.name in {"Idlib", "Hama", "Afrin"})


def test_region_of_country_keeps_the_country(blank):
    result = run("Officials gathered in the Kurdistan Region of Iraq.", blank([]))
    assert {"cc:IQ"} <= {p.key for p in result.places}
    assert any(p.kind == "region" and p.country == "IQ" for p in result.places)


def test_unknown_place_needs_a_cue_or_a_second_mention(blank):
    text = "Stand with us, the banner read. Fighting reached Tal Zafran village."
    result = run(text, blank([("GPE", "Stand"), ("GPE", "Tal Zafran")]))
    assert [p.name for p in result.places] == ["Tal Zafran"]


def test_possessive_without_apostrophe(blank):
    text = "Syrias army advanced in Aleppos eastern districts."
    result = run(text, blank([]))
    assert {"Syria", "Aleppo"} <= {p.name for p in result.places}
    assert_spans_exact(text, result)


def test_arabic_article_place_tagged_as_person(blank):
    result = run("Shelling hit al-Bab overnight.", blank([("PERSON", "al-Bab")]))
    assert result.actors == [] and [p.country for p in result.places] == ["SY"]


# --- names with something glued on, and names of events -----------------------------------


@pytest.mark.parametrize(
    ("text", "tagged"),
    [
        ("Clashes broke out at dawn in Clashes.", ["Clashes"]),
        ("A Barrel Bomb Attack hit the market. The Barrel Bomb Attack killed four.", None),
        ("Witnesses said Airstrikes resumed near the town of Airstrikes.", ["Airstrikes"]),
        ("Residents fled to the West after the raid.", ["West"]),
    ],
)
def test_event_nouns_and_bare_directions_are_not_places(blank, text, tagged):
    labels = [("FAC", "Barrel Bomb Attack")] if tagged is None else [("GPE", t) for t in tagged]
    result = run(text, blank(labels))
    assert [p.name for p in result.places] == []


def test_place_named_with_an_event_after_it_is_the_place(blank):
    text = "Hama Blasts: two car bombs went off in the city centre."
    result = run(text, blank([("GPE", "Hama Blasts")]))
    assert [p.name for p in result.places] == ["Hama"]
    assert_spans_exact(text, result)


def test_possessive_glued_onto_a_place_is_the_place_after_it(blank):
    text = "Shells fell on Syrias Idlib again, and Iraqs Mosul was calm."
    result = run(text, blank([("GPE", "Syrias Idlib"), ("GPE", "Iraqs Mosul")]))
    names = {p.name for p in result.places}
    assert {"Idlib", "Mosul"} <= names
    assert not any("Syrias" in p.name or "Iraqs" in p.name for p in result.places)
    assert place(result, "Idlib").country == "SY" and place(result, "Mosul").country == "IQ"
    assert_spans_exact(text, result)


def test_city_followed_by_its_country_is_the_city(blank):
    text = "The delegations arrived in Astana Kazakhstan on Monday."
    result = run(text, blank([("GPE", "Astana Kazakhstan")]))
    astana = place(result, "Astana")
    assert astana.country == "KZ" and astana.lat is not None
    assert "Astana Kazakhstan" not in {p.name for p in result.places}
    assert {"cc:KZ"} <= {p.key for p in result.places}


@pytest.mark.parametrize(
    ("written", "name"),
    [("Eastern Homs", "Homs"), ("northern Aleppo", "Aleppo"), ("Southwestern Hama", "Hama")],
)
def test_direction_before_a_place_is_that_place(blank, written, name):
    text = f"Government troops advanced in {written} on Sunday."
    result = run(text, blank([("GPE", written)]))
    assert [p.name for p in result.places] == [name]
    assert place(result, name).mentions[0].text == name


def test_direction_before_a_country_is_its_quarter(blank):
    text = "Refugees crossed into south Turkey overnight."
    result = run(text, blank([("GPE", "south Turkey")]))
    keys = {p.key for p in result.places}
    assert "area:south:TR" in keys and "text:south turkey" not in keys


def test_misspelled_syrian_city_joins_it(blank):
    text = "Shells hit Deir Ezour. Later Deir ez-Zor was calm."
    result = run(text, blank([("GPE", "Deir Ezour"), ("GPE", "Deir ez-Zor")]))
    deir = place(result, "Deir ez-Zor")
    assert deir.key == "gn:170794" and "Deir Ezour" in deir.aliases
    assert len(result.places) == 1


def test_villages_tagged_as_persons_are_places(blank):
    text = "Buses left Kefraya and al-Fu'ah for Aleppo, and Khan Touman fell."
    labels = [("PERSON", "Kefraya"), ("ORG", "al-Fu'ah"), ("PERSON", "Khan Touman")]
    result = run(text, blank(labels))
    assert result.actors == []
    assert {"Kafraya", "Fuaa", "Khan Touman", "Aleppo"} <= {p.name for p in result.places}


def test_places_carry_their_governorate(blank):
    text = "Troops entered Khan Sheikhoun, then Handarat, then Gaziantep and Moscow."
    result = run(text, blank([("GPE", "Moscow")]))
    assert place(result, "Khan Sheikhoun").admin1 == "Idlib"
    assert place(result, "Handarat").admin1 == "Aleppo"
    assert place(result, "Gaziantep").admin1 == "Gaziantep"
    assert place(result, "Moscow").admin1 is None


def test_possessive_of_a_two_word_place_without_apostrophe(blank):
    text = "Residents of Deir Ezzors eastern districts fled."
    result = run(text, blank([("GPE", "Deir Ezzors")]))
    assert [p.name for p in result.places] == ["Deir ez-Zor"]
    assert_spans_exact(text, result)


def test_quarters_of_neighbouring_countries_are_on_the_map(blank):
    text = "Refugees crossed into south Turkey, and strikes hit north Iraq."
    result = run(text, blank([("GPE", "south Turkey"), ("GPE", "north Iraq")]))
    turkey, iraq = result.place("area:south:TR"), result.place("area:north:IQ")
    assert 36.0 < turkey.lat < 38.0 and 30.0 < turkey.lon < 41.0
    assert 35.0 < iraq.lat < 37.5 and 41.0 < iraq.lon < 46.0


def test_json_output_names_the_governorate(blank):
    result = run("Shells fell on Kafraya and in Ankara.", blank([("GPE", "Ankara")]))
    out = {p["name"]: p for p in extraction_json(result)["places"]}
    assert out["Kafraya"]["admin1"] == "Idlib"
    assert "admin1" in out["Ankara"]


def test_syrian_town_of_unknown_size_tagged_as_person_is_a_place(blank):
    text = "A car bomb went off at the hospital of Qardaha on Sunday."
    result = run(text, blank([("PERSON", "Qardaha")]))
    assert result.actors == []
    assert place(result, "Qardaha").country == "SY"


def test_place_shaped_variant_tagged_as_person_joins_its_place(blank):
    text = "Mortars fell on Kfar Batna, and pilgrims left Sayyeda Zeinab for Khan Skeikhoun."
    labels = [("PERSON", "Kfar Batna"), ("PERSON", "Sayyeda Zeinab"), ("ORG", "Khan Skeikhoun")]
    result = run(text, blank(labels))
    assert result.actors == []
    assert place(result, "Kafr Batna").key == "gn:168713"
    assert place(result, "Sayyida Zaynab").key == "sy:sayyida-zaynab"
    assert place(result, "Khan Sheikhoun").key == "gn:168325"
    assert_spans_exact(text, result)


def test_direction_of_a_place_is_that_place(blank):
    text = "Troops seized a depot in Southwest of Raqqa on Friday."
    result = run(text, blank([("GPE", "Southwest of Raqqa")]))
    assert [p.name for p in result.places] == ["Raqqa"]
    assert place(result, "Raqqa").mentions[0].text == "Raqqa"
    assert_spans_exact(text, result)


@pytest.mark.parametrize(
    "tagged", ["Southern City", "Eastern Countryside", "Rocket Attack Northwest", "Airstrikes East"]
)
def test_a_direction_with_a_kind_of_place_or_an_event_is_no_place(blank, tagged):
    text = f"Reports came from {tagged} on Friday."
    result = run(text, blank([("GPE", tagged)]))
    assert [p.name for p in result.places] == []


@pytest.mark.parametrize("tagged", ["Old City", "Liberated Province", "Besieged Areas"])
def test_a_description_of_a_place_is_no_place(blank, tagged):
    text = f"Rockets fell on the {tagged} again, and the wounded were taken to Idlib."
    result = run(text, blank([("GPE", tagged), ("GPE", "Idlib")]))
    assert [p.name for p in result.places] == ["Idlib"]


def test_a_description_with_its_owner_is_the_owner(blank):
    text = "Rockets fell on Aleppos Old City before dawn."
    result = run(text, blank([("GPE", "Old City")]))
    assert [p.name for p in result.places] == ["Aleppo"]


def test_the_before_a_known_leader_is_no_place(blank):
    text = "The Assad government denied the report, a spokesman in Homs said."
    result = run(text, blank([("GPE", "Homs")]))
    assert [p.name for p in result.places] == ["Homs"]
    assert "Bashar al-Assad" in {a.name for a in result.actors}


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("Jets struck a cotton mill in al-Salehia village north of Raqqa.", "al-Salehia"),
        ("A shell landed in al-Sheikh, a quarter the rebels held.", "al-Sheikh"),
    ],
)
def test_a_name_with_the_arabic_article_is_not_a_place_in_iran_or_turkey(blank, text, written):
    result = run(text, blank([("GPE", written)]))
    found = [p for p in result.places if written in (p.name, *p.aliases)]
    assert all(p.country not in ("IR", "TR") for p in found), found


def test_the_same_name_without_the_article_may_be_the_iranian_city(blank):
    result = run("Pilgrims travelled from Mashhad to Karbala.", blank([("GPE", "Mashhad")]))
    assert place(result, "Mashhad").country == "IR"


@pytest.mark.parametrize("written", ["Tall Tawil", "Tal Zafran", "Deir Qanun"])
def test_the_first_word_of_a_village_name_is_not_the_town_it_names_alone(blank, written):
    text = f"A bomber struck a wedding in {written} village in Hasakah province."
    for labels in ([("GPE", written)], [("PERSON", written)], []):
        result = run(text, blank(labels))
        assert all(p.name != "At Tall" and p.key != "gn:172349" for p in result.places), labels


@pytest.mark.parametrize("written", ["Meles", "Jamous"])
def test_a_name_ending_in_s_is_no_possessive_of_a_far_town_spelt_alike(blank, written):
    text = f"An airstrike hit the hospital in {written} on Monday."
    result = run(text, blank([("GPE", written)]))
    assert all(p.country in (None, "SY") for p in result.places), result.places


def test_possessive_without_apostrophe_of_a_variant_spelling(blank):
    text = "Fighters held the headquarters north of Raqas main square."
    result = run(text, blank([("GPE", "Raqas")]))
    raqqa = place(result, "Raqqa")
    assert raqqa.mentions[0].text == "Raqa"
    assert_spans_exact(text, result)


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("Bab Qensrin", "sy:bab-qinnasrin"),
        ("Bab Alfaraj", "sy:bab-al-faraj"),
        ("al-Mashhad district", "sy:al-mashhad-aleppo"),
        ("Baron Street", "sy:baron-street"),
    ],
)
def test_aleppo_quarters_are_on_the_map(blank, written, key):
    result = run(f"Rockets hit {written} in Aleppo city.", blank([("GPE", written)]))
    found = [p for p in result.places if p.key == key]
    assert len(found) == 1 and found[0].lat is not None and found[0].admin1 == "Aleppo"


def test_a_turkish_border_town_written_without_its_cedilla(blank):
    result = run("Tal Abyad faces the city of Akkale in Turkey.", blank([("GPE", "Akkale")]))
    assert [p.key for p in result.places if p.country == "TR" and p.kind == "city"] == ["gn:324944"]


@pytest.mark.parametrize(
    ("text", "tagged"),
    [
        ("Worshippers gathered in the Salem mosque in the town of Ariha.", "Salem"),
        ("He left for Mecca at Muhammads urging, and later reached Ariha.", "Muhammads"),
        ("A captain of Liwaa al-Tahrir was captured near Ariha.", "Liwaa"),
    ],
)
def test_given_names_and_armed_groups_are_not_unknown_places(blank, text, tagged):
    result = run(text, blank([("GPE", tagged), ("GPE", "Ariha")]))
    assert [p.name for p in result.places if p.country != "SA"] == ["Ariha"]


def test_unknown_village_is_named_without_the_word_village(blank):
    text = "A bomber struck Qasr Ahmar village at noon. Later Qasr Ahmar buried its dead."
    result = run(text, blank([("GPE", "Qasr Ahmar village"), ("GPE", "Qasr Ahmar")]))
    assert [(p.name, p.aliases) for p in result.places] == [("Qasr Ahmar", [])]
    assert_spans_exact(text, result)


@pytest.mark.parametrize("label", ["GPE", "ORG", None])
def test_old_arabic_name_on_an_israeli_town_is_a_syrian_village(blank, label):
    text = "Pro-government fighters retook Khalasa, a hill village southwest of Aleppo."
    result = run(text, blank([(label, "Khalasa")] if label else []))
    assert all(p.country != "IL" for p in result.places)
    assert "Khalasa" not in {a.name for a in result.actors}


def test_israeli_town_by_its_own_name_or_in_a_story_about_israel(blank):
    result = run("Rockets hit Qiryat Shmona.", blank([("GPE", "Qiryat Shmona")]))
    assert place(result, "Qiryat Shmona").country == "IL"
    result = run("Israeli police said rockets hit Khalasa.", blank([("GPE", "Khalasa")]))
    assert place(result, "Qiryat Shmona").country == "IL"


@pytest.mark.parametrize(
    "text",
    [
        "Shells hit the Sulaymaniyah neighbourhood of Aleppo on Saturday.",
        "The Sulaymaniyah quarter was shelled from the east of the city.",
        "Rockets fell on al-Sulaimaniyeh, where three children were hurt.",
    ],
)
def test_a_city_quarter_is_the_syrian_quarter_not_the_city_abroad(blank, text):
    written = next(w for w in ("al-Sulaimaniyeh", "Sulaymaniyah") if w in text)
    result = run(text, blank([("GPE", written)]))
    quarter = [p for p in result.places if any(written in a for a in (p.name, *p.aliases))]
    assert [p.key for p in quarter] == ["sy:al-sulaymaniyah-aleppo"]


def test_the_city_abroad_keeps_its_name_without_a_quarter_word(blank):
    text = "Kurdish leaders met in Sulaymaniyah, in northern Iraq."
    result = run(text, blank([("GPE", "Sulaymaniyah")]))
    assert place(result, "Sulaymaniyah").country == "IQ"


@pytest.mark.parametrize(
    ("tagged", "names"),
    [
        ("Zamalka Arbeen", ["Zamalka", "Arbin"]),
        ("Rastan Talbeesah", ["Rastan", "Talbiseh"]),
        ("Hama and Idleb", ["Hama", "Idlib"]),
    ],
)
@pytest.mark.parametrize("label", ["GPE", "PERSON"])
def test_known_places_written_without_commas_are_each_a_place(blank, tagged, names, label):
    text = f"Warplanes struck the towns of {tagged} at dawn."
    result = run(text, blank([(label, tagged)]))
    assert [p.name for p in result.places] == names
    assert result.actors == []
    assert_spans_exact(text, result)


def test_a_village_name_with_an_unknown_word_is_not_split(blank):
    text = "Warplanes struck the village of Tal Zafran Arbeen at dawn."
    result = run(text, blank([("GPE", "Tal Zafran Arbeen")]))
    assert [p.name for p in result.places] == ["Tal Zafran Arbeen"]


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("Zahra", "sy:jamiat-al-zahraa"),
        ("al-Meridian", "sy:al-meridian"),
        ("Seif al Dawla", "sy:saif-al-dawla"),
        ("al-Hamadaniye", "sy:al-hamdaniyah"),
    ],
)
def test_aleppo_quarters_written_as_neighbourhoods(blank, written, key):
    text = f"Shells landed in the {written} neighbourhood of Aleppo."
    result = run(text, blank([("GPE", written)]))
    assert key in {p.key for p in result.places}


@pytest.mark.parametrize(
    ("text", "governorate"),
    [
        ("Rebels shelled Suran after taking Azaz and Marea north of Aleppo.", "Aleppo"),
        ("Government troops retook Suran and Murak on the road north of Hama.", "Hama"),
    ],
)
def test_a_village_namesake_follows_the_governorate_of_the_story(blank, text, governorate):
    result = run(text, blank([]))
    suran = place(result, "Suran")
    assert suran.admin1 == governorate
    assert suran.country == "SY"


def test_a_namesake_without_a_governorate_in_the_story_keeps_the_default(blank):
    default = get_gazetteer().lookup("Suran", context=("SY",))
    result = run("Fighting was reported in Suran on Monday.", blank([]))
    assert place(result, "Suran").key == default.key


def test_a_governorate_named_once_outweighs_nothing_else(blank):
    text = "Jets struck Suran in the Aleppo countryside."
    result = run(text, blank([]))
    assert place(result, "Suran").admin1 == "Aleppo"


@pytest.mark.parametrize("label", ["PERSON", "ORG"])
def test_a_list_without_commas_keeps_its_unknown_villages_apart(blank, label):
    tagged = "Arbin Zafranieh Jisreen Hammouriyeh"
    text = f"Regime forces shelled the towns of {tagged} with heavy artillery."
    result = run(text, blank([(label, tagged)]))
    names = [p.name for p in result.places]
    assert names == ["Arbin", "Zafranieh", "Jisreen", "Hamouriyeh"]
    assert place(result, "Arbin").admin1 == "Rif Dimashq"
    assert place(result, "Zafranieh").lat is None  # unknown, but a place of its own
    assert_spans_exact(text, result)


@pytest.mark.parametrize("label", ["PERSON", "ORG"])
def test_a_list_with_one_known_place_stays_one_name(blank, label):
    tagged = "Tal Zafran Arbeen"
    result = run(f"Jets struck the village of {tagged} at dawn.", blank([(label, tagged)]))
    assert [p.name for p in result.places] == [tagged]


def test_a_near_miss_inside_a_list_is_not_trusted(blank):
    tagged = "Arbin Jisreen al-Masharqeh"
    text = f"Shells fell on the towns of {tagged} on Monday."
    result = run(text, blank([("PERSON", tagged)]))
    masharqa = place(result, "al-Masharqeh")
    assert masharqa.lat is None  # not Al Asharah on the Euphrates, two letters away


@pytest.mark.parametrize("label", ["PERSON", "ORG"])
def test_a_headline_verb_after_a_town_is_not_part_of_its_name(blank, label):
    text = "Kurdish fighters repelled an attack near the town of Manbij Killing 80 militants."
    result = run(text, blank([(label, "Manbij Killing")]))
    assert [p.name for p in result.places] == ["Manbij"]
    assert result.actors == []


@pytest.mark.parametrize("label", ["GPE", "ORG"])
def test_a_direction_before_of_belongs_to_the_next_place(blank, label):
    text = "Jets hit the village of Tal Zafran South of the Euphrates on Monday."
    result = run(text, blank([(label, "Tal Zafran South")]))
    assert "Tal Zafran" in {p.name for p in result.places}
    assert "Tal Zafran South" not in {p.name for p in result.places}


def test_the_governorate_named_beside_a_namesake_outvotes_the_rest_of_the_story(blank):
    text = (
        "Jets struck Azaz, Marea and Tal Rifaat in the Aleppo countryside on Monday. "
        "In a separate operation the army advanced on the road from Murak and took Suran "
        "north of Hama city."
    )
    result = run(text, blank([]))
    assert place(result, "Suran").admin1 == "Hama"


def test_a_place_noun_of_a_known_place_is_that_place(blank):
    text = "Shells fell on the District of Douma at dawn."
    result = run(text, blank([("GPE", "the District of Douma")]))
    assert [p.name for p in result.places] == ["Douma"]


def test_a_building_the_gazetteer_cannot_place_is_not_a_place(blank):
    text = "Worshippers left the Grand Mosque and crossed the Rose Garden before the strike."
    result = run(text, blank([("FAC", "the Grand Mosque"), ("LOC", "the Rose Garden")]))
    assert result.places == []


def test_a_building_named_after_someone_or_somewhere_else_places_nothing(blank):
    text = "Gunmen attacked the Omar Ibn al-Khattab Mosque and the Baghdad Station in Aleppo."
    tagged = [("FAC", "the Omar Ibn al-Khattab Mosque"), ("FAC", "the Baghdad Station")]
    result = run(text, blank(tagged))
    assert [p.name for p in result.places] == ["Aleppo"]


def test_a_building_that_opens_with_a_town_stands_in_that_town(blank):
    text = "Doctors at the Qamishli National Hospital treated the wounded."
    result = run(text, blank([("FAC", "the Qamishli National Hospital")]))
    assert [p.name for p in result.places] == ["Qamishli"]


def test_street_named_after_a_town_is_a_street_of_the_city(blank):
    text = "A car bomb went off on Manbij Road in Raqqa city, a monitor said."
    result = run(text, blank([("GPE", "Manbij"), ("GPE", "Raqqa")]))
    assert "Manbij" not in {p.name for p in result.places}
    street = place(result, "Manbij Road")
    assert street.kind == "site" and street.admin1 == "Raqqa" and street.geo_precision == 2


def test_roundabout_named_after_a_town_with_no_city_is_nothing(blank):
    result = run("Crowds gathered at the Jarabulus roundabout.", blank([("GPE", "Jarabulus")]))
    assert result.places == []


def test_road_that_leads_to_a_town_names_the_town(blank):
    result = run("Rebels cut the Aleppo road on Monday.", blank([("GPE", "Aleppo")]))
    assert place(result, "Aleppo").country == "SY"


def test_far_town_known_by_an_alternate_name_is_not_that_town(blank):
    text = "Rebels seized the village of Barna south of Aleppo on Sunday."
    result = run(text, blank([("GPE", "Barna"), ("GPE", "Aleppo")]))
    village = place(result, "Barna")
    assert village.country == "SY" and village.key.startswith("text:")


def test_far_town_by_an_alternate_name_beside_its_country_stays(blank):
    text = "The ferry left Barna in Bulgaria for Istanbul."
    result = run(text, blank([("GPE", "Barna"), ("GPE", "Bulgaria"), ("GPE", "Istanbul")]))
    assert place(result, "Varna").country == "BG"


def test_common_phrase_is_not_a_far_town(blank):
    result = run("A bomb went off near Youth City in the evening.", blank([("LOC", "Youth City")]))
    assert all(p.country != "MN" for p in result.places)
