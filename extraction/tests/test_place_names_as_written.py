"""Place names as the report writes them: cut where the name ends, joined where it goes on, and
dropped when the words name no place (extraction.mentions._names_as_written)."""

from extraction.tests.conftest import assert_spans_exact, run


def written(result) -> set[str]:
    """Every name and alias of the places found, countries left out."""
    return {n for p in result.places if p.kind != "country" for n in (p.name, *p.aliases)}


# 1. Lists whose commas the outlet lost.


def test_a_second_article_after_a_complete_name_starts_a_new_name_in_a_list(blank):
    text = "Shells hit the neighborhoods of Karm Rashed al-Qatirji al-Mashatiyeh and al-Hamra."
    result = run(text, blank([("PERSON", "Karm Rashed al-Qatirji al-Mashatiyeh")]))
    names = written(result)
    assert {"Karm Rashed al-Qatirji", "al-Mashatiyeh"} <= names
    assert "Karm Rashed al-Qatirji al-Mashatiyeh" not in names
    assert_spans_exact(text, result)


def test_a_plain_word_after_an_article_starts_a_new_name_in_a_list(blank):
    text = "Jets struck the villages of Dahr al-Qanatir Mashmashan and al-Hweir at night."
    result = run(text, blank([("GPE", "Dahr al-Qanatir Mashmashan")]))
    names = written(result)
    assert {"Dahr al-Qanatir", "Mashmashan"} <= names


def test_names_running_on_to_an_and_are_a_list(blank):
    text = "Units struck dens in Qasr Abu al-Hin al-Mreijeh Kafrouha and al-Tibeh in the north."
    result = run(text, blank([("GPE", "Qasr Abu al-Hin al-Mreijeh")]))
    assert {"Qasr Abu al-Hin", "al-Mreijeh"} <= written(result)


def test_a_head_word_after_a_complete_name_starts_a_new_name(blank):
    text = "Gunners shelled Tal Hamid al-Ahmar Tal Zuhour before dawn."
    result = run(text, blank([("GPE", "Tal Hamid al-Ahmar Tal Zuhour")]))
    names = written(result)
    assert {"Tal Hamid al-Ahmar", "Tal Zuhour"} <= names
    assert "Tal Hamid al-Ahmar Tal Zuhour" not in names


def test_an_adjective_in_iyeh_closes_a_name_in_a_list(blank):
    text = "Gunmen raided the villages of Qaddahiyeh Hawsh al-Ghurab and Bweidan."
    result = run(text, blank([("PERSON", "Qaddahiyeh Hawsh al-Ghurab")]))
    names = written(result)
    assert {"Qaddahiyeh", "Hawsh al-Ghurab"} <= names


def test_the_name_after_the_and_that_ends_a_list_is_a_place(blank):
    text = "Jets bombed the towns of Qaddahiyeh Tal Hamid al-Ahmar and Bweidan at dawn."
    tagged = [("GPE", "Qaddahiyeh Tal Hamid al-Ahmar"), ("PERSON", "Bweidan")]
    result = run(text, blank(tagged))
    assert "Bweidan" in written(result)
    assert "Bweidan" not in {a.name for a in result.actors}


def test_a_person_after_and_outside_a_list_stays_a_person(blank):
    text = "Fighters from Qaddahiyeh and Bweidan said the road was cut."
    result = run(text, blank([("GPE", "Qaddahiyeh"), ("PERSON", "Bweidan")]))
    assert "Bweidan" not in written(result)


def test_an_arabic_adjective_stays_with_its_name(blank):
    text = "Shells hit the villages of Qasr Mansour al-Gharbiyeh and Marwaniyeh."
    result = run(text, blank([("GPE", "Qasr Mansour al-Gharbiyeh")]))
    assert "Qasr Mansour al-Gharbiyeh" in written(result)


def test_a_title_keeps_its_name_in_a_list(blank):
    text = "Shells hit the neighborhoods of al-Hadi al-Sheikh Dahi and al-Qasila."
    result = run(text, blank([("GPE", "al-Hadi al-Sheikh Dahi")]))
    names = written(result)
    assert {"al-Hadi", "al-Sheikh Dahi"} <= names
    assert "Dahi" not in names


def test_a_title_cut_from_its_name_is_joined_back(blank):
    text = "Mortars hit the neighborhoods of al-Sheikh Hamdoun and al-Qasila on Monday."
    result = run(text, blank([("ORG", "al-Sheikh"), ("PERSON", "Hamdoun")]))
    assert "al-Sheikh Hamdoun" in written(result)
    assert "Hamdoun" not in {a.name for a in result.actors}
    assert_spans_exact(text, result)


def test_a_name_with_two_articles_outside_a_list_is_one_name(blank):
    text = "Fighters dug in at Qalaat Umar al-Hamra al-Wadi for a week."
    result = run(text, blank([("GPE", "Qalaat Umar al-Hamra al-Wadi")]))
    assert "Qalaat Umar al-Hamra al-Wadi" in written(result)


# 2. Head words dropped by the cut.


def test_a_kinship_head_word_before_a_village_belongs_to_it(blank):
    text = "Gunmen stormed Um al-Tinah village at dawn."
    result = run(text, blank([("PERSON", "al-Tinah")]))
    names = written(result)
    assert "Um al-Tinah" in names and "al-Tinah" not in names
    assert_spans_exact(text, result)


def test_an_honorific_before_a_town_belongs_to_its_name(blank):
    text = "Fighters entered Sheikh Barhoum town on Monday."
    result = run(text, blank([("PERSON", "Barhoum")]))
    names = written(result)
    assert "Sheikh Barhoum" in names and "Barhoum" not in names


