"""Places no gazetteer lists, located by the report's own words (extraction/locating.py).

The village names here are made up, so no gazetteer knows them: only the sentence can place them.
"""

import pytest

from extraction.gazetteer import get_gazetteer
from extraction.output import extraction_json
from extraction.tests.conftest import place, run

# Made-up villages and quarters, tagged as places by the blank pipeline.
NAMES = ["Kafr Zunbul", "Tal Dahrun", "Umm Qarsa", "Deir Hassul", "Marj Fazwan", "Jubb Sallum"]


@pytest.fixture
def tagged(blank):
    return blank([("GPE", name) for name in NAMES])


def entry(key):
    found = get_gazetteer().get(key)
    assert found is not None
    return found


def assert_at(fact, key):
    point = entry(key)
    assert (fact.lat, fact.lon) == (point.lat, point.lon)


def test_countryside_of_a_province_is_the_governorate(tagged):
    text = "Shells hit Kafr Zunbul village in the northern countryside of Hama province."
    village = place(run(text, tagged), "Kafr Zunbul")
    assert village.geo_precision == 3 and village.admin1 == "Hama" and village.country == "SY"
    assert village.located_by == "sy:hama-governorate"
    assert village.key == "text:hama:kfr znbl"
    assert_at(village, "sy:hama-governorate")


def test_compass_of_a_city_is_the_city(tagged):
    text = "Two men died in Tal Dahrun village to the east of Homs city."
    village = place(run(text, tagged), "Tal Dahrun")
    homs = place(run(text, tagged), "Homs")
    assert village.geo_precision == 2 and village.admin1 == "Homs"
    assert village.located_by == homs.key
    assert (village.lat, village.lon) == (homs.lat, homs.lon)


def test_near_the_town_of(tagged):
    result = run("Clashes broke out in Umm Qarsa near the town of Saraqib.", tagged)
    village, town = place(result, "Umm Qarsa"), place(result, "Saraqib")
    assert village.geo_precision == 2 and village.located_by == town.key
    assert village.admin1 == "Idlib"


def test_which_lies_near(tagged):
    result = run("Jets bombed the village of Umm Qarsa, which lies close to Saraqib.", tagged)
    assert place(result, "Umm Qarsa").located_by == place(result, "Saraqib").key


def test_apposition_with_a_province(tagged):
    village = place(run("A mine went off in Deir Hassul, Daraa province.", tagged), "Deir Hassul")
    assert village.geo_precision == 3 and village.admin1 == "Daraa"


def test_apposition_with_a_town_is_a_list(tagged):
    result = run("Rebels hold the town of Deir Hassul, Saraqib and Binnish.", tagged)
    village = place(result, "Deir Hassul")
    assert village.located_by is None and village.lat is None and village.key == "text:deir hassul"


def test_a_quarter_in_a_governorate_capital_is_in_the_city(tagged):
    result = run("A rocket landed in the Marj Fazwan neighbourhood in Aleppo.", tagged)
    quarter = place(result, "Marj Fazwan")
    assert quarter.geo_precision == 2 and quarter.located_by == place(result, "Aleppo").key


def test_a_village_in_a_governorate_capital_is_in_the_province(tagged):
    village = place(
        run("A rocket landed in the village of Jubb Sallum in Idlib.", tagged), "Jubb Sallum"
    )
    assert village.geo_precision == 3 and village.located_by == "sy:idlib-governorate"


def test_possessive_quarter(tagged):
    result = run("Barrel bombs fell on Aleppo's Marj Fazwan district.", tagged)
    assert place(result, "Marj Fazwan").located_by == place(result, "Aleppo").key


def test_the_province_town_of(tagged):
    village = place(run("Jets struck the Idlib town of Umm Qarsa.", tagged), "Umm Qarsa")
    assert village.geo_precision == 3 and village.admin1 == "Idlib"


def test_a_list_the_locator_governs(tagged):
    text = "The army took the villages of Kafr Zunbul, Binnish and Saraqib in rural Idlib."
    village = place(run(text, tagged), "Kafr Zunbul")
    assert village.admin1 == "Idlib" and village.geo_precision == 3
    text = "The army took the villages of Kafr Zunbul, Binnish and Saraqib, and jets hit Hama."
    assert place(run(text, tagged), "Kafr Zunbul").located_by is None


