"""Violent events: one test per construction, with sentences written for these tests."""

import datetime as dt

import pytest

from extraction.events import number, read_toll
from extraction.output import extraction_json
from extraction.tests.conftest import run

PLACES = [
    ("GPE", "Saraqib"),
    ("GPE", "Idlib"),
    ("GPE", "Douma"),
    ("GPE", "Aleppo"),
    ("GPE", "Azaz"),
    ("GPE", "Manbij"),
    ("GPE", "Daraa"),
    ("GPE", "Syria"),
    ("GPE", "Damascus"),
]


def events(text, blank, published="2017-04-05"):
    return run(text, blank(PLACES), published=published).events


def test_passive_airstrike_with_perpetrator_and_breakdown(blank):
    text = (
        "At least 12 civilians including three children were killed in Russian airstrikes "
        "on Saraqib on Tuesday."
    )
    result = run(text, blank(PLACES), published="2017-04-05")  # a Wednesday
    [event] = result.events
    assert event.type == "airstrike"
    assert event.perpetrators == ["Russia"] and event.perpetrator_basis == "reported"
    assert result.place(event.place).name == "Saraqib"
    assert event.admin1 == "Idlib"
    assert event.date == dt.date(2017, 4, 4)
    assert (event.killed, event.killed_civilians, event.killed_children) == (12, 12, 3)


def test_agentless_event_leaves_perpetrator_unknown(blank):
    [event] = events("Nine people were killed in air strikes on Douma on Monday.", blank)
    assert event.type == "airstrike" and event.perpetrators == []
    assert event.killed == 9 and event.admin1 == "Rif Dimashq"


def test_perpetrator_after_by(blank):
    [event] = events("Two children were killed in shelling by regime forces on Aleppo.", blank)
    assert event.type == "shelling"
    assert event.perpetrators == ["Syrian government forces"]
    assert event.killed_children == 2


def test_active_voice_names_the_perpetrator_and_its_victims(blank):
    [event] = events("Syrian troops killed 32 rebels in an ambush near Daraa.", blank)
    assert event.type == "armed_clash"
    assert event.perpetrators == ["Syrian government forces"]
    assert event.killed == 32 and event.killed_combatants == 32


def test_victims_are_targets_not_perpetrators(blank):
    text = "Sixty-two Syrian soldiers were killed in coalition air strikes on Deir Ezzor."
    [event] = events(text, blank)
    assert event.perpetrators == ["US-led coalition"]
    assert "Syrian government forces" in event.targets
    assert event.killed == 62 and event.killed_combatants == 62


def test_claim_names_the_perpetrator(blank):
    text = (
        "A car bomb exploded at a checkpoint in Azaz on Friday killing six people. "
        "The Islamic State group claimed responsibility for the attack."
    )
    [event] = events(text, blank)
    assert event.type == "explosive"
    assert event.perpetrators == ["Islamic State"] and event.perpetrator_basis == "claimed"
    assert event.killed == 6


def test_accusation_names_the_perpetrator(blank):
    text = (
        "A gas attack on Saraqib killed 20 people on Tuesday. "
        "The opposition accused regime forces of carrying out the attack."
    )
    [event] = events(text, blank)
    assert event.type == "chemical_attack"
    assert event.perpetrators == ["Syrian government forces"]
    assert event.perpetrator_basis == "accused"


def test_suicide_bombing_with_of_whom_breakdown(blank):
    text = "A suicide bomber blew himself up in Damascus killing 17 people 13 of whom were police officers."
    [event] = events(text, blank)
    assert event.type == "suicide_bombing"
    assert event.killed == 17 and event.killed_combatants == 13


def test_threat_is_not_an_event(blank):
    assert events("Turkey threatened to launch air strikes on Manbij.", blank) == []


def test_plan_is_not_an_event(blank):
    assert events("The army plans an offensive on Idlib next month.", blank) == []


def test_denial_is_not_an_event(blank):
    assert events("Russia denied that its jets bombed a hospital in Idlib.", blank) == []


def test_running_total_is_not_the_toll(blank):
    text = "Five civilians were killed in shelling on Aleppo on Sunday bringing the toll to 400 since March."
    [event] = events(text, blank)
    assert event.killed == 5


def test_injuries_alone_are_not_deaths(blank):
    [event] = events("Twenty people were wounded in shelling on Aleppo on Sunday.", blank)
    assert event.killed is None and event.wounded == 20


def test_dozens_is_no_number(blank):
    [event] = events("Dozens of people were killed in air strikes on Aleppo.", blank)
    assert event.killed is None


def test_one_event_per_type_place_and_day_headline_first(blank):
    text = (
        "Car bomb kills six in Azaz.\n"
        "Air strikes hit Idlib on Tuesday.\n"
        "The car bomb went off near a market in Azaz on Tuesday killing six people."
    )
    found = events(text, blank)
    assert [e.type for e in found] == ["explosive", "airstrike"]
    assert len(found[0].spans) == 2


def test_toll_without_means_joins_the_event_it_counts(blank):
    text = "Seven people were killed in Douma on Monday. Barrel bombs fell on a market in Douma."
    [event] = events(text, blank)
    assert event.type == "airstrike" and event.killed == 7
    assert event.perpetrators == ["Syrian government forces"]


def test_dateline_year_is_not_a_count():
    toll = read_toll("Aug 2014 Syrian troops killed 32 rebels in an ambush")
    assert toll.killed == 32


def test_a_number_word_inside_a_longer_word_is_no_number():
    assert read_toll("The group has executed tens of its own guards in Raqqa.").killed is None
    assert read_toll("The siege has killed hundreds of residents.").killed is None
    assert read_toll("Gunmen killed seven villagers.").killed == 7


def test_number_words():
    assert number("Sixty-two") == 62
    assert number("six") == 6
    assert number("1,200") == 1200
    assert number("dozens") is None


def test_event_json(blank):
    text = "At least 70 people were killed in a chemical attack on Saraqib on Tuesday."
    result = run(text, blank(PLACES), published="2017-04-05")
    [out] = extraction_json(result)["events"]
    assert out["type"] == "chemical_attack" and out["place"] == "Saraqib"
    assert out["admin1"] == "Idlib" and out["date"] == "2017-04-04" and out["killed"] == 70
    assert out["perpetrators"] == [] and out["sentences"][0]["text"] == text


def test_hypothetical_after_the_trigger_is_not_an_event(blank):
    assert events("A government offensive on Idlib could be the last of the war.", blank) == []


def test_prevented_clashes_are_not_an_event(blank):
    assert events("The patrols aim at preventing clashes in Manbij.", blank) == []


def test_tolls_of_workers_deaths_and_bodies():
    assert read_toll("Five rescue workers were killed by airstrikes").civilians == 5
    assert read_toll("after the death of four volunteers in the strikes").killed == 4
    toll = read_toll("At least 65 bodies of civilians were found in the town")
    assert toll.killed == 65 and toll.civilians == 65


def test_subject_of_an_active_verb_after_the_trigger(blank):
    text = "In a deadly ambush near Daraa Syrian troops killed 32 rebels."
    [event] = events(text, blank)
    assert event.perpetrators == ["Syrian government forces"]
    assert event.targets == ["Syrian rebels"]


def test_one_sentence_two_events(blank):
    text = (
        "Rebels captured Saraqib on Monday according to a monitoring group that tracks the war "
        "from abroad after a week in which regime forces shelled the town day and night."
    )
    found = events(text, blank)
    assert [e.type for e in found] == ["territory_captured", "shelling"]
    assert found[0].perpetrators == ["Syrian rebels"]
    assert found[1].perpetrators == ["Syrian government forces"]


def test_perpetrator_by_the_name_of_the_output_actor(blank):
    text = "The Syrian Arab Army shelled Douma on Monday killing four people."
    result = run(text, blank([*PLACES, ("ORG", "Syrian Arab Army")]), published="2017-04-05")
    [event] = result.events
    assert "Syrian Arab Army" in {a.name for a in result.actors}
    assert event.perpetrators == ["Syrian Arab Army"]


def test_beheadings_count_the_dead(blank):
    [event] = events("ISIL militants beheaded nine men in Aleppo on Sunday.", blank)
    assert event.type == "execution" and event.killed == 9
    assert event.perpetrators == ["Islamic State"]