def test_a_head_word_left_at_the_end_opens_the_next_name(blank):
    text = "Units shelled positions in Nahta Um al- Qusour and Samlin."
    result = run(text, blank([("GPE", "Nahta Um")]))
    names = written(result)
    assert "Nahta" in names and "Nahta Um" not in names


# 3. The Arabic article glued or spaced.


def test_an_article_spaced_from_its_hyphen_is_part_of_the_name(blank):
    text = "The army advanced in Huweijet al -Sakr on Monday."
    result = run(text, blank([("FAC", "Huweijet al")]))
    assert "Hawijat Sakr" in {p.name for p in result.places}
    assert "Huweijet al" not in written(result)
    assert_spans_exact(text, result)


def test_an_article_glued_without_its_hyphen_is_read_as_the_article(blank):
    text = "Shelling hit the Alqusayr district on Friday."
    result = run(text, blank([("LOC", "Alqusayr")]))
    assert "Qusayr" in {p.name for p in result.places}


# 4. Locators glued onto the name.


def test_a_lowercase_direction_starts_the_locator(blank):
    text = "Jets hit a clinic in the town of Hafsarjah western Idlib city."
    result = run(text, blank([("ORG", "Hafsarjah western Idlib")]))
    names = written(result)
    assert "Hafsarjah" in names and "Hafsarjah western Idlib" not in names


def test_a_direction_glued_onto_a_known_place_is_cut_off(blank):
    text = "Raids near Manbijnorth Syria killed 12 fighters."
    result = run(text, blank([("LOC", "Manbijnorth Syria")]))
    assert "Manbij" in {p.name for p in result.places}
    assert_spans_exact(text, result)


def test_an_owner_before_a_head_word_and_its_lowercase_rest(blank):
    text = "Strikes killed nine people in Syrias Deir ezzor on Thursday."
    result = run(text, blank([("LOC", "Syrias Deir")]))
    assert "Deir ez-Zor" in {p.name for p in result.places}
    assert "Syrias Deir" not in written(result)


def test_a_near_miss_of_a_governorate_before_province(blank):
    text = "Units repelled an attack in the western countryside of Raqq province on Monday."
    result = run(text, blank([("PERSON", "Raqq")]))
    assert "Raqqa Governorate" in {p.name for p in result.places}


def test_a_headline_source_after_a_place_is_not_its_name(blank):
    text = "Dozens Dead as Rival Groups Clash in Eastern Gouta Monitor"
    result = run(text, blank([("LOC", "Eastern Gouta Monitor")]))
    assert "Eastern Ghouta" in {p.name for p in result.places}


# 5. Names that are no place.


def test_a_platform_name_left_over_in_a_list_is_no_place(blank):
    text = "Chlorine Attacks on Saraqib Idlib Facebook font size"
    result = run(text, blank([("PERSON", "Saraqib Idlib Facebook")]))
    names = written(result)
    assert {"Saraqib", "Idlib"} <= names and "Facebook" not in names


def test_a_bare_arabic_adjective_or_title_is_no_place(blank):
    text = "A car bomb went off in al-Sharqiya neighborhood and in the neighborhood of al-Sheikh."
    result = run(text, blank([("ORG", "al-Sharqiya"), ("ORG", "al-Sheikh")]))
    assert written(result) == set()


def test_common_nouns_and_directions_alone_are_no_place(blank):
    text = "The army killed 40 fighters in Gas Field East of Palmyra and in Lattakia Western Syria."
    result = run(text, blank([("LOC", "Gas Field East"), ("ORG", "Lattakia Western Syria")]))
    names = written(result)
    assert "Gas Field" not in names and "Western" not in names and "Palmyra" in names


def test_a_demonym_with_two_letters_swapped_is_no_place(blank):
    text = "Bombers pounded a stronghold in the northern Syiran town of Raqqa."
    result = run(text, blank([("PERSON", "Syiran")]))
    assert "Syiran" not in written(result)


def test_a_name_followed_by_a_role_is_a_person_not_a_place(blank):
    text = (
        "Wird Hamdani head of the press office of the group told reporters in the town of Anadan."
    )
    result = run(text, blank([("GPE", "Hamdani")]))
    assert "Hamdani" not in written(result)


def test_a_speech_verb_after_a_town_keeps_the_town(blank):
    text = "An activist in the nearby town of Zarzour said the plant was not hit."
    result = run(text, blank([("GPE", "Zarzour")]))
    assert "Zarzour" in written(result)


def test_a_family_name_is_no_place(blank):
    text = "Those killed in the village of Anadan included seven people with the family name of Hamdoush."
    result = run(text, blank([("GPE", "Hamdoush")]))
    assert "Hamdoush" not in written(result)


def test_a_house_of_worship_named_after_someone_places_nothing(blank):
    text = "A bomb went off near the Bilal al-Habashi mosque in the town."
    result = run(text, blank([("FAC", "Bilal al-Habashi")]))
    assert written(result) == set()


def test_a_quarter_written_as_an_owner_without_apostrophe_is_the_quarter(blank):
    text = "Most of Al-Zahraas residents fled the shelling."
    result = run(text, blank([("GPE", "Al-Zahraas")]))
    assert "al-Zahraa" in {p.name for p in result.places}
    assert_spans_exact(text, result)


def test_a_school_named_after_its_village_keeps_the_village(blank):
    text = "Children died in the Zarzour school on Monday."
    result = run(text, blank([("FAC", "Zarzour")]))
    assert "Zarzour" in written(result)