def test_a_list_without_commas(tagged):
    text = (
        "The army took the villages of Kafr Zunbul Saraqib and Binnish in the countryside of Idlib."
    )
    village = place(run(text, tagged), "Kafr Zunbul")
    assert village.admin1 == "Idlib" and village.geo_precision == 3


def test_the_countryside_of_damascus_is_rif_dimashq(tagged):
    village = place(
        run("Shells hit the village of Tal Dahrun in the countryside of Damascus.", tagged),
        "Tal Dahrun",
    )
    assert village.admin1 == "Rif Dimashq" and village.located_by == "sy:rif-dimashq-governorate"


def test_the_countryside_of_a_small_town_is_near_it(tagged):
    result = run("Shells hit the village of Tal Dahrun in rural Manbij.", tagged)
    village = place(result, "Tal Dahrun")
    assert village.geo_precision == 2 and village.located_by == place(result, "Manbij").key


def test_distance_near_and_far(tagged):
    near = place(
        run("Jets hit the village of Kafr Zunbul 5 km north of Hama.", tagged), "Kafr Zunbul"
    )
    assert near.geo_precision == 2 and near.admin1 == "Hama"
    far = place(
        run("Jets hit the village of Kafr Zunbul 40 km north of Hama.", tagged), "Kafr Zunbul"
    )
    assert far.located_by is None and far.lat is None


def test_a_locator_shared_by_two_places_locates_nothing(tagged):
    village = place(
        run("Fighting reached the village of Kafr Zunbul in Hama and Idlib.", tagged), "Kafr Zunbul"
    )
    assert village.located_by is None


def test_another_clause_locates_nothing(tagged):
    text = "Rebels shelled the village of Kafr Zunbul while jets struck Saraqib in Idlib province."
    assert place(run(text, tagged), "Kafr Zunbul").located_by is None
    text = "Rebels shelled the village of Kafr Zunbul. In Idlib province, jets struck."
    assert place(run(text, tagged), "Kafr Zunbul").located_by is None


def test_mentions_in_two_governorates_leave_it_unlocated(tagged):
    text = "Shells hit the village of Kafr Zunbul in rural Hama. Jets struck Kafr Zunbul in rural Idlib."
    village = place(run(text, tagged), "Kafr Zunbul")
    assert village.located_by is None and village.key == "text:kafr zunbul"


def test_two_towns_of_one_governorate_give_the_governorate(tagged):
    text = (
        "Shells hit the village of Kafr Zunbul near Saraqib. Jets struck Kafr Zunbul near Binnish."
    )
    village = place(run(text, tagged), "Kafr Zunbul")
    assert village.geo_precision == 3 and village.located_by == "sy:idlib-governorate"


def test_no_location_across_a_border(tagged):
    text = "Jets struck the Syrian village of Deir Hassul near the Turkish town of Kilis."
    assert place(run(text, tagged), "Deir Hassul").located_by is None


def test_namesakes_in_two_governorates_get_two_keys(tagged):
    hama = place(run("Shells hit the village of Kafr Zunbul in rural Hama.", tagged), "Kafr Zunbul")
    idlib = place(
        run("Shells hit the village of Kafr Zunbul in rural Idlib.", tagged), "Kafr Zunbul"
    )
    assert hama.key != idlib.key


def test_gazetteer_places_have_their_own_point(tagged):
    result = run("Jets struck Saraqib and the village of Kafr Zunbul.", tagged)
    assert place(result, "Saraqib").geo_precision == 1
    village = place(result, "Kafr Zunbul")
    assert village.geo_precision is None and village.located_by is None


def test_output_fields(tagged):
    result = run("Jets struck Saraqib and the village of Umm Qarsa near Binnish.", tagged)
    printed = {p["name"]: p for p in extraction_json(result)["places"]}
    assert printed["Saraqib"]["geo_precision"] == 1 and printed["Saraqib"]["located_by"] is None
    assert printed["Umm Qarsa"]["geo_precision"] == 2
    assert printed["Umm Qarsa"]["located_by"] == place(result, "Binnish").key