def test_a_district_of_the_city_is_the_same_place_for_an_event(blank):
    text = (
        "Dozens of airstrikes hit rebel-held parts of Aleppo on Sunday. "
        "Rescuers said 21 people were killed in the airstrikes, most of them in the Sukkari "
        "district."
    )
    nlp = blank([*PLACES, ("GPE", "Sukkari")])
    found = run(text, nlp, published="2016-09-25").events
    airstrikes = [e for e in found if e.type == "airstrike"]
    assert len(airstrikes) == 1 and airstrikes[0].killed == 21


def test_a_town_outside_the_city_is_another_place_for_an_event(blank):
    text = (
        "Airstrikes hit Aleppo on Sunday, killing four people. "
        "Separately, airstrikes on the town of Azaz killed nine people on Sunday."
    )
    airstrikes = [e for e in events(text, blank, published="2016-09-25") if e.type == "airstrike"]
    assert sorted(e.killed for e in airstrikes) == [4, 9]


def agreements(text, nlp, published):
    return [e for e in run(text, nlp, published=published).events if e.type == "agreement"]


def test_an_agreement_reached_at_a_meeting_is_placed_where_the_meeting_was(nlp):
    text = (
        "Sergei Lavrov met Mevlut Cavusoglu in Sochi on Monday. After the talks, Lavrov said "
        "the two had agreed to create a buffer zone in Idlib province."
    )
    [agreement] = agreements(text, nlp, "2018-09-17")
    result = run(text, nlp, published="2018-09-17")
    assert result.place(agreement.place).name == "Sochi"
    assert agreement.date == dt.date(2018, 9, 17)
    # "the two" named no party: those who met agreed.
    assert agreement.perpetrators == ["Sergei Lavrov", "Mevlut Cavusoglu"]


@pytest.mark.parametrize(
    "after",
    [
        # others named as its parties
        "Hours later, rebel commanders in Daraa agreed to a ceasefire with the army.",
        # a bare "they" is the rebels, not those who met
        "Hours later, rebel commanders in Daraa said they had agreed to a ceasefire with the army.",
        # a participant who only tells of it
        "Lavrov said rebel commanders in Daraa had agreed to a ceasefire with the army.",
    ],
)
def test_an_agreement_of_others_after_a_meeting_is_not_the_meeting_s(nlp, after):
    text = f"Sergei Lavrov met Mevlut Cavusoglu in Sochi on Monday. {after}"
    [agreement] = agreements(text, nlp, "2018-09-17")
    result = run(text, nlp, published="2018-09-17")
    assert "Sergei Lavrov" not in agreement.perpetrators
    assert agreement.place is None or result.place(agreement.place).name != "Sochi"


def test_the_leaders_who_met_agreed_together(nlp):
    text = (
        "Vladimir Putin hosted Recep Tayyip Erdogan in Sochi on Monday. "
        "The two leaders agreed to set up a demilitarised zone around Idlib."
    )
    [agreement] = agreements(text, nlp, "2018-09-17")
    assert sorted(agreement.perpetrators) == ["Recep Tayyip Erdogan", "Vladimir Putin"]


def test_leaders_who_agreed_in_a_final_statement_made_an_agreement(nlp):
    text = (
        "Meeting in Tehran on Friday, the three presidents agreed in a final statement that "
        "the war had no military solution."
    )
    assert len(agreements(text, nlp, "2018-09-07")) == 1


def test_an_agreement_only_offered_is_no_event(nlp):
    text = "The minister said his government would agree to a truce if the shelling stopped."
    assert agreements(text, nlp, "2018-09-07") == []


def test_the_first_count_of_the_dead_is_the_toll():
    toll = read_toll(
        "A tunnel blast killed 38 soldiers in the old city, and nearly 40 people were killed "
        "across the province that day"
    )
    assert (toll.killed, toll.combatants) == (38, 38)


def test_a_count_repeated_says_who_the_dead_were():
    toll = read_toll("Shelling kills 14, monitor says: at least 14 civilians were killed in Homs")
    assert (toll.killed, toll.civilians) == (14, 14)


def test_a_war_that_has_since_killed_is_a_running_total():
    toll = read_toll(
        "The uprising turned into a war which has since killed more than 300000 people"
    )
    assert toll.killed is None


def test_a_place_held_by_rebels_is_not_who_died():
    toll = read_toll("Barrel bombs kill 9 in rebel-held districts of the city")
    assert (toll.killed, toll.combatants) == (9, None)
    assert read_toll("Rockets kill 9 including children in the old city").children is None


def test_children_among_the_dead_in_the_same_sentence():
    toll = read_toll("Four children are among the 28 dead in overnight raids on the town")
    assert (toll.killed, toll.children) == (28, 4)
    toll = read_toll("Three women were among 19 civilians killed in the shelling")
    assert (toll.killed, toll.civilians, toll.women) == (19, 19, 3)


def test_children_among_the_dead_in_the_next_sentence(blank):
    text = (
        "At least 16 people were killed in air strikes on Saraqib on Tuesday. "
        "Five children were among the dead, rescuers said. Two of the victims were women."
    )
    [event] = events(text, blank)
    assert (event.killed, event.killed_children, event.killed_women) == (16, 5, 2)


def test_the_deadly_event_of_the_lead_comes_first(blank):
    text = (
        "Fighting raged in Aleppo on Monday as the army pressed its offensive. "
        "Three civilians were killed in shelling on Azaz, a monitor said."
    )
    found = events(text, blank)
    assert [e.type for e in found] == ["shelling", "armed_clash"]
    assert found[0].killed == 3


def test_a_toll_told_deep_in_the_body_does_not_take_the_lead(blank):
    text = (
        "Warplanes pounded the rebel-held town of Saraqib in the northwest on Sunday, activists "
        "said, as rebels and government forces battled for the city of Aleppo. "
        "Residents fled the town on foot. Schools stayed closed. The UN asked for calm. "
        "Aid workers counted the damage. "
        "A monitor said 210 people were killed in the fighting in Aleppo last month."
    )
    found = events(text, blank)
    assert [e.type for e in found] == ["airstrike", "armed_clash"]
    assert found[0].killed is None and found[1].killed == 210
    # told in the lead, the same toll still puts its event first
    text = (
        "Warplanes pounded the rebel-held town of Saraqib in the northwest on Sunday, activists "
        "said, as rebels and government forces battled for the city of Aleppo. "
        "A monitor said 210 people were killed in the fighting in Aleppo on Sunday."
    )
    assert [e.type for e in events(text, blank)] == ["armed_clash", "airstrike"]


def test_dead_a_headline_puts_in_another_governorate_died_elsewhere(blank):
    [event] = events("The army retakes Saraqib in Idlib, kills 40 militants in Daraa.", blank)
    assert event.type == "territory_captured" and event.admin1 == "Idlib"
    assert event.killed is None
    [event] = events("The army shelled Saraqib on Monday, killing 40 militants.", blank)
    assert event.killed == 40


def test_a_count_that_names_its_governorate_counts_no_event_elsewhere(blank):
    text = "Forty militants were killed in Daraa on Monday. The army shelled the town of Saraqib."
    [event] = events(text, blank)
    assert event.admin1 == "Idlib" and event.killed is None
    text = "Twenty people were killed on Monday. Shelling hit Saraqib on the same day."
    assert events(text, blank)[0].killed == 20
    # Damascus and the countryside around it are one place to a report
    text = "Twenty people were killed in Douma on Monday. Shelling hit Damascus on the same day."
    assert events(text, blank)[0].killed == 20


def test_the_event_where_the_headline_counts_its_dead_leads(blank):
    rest = (
        " The army retook the town of Saraqib. Residents fled the town. The roads were closed. "
        "A car bomb exploded in Daraa on Monday."
    )
    found = events("Forty militants were killed in Daraa on Monday." + rest, blank)
    assert [(e.type, e.admin1) for e in found] == [
        ("explosive", "Daraa"),
        ("territory_captured", "Idlib"),
    ]
    found = events("Forty militants were killed on Monday." + rest, blank)
    assert found[0].type == "territory_captured"