def test_an_event_at_a_located_place_gets_its_governorate(tagged):
    text = "An airstrike on Tal Dahrun village in the northern countryside of Raqqa killed 10 civilians."
    result = run(text, tagged)
    assert result.events and result.events[0].admin1 == "Raqqa"


def test_near_a_city_that_is_a_governorate_is_in_the_one_around_it(tagged):
    result = run("Shells hit the town of Tal Dahrun near Damascus.", tagged)
    town = place(result, "Tal Dahrun")
    assert town.admin1 == "Rif Dimashq" and town.located_by == place(result, "Damascus").key
    suburb = place(run("Jets struck the Damascus suburb of Umm Qarsa.", tagged), "Umm Qarsa")
    assert suburb.admin1 == "Rif Dimashq" and suburb.geo_precision == 2
    quarter = place(run("A shell hit the Marj Fazwan district in Damascus.", tagged), "Marj Fazwan")
    assert quarter.admin1 == "Damascus" and quarter.geo_precision == 2


def test_a_namesake_the_report_puts_elsewhere_is_located_there(tagged):
    result = run("Rockets fell on the al-Midan neighbourhood in Aleppo city.", tagged)
    quarter = place(result, "al-Midan")
    assert quarter.admin1 == "Aleppo" and quarter.geo_precision == 2
    assert quarter.located_by == place(result, "Aleppo").key
    assert quarter.key == "text:aleppo:al mdn"


def test_an_apposition_saying_what_a_place_is_and_who_holds_it_locates_it(tagged):
    text = "Jets struck Kafr Zunbul, a small town in Hama province, on Monday."
    village = place(run(text, tagged), "Kafr Zunbul")
    assert village.admin1 == "Hama" and village.geo_precision == 3
    # the namesake of another governorate gives way to where the report puts it
    text = "Jets struck al-Midan a town held by the Sham Front (SF) group in Hama province."
    quarter = place(run(text, tagged), "al-Midan")
    assert quarter.admin1 == "Hama" and quarter.key == "text:hama:al mdn"


def test_a_place_near_a_governorate_border_keeps_its_gazetteer_point(tagged):
    result = run("Rebels attacked the Atmeh crossing west of Aleppo.", tagged)
    atmeh = place(result, "Atmeh")
    assert atmeh.geo_precision == 1 and atmeh.admin1 == "Idlib" and atmeh.located_by is None


def test_a_governorate_capital_is_never_a_namesake(tagged):
    result = run("Jets struck Hama in Idlib province.", tagged)
    assert place(result, "Hama").located_by is None and place(result, "Hama").admin1 == "Hama"


def test_a_sentence_opening_with_a_province(tagged):
    text = "In the northern countryside of Hama, the army took the village of Kafr Zunbul."
    village = place(run(text, tagged), "Kafr Zunbul")
    assert village.admin1 == "Hama" and village.geo_precision == 3
    text = "In Idlib province, jets struck the village of Kafr Zunbul and Hama."
    assert place(run(text, tagged), "Kafr Zunbul").located_by is None
    text = "In Moscow, officials said the village of Kafr Zunbul was hit."
    assert place(run(text, tagged), "Kafr Zunbul").located_by is None


def test_the_nearby_town_is_near_the_town_the_story_is_about(tagged):
    text = (
        "Jets bombed the market of Saraqib on Friday. Shells also hit the nearby town of Umm Qarsa."
    )
    result = run(text, tagged)
    village = place(result, "Umm Qarsa")
    assert village.geo_precision == 2 and village.located_by == place(result, "Saraqib").key
    assert village.admin1 == "Idlib" and village.key == "text:idlib:am qrs"


def test_nearby_in_the_same_sentence(tagged):
    text = "Rebels in Saraqib fired mortars at troops in nearby Umm Qarsa."
    result = run(text, tagged)
    assert place(result, "Umm Qarsa").located_by == place(result, "Saraqib").key


def test_nearby_with_only_a_province_gives_the_governorate(tagged):
    text = "Fighting raged in Hama province. Two men died in the nearby village of Tal Dahrun."
    village = place(run(text, tagged), "Tal Dahrun")
    assert village.geo_precision == 3 and village.located_by == "sy:hama-governorate"


def test_nearby_after_two_governorates_locates_nothing(tagged):
    text = "Jets struck Saraqib and Hama on Friday. Shells also hit the nearby town of Umm Qarsa."
    village = place(run(text, tagged), "Umm Qarsa")
    assert village.located_by is None and village.lat is None


def test_nearby_after_another_country_locates_nothing(tagged):
    text = "Jets struck Saraqib and Ankara on Friday. Shells also hit the nearby town of Umm Qarsa."
    assert place(run(text, tagged), "Umm Qarsa").located_by is None


def test_nearby_looks_back_two_sentences_at_most(tagged):
    text = (
        "Jets struck Saraqib on Friday. The raids lasted hours. Medics were overwhelmed. "
        "Shells also hit the nearby town of Umm Qarsa."
    )
    assert place(run(text, tagged), "Umm Qarsa").located_by is None
    text = "Jets struck Saraqib on Friday. The raids lasted hours. Shells hit nearby Umm Qarsa."
    assert place(run(text, tagged), "Umm Qarsa").admin1 == "Idlib"


def test_the_eastern_countryside_is_the_governorate_of_the_story(tagged):
    text = (
        "Army units struck militants around Raqqa city. "
        "Others were killed in Kafr Zunbul village in the eastern countryside."
    )
    village = place(run(text, tagged), "Kafr Zunbul")
    assert village.geo_precision == 3 and village.located_by == "sy:raqqa-governorate"


def test_the_provinces_countryside(tagged):
    text = "Troops advanced in Hama province. Jets hit Tal Dahrun village in the province's southern countryside."
    village = place(run(text, tagged), "Tal Dahrun")
    assert village.geo_precision == 3 and village.located_by == "sy:hama-governorate"
    text = "Troops advanced in Hama province. Jets hit Tal Dahrun village in the provinces western countryside."
    assert place(run(text, tagged), "Tal Dahrun").admin1 == "Hama"
    text = "Troops advanced in Hama province. Jets hit Tal Dahrun village in the same province."
    assert place(run(text, tagged), "Tal Dahrun").admin1 == "Hama"


def test_the_province_s_village(tagged):
    text = "Clashes went on in Daraa. The province's village of Marj Fazwan was shelled."
    village = place(run(text, tagged), "Marj Fazwan")
    assert village.geo_precision == 3 and village.admin1 == "Daraa"


def test_the_countryside_of_a_story_in_damascus_is_rif_dimashq(tagged):
    text = "Mortars fell on Damascus on Monday. Jets hit Tal Dahrun village in the eastern countryside."
    village = place(run(text, tagged), "Tal Dahrun")
    assert village.admin1 == "Rif Dimashq" and village.geo_precision == 3


def test_the_countryside_of_a_story_in_two_governorates_locates_nothing(tagged):
    text = "Troops advanced near Hama and Saraqib. Jets hit Tal Dahrun village in the eastern countryside."
    assert place(run(text, tagged), "Tal Dahrun").located_by is None
    text = "Troops advanced near Hama. Jets hit Tal Dahrun village in the eastern countryside and Saraqib."
    assert place(run(text, tagged), "Tal Dahrun").located_by is None


def test_a_quarter_is_in_the_city_the_story_is_in(tagged):
    text = "Shells fell on Aleppo on Monday. A woman died in the Marj Fazwan neighbourhood."
    result = run(text, tagged)
    quarter = place(result, "Marj Fazwan")
    assert quarter.geo_precision == 2 and quarter.located_by == place(result, "Aleppo").key
    assert quarter.admin1 == "Aleppo"


def test_a_quarter_of_a_story_in_a_small_town_or_two_cities_is_not_located(tagged):
    text = "Shells fell on Saraqib on Monday. A woman died in the Marj Fazwan neighbourhood."
    assert place(run(text, tagged), "Marj Fazwan").located_by is None
    text = "Shells fell on Aleppo and Homs. A woman died in the Marj Fazwan neighbourhood."
    assert place(run(text, tagged), "Marj Fazwan").located_by is None