def test_jets_in_a_headline_strike_in_the_present_tense(blank):
    [event] = events("Syrian jets pound rebel positions in Saraqib.", blank)
    assert event.type == "airstrike" and event.perpetrators == ["Syrian government forces"]
    [event] = events("Russian aircraft had hit dozens of targets near Douma.", blank)
    assert event.type == "airstrike" and event.perpetrators == ["Russia"]


def test_bare_strikes_that_killed_or_pounded_are_airstrikes(blank):
    for text in (
        "At least nine people were killed in the strikes on Monday in Saraqib.",
        "Renewed strikes pounded Douma overnight.",
    ):
        assert [e.type for e in events(text, blank)] == ["airstrike"], text
    text = "Teachers in Daraa went on strike in protest at unpaid wages."
    assert "airstrike" not in [e.type for e in events(text, blank)]


def test_a_suicide_bomber_attack_is_no_airstrike(blank):
    [event] = events("Nine people were killed in suicide-bomber attacks on Damascus.", blank)
    assert event.type == "suicide_bombing"


def test_control_taken_retaken_or_established_is_a_capture(blank):
    for text in (
        'Rebels have taken "total" control of the centre of Azaz.',
        "Kurdish forces retake full control of Manbij.",
        "The army established full control over Saraqib on Sunday.",
        "Kurdish fighters have expelled Islamic State militants from Manbij.",
    ):
        assert [e.type for e in events(text, blank)] == ["territory_captured"], text


def test_an_aim_in_the_infinitive_is_no_capture(blank):
    for text in (
        "The army began an operation to retake Saraqib several weeks ago.",
        "Government troops have been battling to push rebels out of Daraa.",
    ):
        assert "territory_captured" not in [e.type for e in events(text, blank)], text


def test_a_withdrawal_in_the_present_tense_of_a_headline(blank):
    [event] = events("Kurdish fighters withdraw from Manbij.", blank)
    assert event.type == "withdrawal"
    assert events("The rebels refused to withdraw from Manbij.", blank) == []


def test_an_execution_in_the_present_tense_of_a_headline(blank):
    [event] = events("Islamic State militants execute 14 prisoners in Manbij.", blank)
    assert event.type == "execution" and event.killed == 14
    assert event.perpetrators == ["Islamic State"]
    assert events("The jihadists threatened to execute the prisoners in Manbij.", blank) == []


def test_an_agreement_to_a_ceasefire(blank):
    for text in (
        "Daraa rebels agree ceasefire, as the army seizes a border crossing.",
        "Opposition fighters agreed to Russia's ceasefire terms in Daraa.",
        "Rebels in Daraa said on Friday a ceasefire deal had been reached.",
    ):
        assert "agreement" in [e.type for e in events(text, blank)], text


def test_possibilities_defences_and_interceptions_are_no_events(blank):
    for text in (
        "The roadmap should exclude the possibility of cross-border attacks on Azaz.",
        "Patriot batteries would help defend Aleppo against strikes by Syrian jets.",
        "Air defences over Damascus intercepted several rockets.",
        "Turkey sent troops to ward off a ground assault on Idlib.",
    ):
        assert events(text, blank) == [], text


def test_a_us_missile_strike_names_the_united_states(blank):
    [event] = events("A US missile strike on an airbase near Saraqib killed five people.", blank)
    assert event.perpetrators == ["United States"] and event.killed == 5


def test_an_agreement_beside_violence_is_its_own_event(blank):
    found = events("Daraa rebels agree ceasefire, as the army seizes a border crossing.", blank)
    assert sorted(e.type for e in found) == ["agreement", "territory_captured"]


def test_the_dead_died_in_the_violence_not_in_the_protest(blank):
    found = events("Protesters marched in Douma as air strikes killed 27 people there.", blank)
    [strike] = [e for e in found if e.type == "airstrike"]
    assert strike.killed == 27
    assert [e.killed for e in found if e.type == "protest"] == [None]


def test_a_toll_of_the_next_sentence_goes_to_the_violence(blank):
    text = (
        "Hundreds protested in Douma on Friday. Air strikes hit Douma hours later. "
        "Twelve people were killed, rescuers said."
    )
    found = events(text, blank)
    assert [(e.type, e.killed) for e in found] == [("airstrike", 12), ("protest", None)]


def test_the_attack_told_again_is_the_same_event(blank):
    text = (
        "Israeli strikes on Monday hit a building in Damascus, killing six people. "
        "A commander from Aleppo was among those killed in the bombardment, a television said. "
        "Officials in Washington were gathering information about the Damascus attack."
    )
    found = events(text, blank)
    assert [(e.type, e.killed) for e in found] == [("airstrike", 6)]
    assert len(found[0].spans) == 2


def test_the_explosion_told_again_gives_its_place(blank):
    text = (
        "A suicide car bomb hit a convoy of buses carrying evacuees, killing 100 people. "
        "The explosion took place at a transit point in Aleppo, activists said."
    )
    [event] = events(text, blank)
    assert event.type == "suicide_bombing" and event.admin1 == "Aleppo"


def test_an_attack_on_a_place_of_its_own_is_another_event(blank):
    text = "Air strikes hit Douma on Monday. The shelling of Saraqib on Tuesday killed four people."
    assert len(events(text, blank)) == 2


def test_the_day_of_the_words_is_not_the_day_of_the_deed(blank):
    text = "The withdrawal of Kurdish fighters from Manbij is part of a deal announced on Thursday."
    [event] = events(text, blank, published="2019-10-20")
    assert event.type == "withdrawal" and event.date is None


def test_the_day_an_offensive_began_is_not_the_day_of_the_capture(blank):
    text = (
        "Rebels took control of the centre of Azaz this morning. "
        "Taking Azaz was the aim of an offensive launched on January 20."
    )
    [event] = events(text, blank, published="2018-03-18")
    assert event.type == "territory_captured" and event.date == dt.date(2018, 3, 18)


def test_anti_missile_batteries_are_no_missiles(blank):
    assert events("Turkey asked for anti-missile batteries near Azaz.", blank) == []


def test_what_a_clause_says_someone_means_to_do_is_no_event(blank):
    text = "The SDF said they aim to take the town of Manbij and arrest its tribal leader."
    assert events(text, blank) == []


def test_a_side_killed_in_the_strikes_is_no_perpetrator(blank):
    text = "The spokesman of the Nusra Front and his son were killed in air strikes on Idlib."
    [event] = events(text, blank)
    assert event.type == "airstrike" and event.perpetrators == []
    text = "The US military is checking reports that 73 civilians were killed in air strikes."
    assert [e.perpetrators for e in events(text + " They hit Manbij.", blank)] == [
        ["United States"]
    ]


def test_a_side_named_after_on_the_is_where_strikes_fell(blank):
    text = "Air strikes on the Islamic State's stronghold of Manbij killed 14 civilians on Monday."
    [event] = events(text, blank)
    assert event.type == "airstrike" and event.perpetrators == []
    assert "Islamic State" in event.targets


def test_the_side_an_anti_names_is_not_the_perpetrator(blank):
    text = "The US-led anti-IS coalition bombed Manbij on Monday, killing nine people."
    [event] = events(text, blank)
    assert event.perpetrators == ["US-led coalition"]


def test_a_possessive_that_lost_its_apostrophe_names_the_side(blank):
    text = "Seven people were killed in the Syrian armys shelling of Daraa on Monday."
    [event] = events(text, blank)
    assert event.type == "shelling" and event.perpetrators == ["Syrian government forces"]


def test_bombardment_from_a_side_names_who_fired(blank):
    text = "Four people died in Douma on Monday under heavy bombardment from regime forces."
    [event] = events(text, blank)
    assert event.perpetrators == ["Syrian government forces"]


def test_a_count_of_attackers_is_not_a_count_of_victims(blank):
    [event] = events("Two IS suicide bombers killed 20 people at a checkpoint in Azaz.", blank)
    assert event.type == "suicide_bombing" and event.perpetrators == ["Islamic State"]
    [event] = events("Three IS gunmen were killed in clashes near Azaz on Monday.", blank)
    assert event.perpetrators == [] and event.targets == ["Islamic State"]


def test_at_the_hands_of_names_the_perpetrator(blank):
    text = "Nine villagers were executed at the hands of IS militants near Manbij."
    [event] = events(text, blank)
    assert event.type == "execution" and event.perpetrators == ["Islamic State"]