def test_a_quarter_listed_with_a_known_quarter_of_the_story_s_city(tagged):
    text = "Mortars hit Damascus at dawn. Shells fell on Mezzeh and the Marj Fazwan district."
    result = run(text, tagged)
    quarter = place(result, "Marj Fazwan")
    assert quarter.admin1 == "Damascus" and quarter.located_by == place(result, "Damascus").key
    text = "Mortars hit Damascus at dawn. Shells fell on Douma and the Marj Fazwan district."
    assert place(run(text, tagged), "Marj Fazwan").located_by is None


def test_two_spellings_of_one_village_in_one_report_are_one_place(blank):
    text = (
        "Shells hit al-Zuweirfeh village in the eastern countryside of Homs. "
        "Residents of al-Zwairfeh fled. Medics reached al-Zuweirfeh at night."
    )
    names = ["al-Zuweirfeh", "al-Zwairfeh"]
    result = run(text, blank([("GPE", n) for n in names]))
    villages = [p for p in result.places if p.key.startswith("text:")]
    assert len(villages) == 1
    village = villages[0]
    assert village.name == "al-Zuweirfeh" and village.aliases == ["al-Zwairfeh"]
    assert village.admin1 == "Homs" and len(village.mentions) == 3


def test_spellings_located_in_one_governorate_share_a_key(blank):
    names = ["al-Zuweirfeh", "al-Zuwerfeh"]
    tagged = blank([("GPE", n) for n in names])
    first = place(run("Jets struck al-Zuweirfeh village near Palmyra.", tagged), "al-Zuweirfeh")
    second = place(
        run("Shells fell on al-Zuwerfeh village in the Homs countryside.", tagged), "al-Zuwerfeh"
    )
    assert first.admin1 == second.admin1 == "Homs" and first.key == second.key


def test_one_spelling_in_two_governorates_stays_two_places(blank):
    tagged = blank([("GPE", "al-Zuweirfeh")])
    homs = place(run("Jets struck al-Zuweirfeh village near Palmyra.", tagged), "al-Zuweirfeh")
    raqqa = place(run("Shells hit al-Zuweirfeh village near Tabqa.", tagged), "al-Zuweirfeh")
    assert homs.admin1 == "Homs" and raqqa.admin1 == "Raqqa" and homs.key != raqqa.key


def test_unlocated_spellings_in_two_reports_stay_apart(blank):
    tagged = blank([("GPE", "Okaya"), ("GPE", "Okoya")])
    first = place(run("Fighting reached the village of Okaya.", tagged), "Okaya")
    second = place(run("Fighting reached the village of Okoya.", tagged), "Okoya")
    assert first.key != second.key  # no governorate to tie them: they may be two villages


def test_village_abroad_the_report_puts_in_syria_is_a_syrian_namesake(blank):
    text = "Jets struck the village of Anjara in the western countryside of Aleppo."
    result = run(text, blank([("GPE", "Anjara")]))
    village = place(result, "Anjara")
    assert village.country == "SY" and village.admin1 == "Aleppo"
    assert village.key.startswith("text:aleppo:")


def test_village_abroad_the_report_puts_abroad_stays(blank):
    text = "Police raided Anjara near Jerash in Jordan."
    result = run(text, blank([("GPE", "Anjara"), ("GPE", "Jerash"), ("GPE", "Jordan")]))
    assert place(result, "Anjarah").country == "JO"


def test_kilometres_from_a_town(tagged):
    result = run("The clinic in Umm Qarsa is about 12 km from Saraqib.", tagged)
    village = place(result, "Umm Qarsa")
    assert village.geo_precision == 2 and village.located_by == place(result, "Saraqib").key


def test_too_many_kilometres_from_a_town(tagged):
    result = run("The clinic in Umm Qarsa is 60 km away from Saraqib.", tagged)
    assert place(result, "Umm Qarsa").located_by is None


def test_next_place_with_its_own_locator_starts_a_new_clause(tagged):
    text = "Jets hit the village of Tal Dahrun north of Hama and Saraqib in eastern Idlib."
    result = run(text, tagged)
    village = place(result, "Tal Dahrun")
    assert village.admin1 == "Hama" and village.located_by == place(result, "Hama").key


def test_places_sharing_a_locator_of_a_country_still_share(tagged):
    text = "Jets hit the village of Kafr Zunbul in Hama and Idlib in northern Syria."
    assert place(run(text, tagged), "Kafr Zunbul").located_by is None