def test_an_event_days_before_the_report_is_background(blank):
    text = "Five people were killed by shelling in Douma on Monday, days after a chemical attack on Saraqib."
    found = events(text, blank)
    assert [e.type for e in found] == ["shelling"]
    assert found[0].killed == 5 and found[0].admin1 == "Rif Dimashq"


def test_the_side_that_killed_in_a_sentence_without_means(blank):
    text = (
        "Syrian army units killed 48 militants near Daraa on Monday. "
        "Artillery shelled their positions for hours."
    )
    [event] = events(text, blank)
    assert event.type == "shelling" and event.killed == 48
    assert event.perpetrators == ["Syrian government forces"]


def test_no_killer_in_a_passive_count(blank):
    text = (
        "Syrian army troops were killed near Daraa on Monday, 12 in all. "
        "Artillery shelled the area for hours."
    )
    [event] = events(text, blank)
    assert event.perpetrators == []


def test_the_headlines_assault_leads_before_a_protest(blank):
    text = (
        "Rebels launched an assault on Aleppo on Monday. "
        "Hundreds of residents held a protest in Azaz against the siege. "
        "The crowd asked for bread. Aid agencies said the roads were closed. "
        "The United Nations asked for calm. "
        "Clashes raged in Aleppo through the night."
    )
    assert [e.type for e in events(text, blank)] == ["armed_clash", "protest"]


def test_a_suffocating_siege_is_no_chemical_attack(blank):
    text = "Residents of Douma escaped the suffocating siege after a car bomb killed six people."
    assert "chemical_attack" not in [e.type for e in events(text, blank)]


def test_improvised_mines_are_explosives(blank):
    [event] = events("Improvised mines planted by IS killed 12 civilians in Manbij.", blank)
    assert event.type == "explosive" and event.perpetrators == ["Islamic State"]


def test_where_the_victims_came_from_is_not_where_they_died(blank):
    text = (
        "A car bomb hit buses carrying evacuees from the towns of Fuaa and Kafraya at a "
        "transit point in Aleppo, killing 40 people."
    )
    nlp = blank([*PLACES, ("GPE", "Fuaa"), ("GPE", "Kafraya")])
    result = run(text, nlp, published="2017-04-15")
    [event] = result.events
    assert event.admin1 == "Aleppo"
    [event] = events("Rebels withdrew from Saraqib on Monday.", blank)
    assert event.type == "withdrawal" and event.admin1 == "Idlib"


def test_a_lone_namesake_beside_the_leads_city_is_not_the_place(blank):
    nlp = blank([*PLACES, ("GPE", "al-Midan"), ("GPE", "al-Ashrafiyeh")])
    text = (
        "Shells fired by militants hit the al-Midan and al-Ashrafiyeh neighbourhoods of "
        "Aleppo on Friday, killing six civilians."
    )
    [event] = run(text, nlp, published="2016-10-07").events
    assert event.admin1 == "Aleppo"
    text = "Shells hit the al-Midan district of Damascus on Friday, killing six civilians."
    [event] = run(text, nlp, published="2016-10-07").events
    assert event.admin1 == "Damascus"


def test_a_side_the_attackers_are_loyal_to_is_the_perpetrator(blank):
    text = "Militias loyal to the regime shelled Douma on Monday, killing five people."
    [event] = events(text, blank)
    assert event.perpetrators == ["Syrian government forces"]


def test_who_was_told_or_who_brokered_a_truce_did_not_strike(blank):
    text = "Four people injured in the blast in Azaz died later, an official told Turkeys media."
    [event] = events(text, blank)
    assert event.perpetrators == []
    text = "Jets bombed Aleppo on Monday after a truce brokered by Russia collapsed."
    [event] = events(text, blank)
    assert event.perpetrators == []


def test_people_captured_are_no_territory(blank):
    text = "Syrian troops captured two rebel commanders near Daraa on Monday."
    assert [e.type for e in events(text, blank)] == []
    text = "Syrian troops captured the town of Daraa on Monday."
    assert [e.type for e in events(text, blank)] == ["territory_captured"]


def test_gassing_is_a_chemical_attack(blank):
    text = "The opposition accused regime forces of gassing 90 people in Douma with rockets."
    [event] = events(text, blank)
    assert event.type == "chemical_attack"
    assert event.perpetrators == ["Syrian government forces"]


def test_an_agent_after_by_is_no_source_when_the_comma_is_lost(blank):
    text = "Six men were executed by IS militants said a commander in Manbij."
    [event] = events(text, blank)
    assert event.perpetrators == ["Islamic State"]


def test_a_generic_attack_elsewhere_is_not_folded_into_the_event(blank):
    text = (
        "Rebels launched an offensive in Daraa on Monday. "
        "Regime artillery shelled Aleppo on Monday, killing five civilians."
    )
    found = events(text, blank)
    assert sorted((e.type, e.admin1) for e in found) == [
        ("armed_clash", "Daraa"),
        ("shelling", "Aleppo"),
    ]


def test_a_sentence_that_names_only_where_fire_came_from_names_no_place(blank):
    text = "Heavy fighting raged in Aleppo on Monday. Rockets fired from Idlib killed five people."
    shelling = [e for e in events(text, blank) if e.type == "shelling"]
    assert [e.admin1 for e in shelling] == ["Aleppo"]


def test_the_dead_of_a_clash_were_killed_by_the_other_side(blank):
    text = "At least 12 IS fighters were killed in clashes with Kurdish fighters near Azaz."
    [event] = events(text, blank)
    assert event.perpetrators == ["People's Protection Units"]
    assert "Islamic State" in event.targets
    [event] = events("Clashes with Kurdish fighters raged near Azaz on Monday.", blank)
    assert event.perpetrators == []


def test_a_suburb_beside_its_city_is_no_stray_namesake(blank):
    nlp = blank([*PLACES, ("GPE", "Jaramana")])
    text = "A car bomb killed 18 people in Jaramana, a suburb of Damascus, on Tuesday."
    [event] = run(text, nlp, published="2012-10-30").events
    assert event.admin1 == "Rif Dimashq"


def test_jets_belonging_to_a_side_name_it_after_the_trigger(blank):
    text = "Incendiary bombs fell on Douma as jets belonging to the regime struck the town."
    [event] = events(text, blank)
    assert event.perpetrators == ["Syrian government forces"]


def test_a_headline_listing_governorates_joins_an_event_in_any_of_them(blank):
    text = (
        "Civilians killed in terrorist attacks in Damascus, Daraa and Aleppo. "
        "Militants fired mortar shells on Daraa killing a woman."
    )
    [event] = events(text, blank)
    assert event.type == "shelling" and event.admin1 == "Daraa"


def test_a_headline_that_sums_the_attacks_gives_the_toll(blank):
    text = (
        "Eleven killed in rebel attacks on Aleppo. "
        "Seven civilians including two children were killed when mortar shells hit Aleppo. "
        "Four more died later in the day."
    )
    [event] = events(text, blank)
    assert event.type == "shelling"
    assert (event.killed, event.killed_children) == (11, 2)
    text = "Two killed in attacks on Aleppo. Mortar shells hit Aleppo killing five people."
    [event] = events(text, blank)
    assert event.killed == 5  # a smaller headline figure sums nothing


def test_a_count_run_into_the_hurt_is_of_the_hurt():
    toll = read_toll("A boy killed 14 people injured in rocket attacks on Aleppo")
    assert (toll.killed, toll.children, toll.wounded) == (1, 1, 14)
    assert read_toll("Rockets killed 14 people in Aleppo").killed == 14
    assert read_toll("A car bomb killed 14 people injured 30 in Azaz").killed == 14


def test_a_group_counted_first_is_among_a_larger_toll(blank):
    toll = read_toll("Gunmen execute 8 women: eight women were among 30 people killed in Azaz")
    assert (toll.killed, toll.women) == (30, 8)
    text = (
        "Soldiers execute 9 children in Manbij. "
        "Nine children were among at least 40 people killed in Manbij on Sunday."
    )
    [event] = events(text, blank)
    assert (event.killed, event.killed_children) == (40, 9)


def test_the_lead_run_into_its_headline_names_the_perpetrator(blank):
    text = (
        "Jihadists execute four soldiers AFP Monday Jihadists from the Islamic State (IS) have "
        "executed four Syrian soldiers near Manbij a monitor said."
    )
    [event] = events(text, blank)
    assert event.type == "execution" and event.perpetrators == ["Islamic State"]


def test_a_side_without_aircraft_is_no_airstrikes_perpetrator(blank):
    text = (
        "Douma came under a heavy aerial assault on Monday after rebels fired rockets at Damascus."
    )
    airstrikes = [e for e in events(text, blank) if e.type == "airstrike"]
    assert [e.perpetrators for e in airstrikes] == [[]]
    text = "Russian jets bombed Saraqib on Monday, killing six people."
    [event] = events(text, blank)
    assert event.perpetrators == ["Russia"]


def test_a_missile_strike_is_shelling_not_an_airstrike(blank):
    [event] = events("Five civilians were killed in a missile strike on Aleppo on Monday.", blank)
    assert event.type == "shelling"


def test_killed_and_injured_counts_casualties_not_the_dead():
    assert read_toll("Fourteen killed and injured as a rocket hit the market.").killed is None
    assert read_toll("Eight dead or wounded after the blast.").killed is None
    assert read_toll("Five people were killed and nine injured in the blast.").killed == 5


def test_people_who_had_died_are_dead_but_soldiers_who_had_killed_are_not():
    assert read_toll("Medics said 40 people had died in the gas attack.").killed == 40
    assert read_toll("Twelve residents had perished in the raid.").killed == 12
    toll = read_toll("Eleven soldiers had killed the gang leader.")
    assert toll.killed is None


def test_eliminated_fighters_are_dead_eliminated_posts_are_not():
    toll = read_toll("The army said it eliminated more than 60 jihadists near the dam.")
    assert (toll.killed, toll.combatants) == (60, 60)
    assert read_toll("The army eliminated four positions of the group.").killed is None


def test_martyred_citizens_are_civilian_dead():
    toll = read_toll("Two citizens were martyred when a shell hit their house.")
    assert (toll.killed, toll.civilians) == (2, 2)
    toll = read_toll("The blast resulted in the martyrdom of 6 citizens.")
    assert (toll.killed, toll.civilians) == (6, 6)


def test_civilians_are_the_dead_the_fighters_leave():
    toll = read_toll("Gunmen shot dead seven men, five of them rebels, at the checkpoint.")
    assert (toll.killed, toll.combatants, toll.civilians) == (7, 5, 2)


def test_the_dead_of_the_whole_war_are_a_running_total():
    assert read_toll("More than 300000 people have died in the conflict so far.").killed is None
    assert read_toll("Some 400000 people have been killed in Syria's war.").killed is None
    assert read_toll("Twenty people died in the raid on the war-torn town.").killed == 20


def test_killing_some_and_injuring_others_counts_the_killed():
    toll = read_toll("A blast killed nine people and injured 30 others in the market.")
    assert (toll.killed, toll.wounded) == (9, 30)


def test_a_blast_then_a_suicide_car_bomb_at_one_place_is_one_suicide_bombing(blank):
    text = (
        "A powerful blast shook Azaz on Monday. "
        "Nine people were killed when a suicide car bomb exploded near the market in Azaz."
    )
    [event] = events(text, blank)
    assert event.type == "suicide_bombing" and event.killed == 9


def test_a_car_bomb_and_a_suicide_bombing_in_two_towns_are_two_events(blank):
    text = (
        "A car bomb killed four people in Azaz on Monday. "
        "A suicide bomber killed six people in Daraa on Monday."
    )
    found = events(text, blank)
    assert [e.type for e in found] == ["explosive", "suicide_bombing"]


def test_a_suicide_blast_told_without_a_place_is_not_the_landmine_told_before(blank):
    text = (
        "A landmine killed two shepherds near Azaz on Monday. "
        "In April a suicide bomber killed 12 people at a wedding."
    )
    found = events(text, blank)
    assert [e.type for e in found] == ["explosive", "suicide_bombing"]
    assert [e.killed for e in found] == [2, 12]


def test_a_car_bomb_named_before_the_rockets_leads(blank):
    text = "A car bomb and a rocket attack on a market in Azaz killed at least 30 people on Monday."
    assert events(text, blank)[0].type == "explosive"
    text = "Rocket fire and a car bomb on a market in Azaz killed at least 30 people on Monday."
    assert events(text, blank)[0].type == "shelling"
    text = "Two shells exploded in a square in Azaz, killing three people on Monday."
    assert events(text, blank)[0].type == "shelling"


def test_an_adverb_between_strike_and_its_verb(blank):
    [event] = events("A strike mistakenly hit a school in Manbij, killing 12 people.", blank)
    assert event.type == "airstrike" and event.killed == 12


def test_jihadist_bombers_are_no_aircraft(blank):
    found = events("Four IS bombers killed in clashes near Azaz on Monday.", blank)
    assert [e.type for e in found] == ["armed_clash"]


def test_fights_as_a_noun_are_clashes(blank):
    [event] = events("Nine militants were killed during fights near Daraa on Monday.", blank)
    assert event.type == "armed_clash" and event.killed == 9
    assert events("The group fights for the rights of farmers in Daraa.", blank) == []


def test_hezbollah_al_nujaba_is_the_iraqi_militia_not_hezbollah(blank):
    text = "Hezbollah al-Nujaba fighters clashed with rebels near Aleppo, killing 14 of them."
    result = run(text, blank(PLACES), published="2017-04-05")
    assert "Hezbollah" not in [a.name for a in result.actors]
    [event] = result.events
    assert event.type == "armed_clash" and event.perpetrators == ["Harakat al-Nujaba"]


def test_a_lead_printed_twice_is_told_once(blank):
    lead = "Several people were killed in twin attacks that hit the market. "
    text = (
        "A suicide bomber struck a market in Azaz on Monday. "
        + lead
        + lead
        + "Officials said the attack on Azaz killed six people."
    )
    found = events(text, blank)
    assert [(e.type, e.killed) for e in found] == [("suicide_bombing", 6)]


def test_suicide_bombers_who_were_killed_or_caught_told_no_blast(blank):
    text = "The army killed 40 militants near Daraa, including the suicide bombers of the group."
    assert [e.type for e in events(text, blank)] != ["suicide_bombing"]
    assert (
        events("Police arrested two suicide bombers in Azaz on Monday.", blank)[0].type == "arrest"
    )
    [event] = events("A suicide bomber killed nine people in Azaz on Monday.", blank)
    assert event.type == "suicide_bombing" and event.killed == 9
    text = "Nine people were killed by a truck suicide bomber in Azaz on Monday."
    assert events(text, blank)[0].type == "suicide_bombing"
    text = "Nine people were killed when a suicide bomber struck Azaz on Monday."
    assert events(text, blank)[0].type == "suicide_bombing"


def test_the_accused_is_the_object_of_the_accusation_not_a_side_named_later(blank):
    text = (
        "Gunmen killed 14 villagers near Daraa on Monday. "
        "The gunmen accused the villagers of collaboration with the Syrian army."
    )
    [event] = events(text, blank)
    assert event.perpetrators == [] and event.killed == 14


def test_the_coalition_striking_is_an_airstrike(blank):
    text = "The US-led coalition mistakenly struck allied fighters near Manbij, killing 18 of them."
    [event] = events(text, blank)
    assert event.type == "airstrike" and event.killed == 18
    assert event.perpetrators == ["US-led coalition"]


def test_the_group_a_branch_belongs_to_is_not_the_one_acting(blank):
    text = (
        "Jaish al-Islam, the local affiliate of the Saudi-backed FSA, shelled Damascus on Monday."
    )
    [event] = events(text, blank)
    assert event.perpetrators == ["Jaish al-Islam"]


def test_a_killer_named_with_the_toll_keeps_its_dead_from_another_sides_attack(blank):
    text = (
        "YPG fighters killed 17 Turkish soldiers near Azaz. "
        "Tensions rose after a series of attacks committed by IS militants in 2015."
    )
    for event in events(text, blank):
        assert not (event.perpetrators == ["Islamic State"] and event.killed == 17)


def test_a_killer_with_its_abbreviation_in_brackets(blank):
    text = "Clashes erupted near Azaz on Monday. The Syrian Democratic Forces (SDF) killed 12 militants."
    [event] = events(text, blank)
    assert event.type == "armed_clash" and event.killed == 12
    assert event.perpetrators == ["Syrian Democratic Forces"]


def test_the_day_the_sentence_ties_to_the_deed_beats_a_dateline(blank):
    # The dateline's Friday sits nearer the trigger than the lead's "on Thursday".
    text = (
        "DAMASCUS, Fri Apr 7 2017 - An air strike hit Saraqib at dawn on Thursday, "
        "killing four people."
    )
    [event] = events(text, blank, published="2017-04-07")
    assert event.type == "airstrike" and event.date == dt.date(2017, 4, 6)


def test_a_pages_posted_on_date_is_not_the_deeds(blank):
    text = "Posted on April 12 2017 by a staff writer. Jets struck Saraqib on April 5, killing six."
    [event] = events(text, blank, published="2017-04-12")
    assert event.date == dt.date(2017, 4, 5)
    text = "Posted on April 12 2017 Jets struck Saraqib on April 5, killing six people."
    [event] = events(text, blank, published="2017-04-12")
    assert event.date == dt.date(2017, 4, 5)


def test_a_headline_dated_by_its_dateline_is_the_deed_its_lead_dates(blank):
    text = (
        "Sat Apr 8 2017 Car bomb kills 12 in Azaz\n"
        "Twelve people were killed when a car bomb exploded in Azaz on Friday evening."
    )
    [event] = events(text, blank, published="2017-04-08")
    assert event.type == "explosive" and event.date == dt.date(2017, 4, 7)
    assert event.killed == 12


def test_deeds_a_week_apart_stay_apart(blank):
    text = (
        "Sat Apr 8 2017 Car bomb kills 12 in Azaz\n"
        "A car bomb had also exploded in Azaz on March 25, killing three people."
    )
    assert len(events(text, blank, published="2017-04-08")) == 2


def test_a_bare_date_still_dates_the_event_when_nothing_else_does(blank):
    text = "Fri Apr 7 2017 - An air strike hit Saraqib, killing four people."
    [event] = events(text, blank, published="2017-04-07")
    assert event.date == dt.date(2017, 4, 7)


def test_the_wars_origin_is_background_not_a_protest(blank):
    text = (
        "Jets struck Saraqib on Monday killing five people. "
        "Over 250000 people have died since the revolt started in 2011 with rallies in Daraa. "
        "The war that began with peaceful demonstrations has driven millions from their homes. "
        "Marches against the government erupted in Daraa in spring 2011."
    )
    assert [e.type for e in events(text, blank)] == ["airstrike"]


def test_an_event_dated_years_before_the_report_is_history(blank):
    text = (
        "Regime forces shelled Douma on Sunday killing four people. "
        "Rebels captured the town in 2013 after a long siege."
    )
    assert [e.type for e in events(text, blank, published="2017-04-05")] == ["shelling"]


def test_a_year_in_another_clause_does_not_date_the_event(blank):
    text = "IS which has held Manbij since 2014 was hit by coalition air strikes on Monday."
    [event] = events(text, blank, published="2017-04-05")
    assert event.type == "airstrike" and event.perpetrators == ["US-led coalition"]


def test_habits_and_careers_are_not_events(blank):
    text = (
        "A car bomb went off in Azaz on Monday killing six people. "
        "Warplanes often bomb Saraqib. "
        "Hezbollah is fighting alongside the army near Aleppo. "
        "Whenever the rebels launch rockets at Idlib the army responds."
    )
    assert [e.type for e in events(text, blank)] == ["explosive"]


def test_the_past_perfect_is_background_unless_dated_or_reported(blank):
    text = (
        "Regime forces shelled Douma on Sunday. "
        "Rebels had seized Azaz from the army before the truce."
    )
    assert [e.type for e in events(text, blank)] == ["shelling"]
    text = "A monitor said rebels had seized Azaz from the army."
    assert [e.type for e in events(text, blank)] == ["territory_captured"]


def test_a_fight_abroad_is_not_a_syrian_event(blank):
    text = (
        "Rebels stormed a checkpoint near Saraqib on Monday. "
        "Their commander fought against Soviet troops in Afghanistan."
    )
    result = run(text, blank([*PLACES, ("GPE", "Afghanistan")]), published="2017-04-05")
    assert [e.type for e in result.events] == ["territory_captured"]


def test_sides_joined_after_by_are_all_perpetrators(blank):
    text = "Eight people were killed in air raids by the Syrian regime and Russian jets on Saraqib on Monday."
    [event] = events(text, blank)
    assert event.perpetrators == ["Syrian government forces", "Russia"]
    assert event.targets == []
    text = "Five people were killed by shelling from regime forces along with Hezbollah in Douma."
    [event] = events(text, blank)
    assert event.perpetrators == ["Syrian government forces", "Hezbollah"]


def test_sides_joined_as_targets_stay_targets(blank):
    text = "Coalition air strikes hit IS and Nusra Front positions near Idlib on Monday."
    [event] = events(text, blank)
    assert event.perpetrators == ["US-led coalition"]
    assert len(event.targets) == 2 and event.targets[0] == "Islamic State"


def test_an_accusation_of_something_else_names_no_perpetrator(blank):
    text = (
        "A car bomb killed nine people in Azaz on Friday. "
        "Damascus accused Turkey of funding armed groups."
    )
    [event] = events(text, blank)
    assert event.type == "explosive" and event.perpetrators == []
    text = "A car bomb killed nine people in Azaz on Friday. Activists blamed IS for the incident."
    [event] = events(text, blank)
    assert event.perpetrators == ["Islamic State"]


def test_a_bomber_on_a_vehicle_is_a_suicide_bombing_not_an_airstrike(blank):
    text = "A motorbike bomber killed 11 people at a checkpoint in Azaz on Monday."
    [event] = events(text, blank)
    assert event.type == "suicide_bombing" and event.killed == 11


def test_a_list_of_groups_of_dead_is_their_sum():
    toll = read_toll("Eleven soldiers and four rebels were killed in the clashes.")
    assert (toll.killed, toll.combatants) == (15, 15)
    toll = read_toll("The shelling killed nine civilians along with two policemen.")
    assert (toll.killed, toll.civilians, toll.combatants) == (11, 9, 2)
    toll = read_toll("Four children and three women were killed in the raid.")
    assert (toll.killed, toll.children, toll.women) == (7, 4, 3)
    toll = read_toll("The raid killed six children and 11 others in the market.")
    assert (toll.killed, toll.children) == (17, 6)


def test_a_list_that_names_a_part_keeps_the_whole():
    toll = read_toll("At least 14 civilians and five children have been killed in the strikes.")
    assert (toll.killed, toll.civilians, toll.children) == (14, 14, 5)
    toll = read_toll("The strike killed 12 soldiers and 30 others were wounded.")
    assert (toll.killed, toll.wounded) == (12, 30)


def test_a_side_named_by_its_adjective_on_one_strike(blank):
    # The weapon nouns take the singular as well as the plural.
    [event] = events("A man was killed in a Russian airstrike on Saraqib on Tuesday.", blank)
    assert event.type == "airstrike" and event.perpetrators == ["Russia"]
    [event] = events("An Israeli missile hit a depot near Damascus on Tuesday.", blank)
    assert event.perpetrators == ["Israel"]


def test_syrian_strikes_are_the_governments(blank):
    [event] = events("Syrian strikes on Douma killed six people on Tuesday.", blank)
    assert event.type == "airstrike" and event.killed == 6
    assert event.perpetrators == ["Syrian government forces"]


def test_two_sides_named_in_one_phrase_are_both_perpetrators(blank):
    [event] = events(
        "Syrian and Russian air strikes on Douma killed nine people on Tuesday.", blank
    )
    assert event.perpetrators == ["Syrian government forces", "Russia"]
    [event] = events("Russian and regime warplanes struck Douma on Tuesday, killing nine.", blank)
    assert event.perpetrators == ["Russia", "Syrian government forces"]


def test_a_side_joined_to_a_dropped_one_is_no_target(blank):
    # a headline run into its lead, as pasted pages often are: one sentence
    text = (
        "New strikes kill 25 in Douma Monitor AFP Tuesday At least 25 civilians were killed in "
        "heavy Russian and Syrian strikes on Douma on Tuesday."
    )
    for event in events(text, blank):
        assert "Syrian government forces" not in event.targets


def test_a_count_that_a_span_of_days_opens_is_a_running_total():
    assert (
        read_toll("Since Saturday, at least 68 civilians have been killed in Aleppo.").killed
        is None
    )
    assert read_toll("Since March 2011 more than 300,000 people have been killed.").killed is None
    # a comparison is no span, and a clause's year is no count
    assert read_toll("The strikes, the heaviest since Saturday, killed 12 people.").killed == 12
    assert read_toll("The deadliest attack since 2016 killed 40 people in Azaz.").killed == 40
    assert read_toll("Rebels who have held the town since 2014 killed 12 soldiers.").killed == 12


def test_every_group_of_a_listed_breakdown_counts():
    toll = read_toll("Air strikes killed 20 people including five women and seven children.")
    assert (toll.killed, toll.women, toll.children) == (20, 5, 7)
    toll = read_toll("Twenty people were killed, six of them children and four women.")
    assert (toll.killed, toll.children, toll.women) == (20, 6, 4)
    # the list's next count is of the wounded, not of the dead
    toll = read_toll(
        "The strike killed 12 people including three children and 30 others were hurt."
    )
    assert (toll.killed, toll.children, toll.women, toll.wounded) == (12, 3, None, 30)


def test_gunmen_make_an_attack_only_when_they_act(blank):
    text = "Some 200 gunmen arrived in Saraqib on Monday with trucks loaded with machine guns."
    assert events(text, blank) == []
    text = "About 40 gunmen handed themselves and their weapons over to the police in Douma."
    assert [e.type for e in events(text, blank)] != ["attack"]
    [event] = events("Masked gunmen shot four teachers in Saraqib on Monday.", blank)
    assert event.type == "attack" and event.place is not None


def test_a_device_made_found_or_dismantled_is_no_blast(blank):
    text = "Engineering units dismantled explosive devices and landmines left behind in Saraqib."
    assert events(text, blank) == []
    text = "The army destroyed a workshop in Douma where the militants made car bombs."
    assert [e.type for e in events(text, blank)] == []
    [event] = events("A car bomb exploded in Azaz on Monday, killing six people.", blank)
    assert event.type == "explosive" and event.killed == 6


def test_an_attack_fought_off_is_a_clash(blank):
    text = "Government troops repelled an attack by Nusra Front fighters on a checkpoint near Saraqib on Monday."
    [event] = events(text, blank)
    assert event.type == "armed_clash"
    text = "A suicide attack by IS fighters on army lines near Daraa was foiled on Monday."
    [event] = events(text, blank)
    assert event.type == "armed_clash"
    [event] = events("IS fighters attacked a bakery in Daraa on Monday.", blank)
    assert event.type == "attack"


def test_a_sentence_set_abroad_tells_no_syrian_event(blank):
    places = [*PLACES, ("GPE", "Iraq"), ("GPE", "Kirkuk"), ("GPE", "Haditha")]
    text = (
        "Rebels shelled Saraqib on Monday. "
        "In Iraq, government forces repelled an IS attack on the town of Haditha on Sunday. "
        "Kurdish fighters shot dead six suicide bombers west of Kirkuk."
    )
    result = run(text, blank(places), published="2017-04-05")
    assert [e.type for e in result.events] == ["shelling"]


def test_what_follows_a_sentence_set_abroad_happened_there(blank):
    places = [*PLACES, ("GPE", "Iraq"), ("GPE", "Haditha")]
    text = (
        "Rebels shelled Saraqib on Monday. "
        "In Iraq, government forces repelled an IS attack on the town of Haditha on Sunday. "
        "At least 20 militants were killed in the failed attack. "
        "Six people died in Douma on Monday."
    )
    result = run(text, blank(places), published="2017-04-05")
    assert [(e.type, e.killed) for e in result.events] == [("shelling", None)]


def test_devices_removed_after_the_fighting_are_no_blast(blank):
    text = (
        "The army took control of the hills near Saraqib, which were secured after dozens of "
        "explosive devices and mines were removed."
    )
    assert [e.type for e in events(text, blank)] == ["territory_captured"]
    [event] = events(
        "A car bomb exploded near a school which was destroyed in Azaz on Monday.", blank
    )
    assert event.type == "explosive"


def test_a_side_described_by_its_fight_is_no_clash(blank):
    text = (
        "A car bomb killed nine people in Azaz on Monday. "
        "Officials blamed the attack on rebels fighting to overthrow the government."
    )
    assert [e.type for e in events(text, blank)] == ["explosive"]
    text = "The US-led coalition fighting IS says its jets struck a bridge near Manbij on Monday."
    assert [e.type for e in events(text, blank)] == ["airstrike"]
    text = "Jets struck Saraqib, a town that has witnessed fierce fighting between the army and rebels."
    assert [e.type for e in events(text, blank)] == ["airstrike"]
    [event] = events(
        "Heavy fighting between the army and rebels raged in Saraqib on Monday.", blank
    )
    assert event.type == "armed_clash"
    [event] = events("Rebels were fighting the army in Saraqib on Monday.", blank)
    assert event.type == "armed_clash"


def test_a_deed_told_as_last_year_is_background(blank):
    text = "Rebels shelled Azaz on Monday. Last year the army captured Saraqib from rebels."
    assert [e.type for e in events(text, blank)] == ["shelling"]
    text = "Rebels shelled Azaz on Monday. The army captured Saraqib two years ago."
    assert [e.type for e in events(text, blank)] == ["shelling"]


def test_the_toll_of_a_deed_told_as_history_counts_for_no_event(blank):
    text = (
        "Rebels shelled Azaz on Monday. "
        "Saraqib saw fierce fighting last year that left 16 people dead."
    )
    [event] = events(text, blank)
    assert event.type == "shelling" and event.killed is None


def test_a_side_involved_in_a_campaign_lends_nothing_to_the_report_s_blast(blank):
    text = (
        "A suicide bomber killed 16 people in Azaz on Tuesday. "
        "No group claimed the bombing. "
        "Rebels in Azaz are involved in a Turkish-backed offensive against the jihadists."
    )
    [event] = events(text, blank)
    assert event.type == "suicide_bombing" and event.perpetrators == []


def test_martyrs_are_the_dead():
    toll = read_toll(
        "Two car bombs hit a checkpoint near the shrine, claiming 6 martyrs and 20 injured."
    )
    assert (toll.killed, toll.wounded) == (6, 20)


def test_members_of_a_named_group_are_combatants():
    toll = read_toll("Twelve members of the Liwa al-Haqq rebel group were killed in the blast.")
    assert (toll.killed, toll.combatants) == (12, 12)
    toll = read_toll("Nine members of the same family were killed in the blast.")
    assert (toll.killed, toll.civilians) == (9, 9)


def test_a_blast_told_with_no_place_after_a_suicide_bombing_is_that_bombing(blank):
    text = (
        "A suicide bomber killed 22 guests at a wedding in Azaz on Sunday. "
        '"He walked towards the tent and seconds later there was a huge explosion," a guest said.'
    )
    [event] = events(text, blank)
    assert event.type == "suicide_bombing" and event.killed == 22


def test_such_an_attack_refers_back_to_the_event_told(blank):
    text = (
        "A car bomb killed 11 people in Azaz on Monday. "
        "Officials said the police had received no warning. "
        "The market had reopened a week before. "
        "Shops stayed closed on Tuesday. "
        "Residents said militants have committed such heinous attacks to take revenge."
    )
    assert [e.type for e in events(text, blank)] == ["explosive"]


def test_a_dated_blast_with_no_place_is_not_the_suicide_bombing(blank):
    text = (
        "A suicide bomber killed 22 guests at a wedding in Azaz on Sunday. "
        "The town was also hit on March 3 when at least six people were killed in a car bomb attack."
    )
    assert [(e.type, e.killed) for e in events(text, blank)] == [
        ("suicide_bombing", 22),
        ("explosive", 6),
    ]


def test_a_sentence_going_on_with_the_same_side_keeps_its_day(blank):
    text = (
        "In another development on Monday, the army captured two hills near Saraqib. "
        "They further shelled the road to Idlib, killing three fighters."
    )
    result = events(text, blank)
    assert {e.type: e.date for e in result} == {
        "territory_captured": dt.date(2017, 4, 3),
        "shelling": dt.date(2017, 4, 3),
    }
    text = (
        "On Monday the army captured two hills near Saraqib. "
        "Rebels shelled the road to Idlib, killing three fighters."
    )
    assert {e.type: e.date for e in events(text, blank)} == {
        "territory_captured": dt.date(2017, 4, 3),
        "shelling": None,
    }


def test_executed_meaning_carried_out_is_no_execution(blank):
    text = "The strikes on Saraqib were executed to deny the jihadists the use of the bridge."
    assert [e.type for e in events(text, blank)] == ["airstrike"]
    text = "Army units executed a wide operation near Azaz on Monday."
    assert [e.type for e in events(text, blank)] == []
    [event] = events("IS executed six men in Azaz on Monday.", blank)
    assert event.type == "execution"


def test_a_state_of_the_war_is_no_event(blank):
    text = "Government forces are currently fighting the jihadists around Saraqib."
    assert events(text, blank) == []
    text = "Azaz is home to thousands of people displaced by fighting in nearby villages."
    assert events(text, blank) == []
    text = "Fighting between the army and rebels near Saraqib has intensified in the past month."
    assert events(text, blank) == []
    [event] = events("Rebels are attacking army posts in Saraqib on Monday.", blank)
    assert event.type == "attack"


def test_gunmen_who_were_killed_made_no_attack(blank):
    text = "Three gunmen were killed by the police in Azaz on Monday."
    assert "attack" not in [e.type for e in events(text, blank)]
    [event] = events("Gunmen have killed three policemen in Azaz on Monday.", blank)
    assert event.type == "attack"


def test_a_reaction_to_a_deed_refers_back_to_it(blank):
    text = (
        "A car bomb killed 14 people at a market in Azaz on Monday. "
        "Officials met on Tuesday to discuss reconstruction. "
        "The mayor said schools would reopen. "
        "Residents blamed the jihadists for a monstrous and cowardly attack on civilians."
    )
    assert [e.type for e in events(text, blank)] == ["explosive"]
    text = "Residents blamed the jihadists for an attack on a school in Saraqib on Monday."
    assert [e.type for e in events(text, blank)] == ["attack"]


def test_a_deed_told_beside_a_trend_is_still_told(blank):
    text = "IS killed 20 rebels near Saraqib as the clashes between the two sides have intensified."
    [event] = events(text, blank)
    assert event.type == "armed_clash" and event.killed == 20


def test_fighting_terrorism_is_a_policy_not_a_fight(blank):
    text = "The two ministers discussed in Damascus closer cooperation in fighting terrorism."
    assert [e.type for e in events(text, blank)] == []
    text = "Jets struck Saraqib on Monday as the government keeps fighting against terrorist organizations."
    assert [e.type for e in events(text, blank)] == ["airstrike"]
    [event] = events("Troops were fighting the terrorists near Saraqib on Monday.", blank)
    assert event.type == "armed_clash"


def test_they_who_act_next_are_the_side_told_acting_before(blank):
    text = (
        "Government forces captured two hills near Saraqib on Monday. "
        "They then shelled the road to Idlib."
    )
    result = {e.type: e.perpetrators for e in events(text, blank)}
    assert result["shelling"] == result["territory_captured"] == ["Syrian government forces"]
    text = "Government forces captured two hills near Saraqib. They were shelled by rebels later."
    result = {e.type: e.perpetrators for e in events(text, blank)}
    assert result["shelling"] != ["Syrian government forces"]


def test_a_place_named_to_locate_another_is_not_where_it_happened(blank):
    places = [*PLACES, ("GPE", "Madaya")]
    text = "Shelling killed three women in Madaya west of the Syrian capital Damascus."
    result = run(text, blank(places), published="2017-04-05")
    assert result.place(result.events[0].place).name == "Madaya"
    text = "Three women were killed by shelling on Damascus near Madaya."
    result = run(text, blank(places), published="2017-04-05")
    assert result.place(result.events[0].place).name == "Damascus"


def test_places_listed_with_their_own_locators_are_not_references(blank):
    text = "Jets carried out ten air strikes, nine near Manbij and one near Aleppo."
    result = run(text, blank(PLACES), published="2017-04-05")
    assert result.place(result.events[0].place).name == "Manbij"


def test_where_the_shooters_sat_is_not_where_the_shells_fell(blank):
    text = "Mortar shells fired by militants positioned in Douma fell on Damascus, wounding four people."
    result = run(text, blank(PLACES), published="2017-04-05")
    assert result.place(result.events[0].place).name == "Damascus"
    text = "Rebels located in Saraqib and Idlib fired rockets on Azaz on Monday."
    result = run(text, blank(PLACES), published="2017-04-05")
    assert result.place(result.events[0].place).name == "Azaz"


def test_a_photo_caption_tells_no_event_of_the_report(blank):
    text = (
        "Rebels shelled Azaz on Monday. "
        "A medic runs after an airstrike on a hospital in Saraqib Syria August 6 2016 (Example Agency)"
    )
    assert [e.type for e in events(text, blank)] == ["shelling"]


def test_the_side_a_verb_of_attack_falls_on_is_the_target(blank):
    text = "Rebels attacked government forces with two suicide car bombs near Saraqib on Monday."
    [event] = events(text, blank)
    assert event.type == "suicide_bombing"
    assert event.perpetrators == ["Syrian rebels"] and event.targets == ["Syrian government forces"]


def test_men_from_a_group_are_its_men_and_a_border_is_no_side(blank):
    text = "Terrorists from Nusra Front fired rockets on Aleppo on Monday, killing two civilians."
    [event] = events(text, blank)
    assert event.perpetrators == ["Jabhat al-Nusra"] and event.targets == []
    text = "A car bomb killed six people in Azaz near the border with Turkey on Monday."
    [event] = events(text, blank)
    assert event.targets == [] and event.perpetrators == []


def test_a_site_said_to_lie_nearby_is_not_where_the_strikes_fell(blank):
    text = (
        "Helicopters dropped barrel bombs on Manbij on Monday, killing nine people. The air "
        "strikes on Manbij are aimed at the fronts of IS, including the nearby Kuweires Air "
        "Base, a monitor said."
    )
    nlp = blank([*PLACES, ("FAC", "Kuweires Air Base")])
    result = run(text, nlp, published="2017-04-05")
    [event] = result.events
    manbij = next(p for p in result.places if p.name == "Manbij")
    assert event.type == "airstrike" and event.place == manbij.key


def test_the_side_driven_back_is_not_who_took_the_town(nlp):
    text = (
        "After weeks of fighting, Kurdish forces pushed back Islamic State militants and "
        "retook the town of Tal Abyad on Monday."
    )
    [capture] = [e for e in run(text, nlp).events if e.type == "territory_captured"]
    assert capture.perpetrators == ["People's Protection Units"]


def test_the_side_repelled_is_not_who_took_the_village(nlp):
    text = "Government forces repelled an IS attack and recaptured Saraqib on Monday."
    [capture] = [e for e in run(text, nlp).events if e.type == "territory_captured"]
    assert capture.perpetrators == ["Syrian government forces"]


def test_rebels_who_fought_the_army_seized_the_town(nlp):
    text = "Rebels who fought the army for weeks seized the town of Saraqib on Sunday."
    [capture] = [e for e in run(text, nlp).events if e.type == "territory_captured"]
    assert capture.perpetrators == ["Syrian rebels"]


def test_two_sides_sharing_one_noun_are_both_perpetrators(nlp):
    for text in (
        "Turkish and coalition warplanes bombed the town of Saraqib on Wednesday.",
        "Coalition and Turkish warplanes bombed the town of Saraqib on Wednesday.",
    ):
        [strike] = [e for e in run(text, nlp).events if e.type == "airstrike"]
        assert sorted(strike.perpetrators) == ["Turkey", "US-led coalition"], text
        assert strike.targets == []


def test_an_adjective_that_names_no_known_side_adds_none(nlp):
    # "Iraqi warplanes" is no side the lexicon knows, so "Iraqi" names none here.
    text = "Iraqi and coalition warplanes bombed the town of Saraqib on Wednesday."
    [strike] = [e for e in run(text, nlp).events if e.type == "airstrike"]
    assert set(strike.perpetrators) <= {"US-led coalition"}
