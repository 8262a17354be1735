import datetime as dt

from extraction.tests.conftest import assert_spans_exact, run

PEOPLE = [
    ("PERSON", "Lina Haddad"),
    ("PERSON", "Haddad"),
    ("PERSON", "Oleg Petrov"),
    ("PERSON", "Petrov"),
    ("PERSON", "Selim Kaya"),
    ("PERSON", "Karim Aziz"),
    ("GPE", "Ankara"),
    ("GPE", "Beirut"),
]


def meetings(result, kind="in_person"):
    return [m for m in result.meetings if m.kind == kind]


def test_met_in_city_on_weekday(blank):
    text = "Lina Haddad met Oleg Petrov in Ankara on Tuesday to discuss the ceasefire."
    result = run(text, blank(PEOPLE), published="2019-03-06")  # a Wednesday
    [meeting] = meetings(result)
    assert set(meeting.participants) == {"Lina Haddad", "Oleg Petrov"}
    assert result.place(meeting.place).name == "Ankara"
    assert meeting.date == dt.date(2019, 3, 5) and meeting.date_precision == "day"
    assert_spans_exact(text, result)


def test_held_talks_with(blank):
    text = "Oleg Petrov held talks with Karim Aziz in Beirut on Saturday."
    result = run(text, blank(PEOPLE), published="2019-03-09")
    [meeting] = meetings(result)
    assert meeting.date == dt.date(2019, 3, 9)
    assert result.place(meeting.place).name == "Beirut"


def test_a_person_who_told_a_news_agency_by_phone_called_nobody(blank):
    text = (
        "Five people including the council member Omar Saleh were killed, Lina Haddad told AFP "
        "by telephone on Monday."
    )
    result = run(text, blank([("PERSON", "Omar Saleh"), ("PERSON", "Lina Haddad")]))
    assert meetings(result, "phone") == []


def test_phone_call_is_not_a_meeting(blank):
    text = "Lina Haddad spoke by phone with Oleg Petrov on Monday about the crossings."
    result = run(text, blank(PEOPLE))
    assert meetings(result) == []
    assert [set(m.participants) for m in meetings(result, "phone")] == [
        {"Lina Haddad", "Oleg Petrov"}
    ]


def test_video_call_is_not_a_meeting(blank):
    text = "Lina Haddad and Oleg Petrov held a video call on Monday."
    result = run(text, blank(PEOPLE))
    assert meetings(result) == [] and len(meetings(result, "video")) == 1


def test_planned_meeting_is_left_out(blank):
    text = "Lina Haddad will meet Oleg Petrov in Ankara next week."
    assert meetings(run(text, blank(PEOPLE))) == []


def test_denied_attendance_is_left_out(blank):
    text = "Lina Haddad and Oleg Petrov did not attend the meeting."
    assert meetings(run(text, blank(PEOPLE))) == []


def test_later_sentences_add_participants(blank):
    text = (
        "Lina Haddad met Oleg Petrov in Ankara on Friday. "
        "The delegation also included Selim Kaya and Karim Aziz."
    )
    result = run(text, blank(PEOPLE), published="2019-03-09")
    [meeting] = meetings(result)
    assert set(meeting.participants) == {"Lina Haddad", "Oleg Petrov", "Selim Kaya", "Karim Aziz"}
    assert meeting.date == dt.date(2019, 3, 8) and len(meeting.spans) == 2


def test_surname_mentions_merge_into_one_meeting(blank):
    text = "Lina Haddad met Oleg Petrov in Ankara on Friday. After the meeting Haddad and Petrov spoke."
    result = run(text, blank(PEOPLE), published="2019-03-09")
    [meeting] = meetings(result)
    assert sorted(meeting.participants) == ["Lina Haddad", "Oleg Petrov"]


def test_separate_meeting_is_a_second_event(blank):
    text = (
        "Lina Haddad held talks with Oleg Petrov in Ankara on Friday. "
        "Haddad and Selim Kaya met separately beforehand."
    )
    result = run(text, blank(PEOPLE), published="2019-03-09")
    found = sorted(sorted(m.participants) for m in meetings(result))
    assert found == [["Lina Haddad", "Oleg Petrov"], ["Lina Haddad", "Selim Kaya"]]
    assert all(m.date == dt.date(2019, 3, 8) for m in meetings(result))


def test_capital_by_demonym(blank):
    text = "Lina Haddad and Oleg Petrov gathered in the Turkish capital on Monday."
    result = run(text, blank(PEOPLE), published="2019-03-06")
    [meeting] = meetings(result)
    assert result.place(meeting.place).name == "Ankara"


def test_dateline_gives_the_place(blank):
    text = "BEIRUT, Lebanon — Lina Haddad held talks with Oleg Petrov on Sunday."
    result = run(text, blank(PEOPLE), published="2019-03-10")
    [meeting] = meetings(result)
    assert result.place(meeting.place).name == "Beirut"


def test_date_from_a_participant_sentence(blank):
    text = (
        "Lina Haddad said on Thursday the crossings would reopen. "
        "She spoke at a joint press conference with Oleg Petrov in Ankara."
    )
    result = run(text, blank(PEOPLE), published="2019-03-09")
    [meeting] = meetings(result)
    assert meeting.date == dt.date(2019, 3, 7)


def test_single_participant_is_no_meeting(blank):
    text = "Lina Haddad visited Ankara on Monday."
    assert meetings(run(text, blank(PEOPLE))) == []


def test_no_publication_date_no_date(blank):
    text = "Lina Haddad met Oleg Petrov in Ankara on Tuesday."
    [meeting] = meetings(run(text, blank(PEOPLE), published=None))
    assert meeting.date is None


def test_real_model_meeting(nlp):
    text = (
        "Iraqi Foreign Minister Fuad Hussein met his Jordanian counterpart Ayman Safadi in Amman "
        "on Sunday to discuss the border."
    )
    result = run(text, nlp, published="2023-01-17")  # a Tuesday
    [meeting] = meetings(result)
    assert {"Fuad Hussein", "Ayman Safadi"} <= set(meeting.participants)
    assert meeting.date == dt.date(2023, 1, 15)
    assert result.place(meeting.place).name == "Amman"


def test_received_a_person_is_a_meeting(blank):
    text = "Lina Haddad received Oleg Petrov in Beirut on Friday."
    result = run(text, blank(PEOPLE), published="2019-03-09")
    assert [sorted(m.participants) for m in meetings(result)] == [["Lina Haddad", "Oleg Petrov"]]


def test_received_a_thing_is_not_a_meeting(blank):
    text = (
        "Beirut received its first aid shipment on Friday. Lina Haddad and Oleg Petrov praised it."
    )
    assert meetings(run(text, blank(PEOPLE), published="2019-03-09")) == []


def test_a_meeting_called_for_is_not_held(blank):
    text = "Lina Haddad and Oleg Petrov called for an emergency meeting in Beirut on Friday."
    assert meetings(run(text, blank(PEOPLE), published="2019-03-09")) == []


def test_talks_they_were_to_hold_are_not_held(blank):
    text = "Lina Haddad and Oleg Petrov were to hold talks in Ankara."
    assert meetings(run(text, blank(PEOPLE))) == []


def test_talks_alone_do_not_make_a_meeting(blank):
    text = "Lina Haddad and Oleg Petrov both praised the peace talks."
    assert meetings(run(text, blank(PEOPLE))) == []


def test_seat_of_government_gives_the_capital(blank):
    text = "Lina Haddad held talks with Oleg Petrov at the Kremlin on Friday."
    result = run(text, blank(PEOPLE), published="2019-03-09")
    [meeting] = meetings(result)
    moscow = result.place(meeting.place)
    assert moscow.name == "Moscow" and moscow.country == "RU"


def test_people_of_a_subordinate_clause_about_another_event_are_not_participants(nlp):
    text = (
        "Jordanian Foreign Minister Ayman Safadi met Lebanese Prime Minister Najib Mikati in Beirut "
        "on Monday, a week after Israeli Prime Minister Benjamin Netanyahu visited the border."
    )
    result = run(text, nlp, published="2023-03-13")
    assert [set(m.participants) for m in result.meetings] == [{"Ayman Safadi", "Najib Mikati"}]


def test_a_leading_clause_about_another_event_adds_no_participant(nlp):
    text = (
        "After Vladimir Putin ordered the withdrawal, Iranian Foreign Minister Hossein "
        "Amir-Abdollahian met Syrian Foreign Minister Faisal Mekdad in Damascus on Sunday."
    )
    result = run(text, nlp, published="2023-03-12")
    people = [set(m.participants) for m in result.meetings]
    assert people and all("Vladimir Putin" not in p for p in people)


def test_also_met_starts_a_second_meeting_on_the_same_day_and_place(nlp):
    text = (
        "Iraqi Prime Minister Mohammed Shia al-Sudani met Syrian President Bashar al-Assad in "
        "Damascus on Sunday. He arrived on March 3 for a two-day stay. "
        "Assad also received Omani Foreign Minister Badr Albusaidi on Sunday."
    )
    result = run(text, nlp, published="2023-07-16")
    meetings = {frozenset(m.participants): m for m in result.meetings}
    second = meetings.get(frozenset({"Bashar al-Assad", "Badr Albusaidi"}))
    assert second is not None and str(second.date) == "2023-07-16"
    assert frozenset({"Mohammed Shia al-Sudani", "Bashar al-Assad"}) in meetings


# Participants read from the dependency parse (real model): one test per construction.


def people_of(text: str, nlp, published: str = "2018-12-29") -> list[set[str]]:
    return [set(m.participants) for m in meetings(run(text, nlp, published=published))]


def test_subject_and_object_of_met(nlp):
    text = (
        "Russian Foreign Minister Sergei Lavrov met Turkish Foreign Minister Mevlut Cavusoglu "
        "on Monday, spokeswoman Maria Zakharova said."
    )
    assert people_of(text, nlp) == [{"Sergei Lavrov", "Mevlut Cavusoglu"}]


def test_conjoined_subjects_held_talks(nlp):
    text = (
        "Russian President Vladimir Putin and Turkish President Recep Tayyip Erdogan held talks "
        "in Sochi on Monday."
    )
    result = run(text, nlp, published="2018-09-18")
    [meeting] = meetings(result)
    assert set(meeting.participants) == {"Vladimir Putin", "Recep Tayyip Erdogan"}
    assert result.place(meeting.place).name == "Sochi"


def test_received_a_guest(nlp):
    text = "Syrian President Bashar al-Assad received Iranian Foreign Minister Javad Zarif in Damascus."
    assert people_of(text, nlp) == [{"Bashar al-Assad", "Mohammad Javad Zarif"}]


def test_talks_between_two_people(nlp):
    text = (
        "Talks between John Kerry and Sergei Lavrov in Geneva lasted four hours on Saturday, "
        "spokeswoman Maria Zakharova said."
    )
    assert people_of(text, nlp) == [{"John Kerry", "Sergei Lavrov"}]


def test_visited_a_city_and_met_a_person(nlp):
    text = (
        "Vladimir Putin visited Damascus on Tuesday and met Bashar al-Assad at an air base, "
        "Kremlin spokesman Dmitry Peskov said."
    )
    result = run(text, nlp, published="2020-01-08")
    [meeting] = meetings(result)
    assert set(meeting.participants) == {"Vladimir Putin", "Bashar al-Assad"}
    assert result.place(meeting.place).name == "Damascus"


def test_delegation_led_by(nlp):
    text = (
        "A Syrian opposition delegation led by Ahmad al-Jarba met Sergei Lavrov in Moscow, "
        "spokeswoman Maria Zakharova said."
    )
    assert people_of(text, nlp) == [{"Ahmad Jarba", "Sergei Lavrov"}]


def test_the_two_leaders_are_the_last_meeting_s_pair(nlp):
    text = (
        "Vladimir Putin hosted Recep Tayyip Erdogan in Sochi on Monday. "
        "The two leaders then held talks with Hassan Rouhani."
    )
    [people] = people_of(text, nlp, published="2018-09-18")
    assert people == {"Vladimir Putin", "Recep Tayyip Erdogan", "Hassan Rouhani"}


def test_relative_clause_person_is_not_a_participant(nlp):
    text = (
        "Sergei Lavrov met John Kerry, who had earlier criticised Bashar al-Assad, in Geneva "
        "on Friday."
    )
    assert people_of(text, nlp) == [{"Sergei Lavrov", "John Kerry"}]


def test_quote_speaker_is_not_a_participant(nlp):
    text = (
        '"Bashar al-Assad met Vladimir Putin in Moscow on Tuesday," Sergei Lavrov told reporters.'
    )
    assert people_of(text, nlp) == [{"Bashar al-Assad", "Vladimir Putin"}]


def test_said_on_a_visit_is_no_meeting_with_the_man_named(nlp):
    text = (
        "The Assad regime must go, British Foreign Secretary William Hague said on a visit to "
        "Paris on Tuesday."
    )
    assert meetings(run(text, nlp)) == []


def test_headline_list_without_a_verb_linking_names_is_no_meeting(nlp):
    text = (
        "Related News Sudanese President Omar al-Bashir dissolves government | Summit in Tehran "
        "calls for political solution | Mohammed bin Salman courts investors"
    )
    assert meetings(run(text, nlp)) == []


def test_possessive_owner_is_not_a_participant(nlp):
    text = "Bashar al-Assad's adviser Bouthaina Shaaban met Sergei Lavrov in Moscow on Friday."
    assert people_of(text, nlp) == [{"Bouthaina Shaaban", "Sergei Lavrov"}]


def test_expected_to_meet_is_not_a_meeting(nlp):
    text = "Vladimir Putin is expected to meet Recep Tayyip Erdogan in Sochi."
    assert meetings(run(text, nlp)) == []


def test_pronoun_subject_is_the_speaker(nlp):
    text = "Sergei Lavrov said he met Bashar al-Assad in Damascus on Friday."
    assert people_of(text, nlp) == [{"Sergei Lavrov", "Bashar al-Assad"}]


def test_joined_by(nlp):
    text = (
        "Vladimir Putin, joined by Sergei Shoigu, received Benjamin Netanyahu at the Kremlin "
        "on Wednesday, spokesman Dmitry Peskov told reporters."
    )
    assert people_of(text, nlp, published="2018-07-12") == [
        {"Vladimir Putin", "Sergei Shoigu", "Benjamin Netanyahu"}
    ]


def test_a_second_pair_meeting_in_the_same_report_stays_separate(nlp):
    text = (
        "John Kerry met British Foreign Secretary Boris Johnson in London on Sunday. "
        "A meeting between Kerry and Sergei Lavrov lasted four hours."
    )
    found = sorted(sorted(p) for p in people_of(text, nlp, published="2016-10-17"))
    assert found == [["Boris Johnson", "John Kerry"], ["John Kerry", "Sergei Lavrov"]]


def test_the_delegation_included_adds_everyone_listed(nlp):
    text = (
        "US General Joseph Votel met Turkish General Yasar Guler in Ankara on Thursday. "
        "The US delegation also included Under Secretary of Defense John Rood and "
        "Major General Jamie Jarrard."
    )
    [people] = people_of(text, nlp, published="2018-06-22")
    assert {"Joseph Votel", "Yasar Guler", "John Rood", "Jamie Jarrard"} <= people


def test_a_meeting_told_as_background_with_an_earlier_year_is_left_out(nlp):
    text = (
        "Omar Suleiman spent years in Iraq, where he met Daniel Whitford before returning "
        "to Syria in 2009."
    )
    assert meetings(run(text, nlp, published="2019-03-06")) == []


def test_a_year_of_the_publication_does_not_make_a_meeting_background(nlp):
    text = "In 2019 Omar Suleiman met Daniel Whitford in Ankara."
    [meeting] = meetings(run(text, nlp, published="2019-03-06"))
    assert set(meeting.participants) == {"Omar Suleiman", "Daniel Whitford"}


def test_a_fronted_after_talks_without_a_comma_names_who_held_them(nlp):
    text = "After talks in Geneva Omar Suleiman and Daniel Whitford said the truce would hold."
    result = run(text, nlp, published="2019-03-06")
    [meeting] = meetings(result)
    assert set(meeting.participants) == {"Omar Suleiman", "Daniel Whitford"}
    assert result.place(meeting.place).name == "Geneva"


def test_a_place_in_a_relative_clause_is_not_the_meeting_place(nlp):
    text = (
        "MOSCOW, March 5 (Reuters) - Omar Suleiman met Daniel Whitford, who had earlier "
        "visited Ankara, on Tuesday."
    )
    result = run(text, nlp, published="2019-03-06")
    [meeting] = meetings(result)
    assert result.place(meeting.place).name == "Moscow"


def test_a_place_in_a_temporal_phrase_is_not_the_meeting_place(nlp):
    text = "Omar Suleiman received Daniel Whitford on Tuesday after his trip to Ankara."
    [meeting] = meetings(run(text, nlp, published="2019-03-06"))
    assert meeting.place is None


def test_photos_of_two_people_shaking_hands(nlp):
    text = (
        "The ministry released photos of Omar Suleiman and Daniel Whitford shaking hands "
        "after the ceremony."
    )
    [meeting] = meetings(run(text, nlp, published="2019-03-06"))
    assert set(meeting.participants) == {"Omar Suleiman", "Daniel Whitford"}


def test_photos_released_of_two_people_shaking_hands_hung_on_the_verb(nlp):
    text = (
        "The Ministry released photos of Omar Suleiman and Daniel Whitford shaking hands "
        "following the ceremony, marking a new alignment between the two sides."
    )
    [meeting] = meetings(run(text, nlp, published="2019-03-06"))
    assert set(meeting.participants) == {"Omar Suleiman", "Daniel Whitford"}


def test_sat_at_the_same_table_as(nlp):
    text = "Omar Suleiman sat at the same table as Daniel Whitford in Geneva on Tuesday."
    result = run(text, nlp, published="2019-03-06")
    [meeting] = meetings(result)
    assert set(meeting.participants) == {"Omar Suleiman", "Daniel Whitford"}
    assert result.place(meeting.place).name == "Geneva"


def test_a_country_sending_delegates_adds_them_to_the_meeting_told(nlp):
    text = (
        "Omar Suleiman met Daniel Whitford in Amman on Monday. Suleiman's aide Ali Mansour "
        "attended, while Iran sent Foreign Minister Reza Tavakoli and army chief Samir Nasser."
    )
    [meeting] = meetings(run(text, nlp, published="2019-03-06"))
    assert {"Reza Tavakoli", "Samir Nasser"} <= set(meeting.participants)


def calls_of(text: str, nlp, kind: str = "phone") -> list[set[str]]:
    return [set(m.participants) for m in meetings(run(text, nlp), kind)]


def test_parsed_call_parties_are_the_caller_and_whom_they_spoke_with(nlp):
    text = (
        "Turkish Foreign Minister Mevlut Cavusoglu spoke by phone with his Russian counterpart "
        "Sergei Lavrov on Sunday about the situation in Idlib."
    )
    assert calls_of(text, nlp) == [{"Mevlut Cavusoglu", "Sergei Lavrov"}]


def test_parsed_call_received_from_someone(nlp):
    text = (
        "President Bashar al-Assad received a phone call from Iranian President Hassan Rouhani "
        "on Tuesday."
    )
    assert calls_of(text, nlp) == [{"Bashar al-Assad", "Hassan Rouhani"}]


def test_parsed_call_with_an_unnamed_official_is_no_call(nlp):
    text = (
        "Laurent Fabius spoke over the phone with the head of the opposition coalition, who "
        "compared the army to the forces of Saddam Hussein."
    )
    assert calls_of(text, nlp) == []


def test_parsed_call_a_person_the_callers_discussed_is_not_a_party(nlp):
    text = (
        "In a telephone call on Monday, Vladimir Putin and Recep Tayyip Erdogan discussed the "
        "fate of Abu Bakr al-Baghdadi."
    )
    assert calls_of(text, nlp) == [{"Vladimir Putin", "Recep Tayyip Erdogan"}]


def test_parsed_letter_to_someone(nlp):
    text = "The envoy Karim Aziz sent a letter to Foreign Minister Oleg Petrov on Thursday."
    assert calls_of(text, nlp, "letter") == [{"Karim Aziz", "Oleg Petrov"}]


def test_parsed_call_that_was_only_planned_is_left_out(nlp):
    text = "Emmanuel Macron will speak by phone with Vladimir Putin on Friday."
    assert calls_of(text, nlp) == []


def test_parsed_call_the_person_told_in_a_call_is_a_party(nlp):
    text = (
        "The inspectors must be let in at once, John Kerry told Foreign Minister Oleg Petrov "
        "in a call on Saturday."
    )
    assert calls_of(text, nlp) == [{"John Kerry", "Oleg Petrov"}]


def test_parsed_letter_sent_by_someone_to_someone(nlp):
    text = (
        "In a letter sent by coalition president Karim Aziz to Secretary-General Ban Ki-moon, "
        "the coalition described the siege."
    )
    assert calls_of(text, nlp, "letter") == [{"Karim Aziz", "Ban Ki-moon"}]


def test_parsed_letter_to_a_title_of_an_office_names_its_holder(nlp):
    text = (
        "In a letter sent by the Chairman of the Syrian Council Mohammed Karim Aziz to the UN "
        "envoy Oleg Petrov the council described the siege."
    )
    assert calls_of(text, nlp, "letter") == [{"Mohammed Karim Aziz", "Oleg Petrov"}]


def test_a_host_who_thanked_the_guests_for_coming_was_in_the_room(nlp):
    text = (
        "A meeting between the defence ministers of Jordan, Iraq and Lebanon was held on "
        "Tuesday in Amman. Iraqi Defence Minister Karim Aziz said in the talks that the border "
        "must be secured. Opening the session, Jordanian Defence Minister Oleg Haddad thanked "
        "the ministers for coming to Amman."
    )
    assert people_of(text, nlp, published="2023-05-10") == [{"Karim Aziz", "Oleg Haddad"}]


def test_thanking_someone_for_a_statement_is_no_meeting(nlp):
    text = "Karim Aziz thanked Oleg Haddad for his support in a statement on Tuesday."
    assert people_of(text, nlp, published="2023-05-10") == []


def test_meeting_place_after_an_adjective_of_the_city(nlp):
    text = (
        "Oleg Petrov, speaking after talks with Karim Aziz at his residence in the coastal city "
        "of Latakia on Monday, said the talks went well."
    )
    result = run(text, nlp, published="2018-09-17")
    [meeting] = meetings(result)
    assert result.place(meeting.place).name == "Latakia"


def test_a_person_in_attendance_joins_the_meeting_told(nlp):
    text = (
        "Russian Foreign Minister Sergei Lavrov met Iranian Foreign Minister Javad Zarif in Moscow "
        "on Friday. Turkish Foreign Minister Mevlut Cavusoglu was also in attendance."
    )
    assert people_of(text, nlp, published="2016-12-24") == [
        {"Sergei Lavrov", "Mohammad Javad Zarif", "Mevlut Cavusoglu"}
    ]


def test_a_person_in_attendance_while_another_joined_by_phone(nlp):
    text = (
        "Russian Foreign Minister Sergei Lavrov met Iranian Foreign Minister Javad Zarif in Moscow "
        "on Friday. Turkish Foreign Minister Mevlut Cavusoglu was present, and UN envoy Staffan "
        "de Mistura took part by phone."
    )
    assert people_of(text, nlp, published="2016-12-24") == [
        {"Sergei Lavrov", "Mohammad Javad Zarif", "Mevlut Cavusoglu"}
    ]


def test_one_person_in_attendance_is_no_meeting(nlp):
    text = "Turkish Foreign Minister Mevlut Cavusoglu was in attendance at the ceremony on Friday."
    assert meetings(run(text, nlp, published="2016-12-24")) == []


def test_a_person_who_will_be_present_does_not_join(nlp):
    text = (
        "Russian Foreign Minister Sergei Lavrov met Iranian Foreign Minister Javad Zarif in Moscow "
        "on Friday. Turkish Foreign Minister Mevlut Cavusoglu will be present at the next round."
    )
    assert people_of(text, nlp, published="2016-12-24") == [
        {"Sergei Lavrov", "Mohammad Javad Zarif"}
    ]


def test_besides_the_person_named_the_delegation_included(nlp):
    text = (
        "Syrian President Bashar al-Assad met a UN delegation in Damascus on Monday. Besides "
        "Lakhdar Brahimi, the delegation included Staffan de Mistura."
    )
    assert people_of(text, nlp, published="2016-12-20") == [
        {"Bashar al-Assad", "Lakhdar Brahimi", "Staffan de Mistura"}
    ]


def test_talks_that_opened_with_one_speaker_and_a_session_that_heard_two_more(nlp):
    text = (
        "The second round of the talks opened in Geneva on Tuesday with UN envoy Geir Pedersen "
        "urging both delegations to compromise. Tuesday's opening session, which saw speeches "
        "from Bashar al-Jaafari and Nasr al-Hariri, lasted three hours."
    )
    result = run(text, nlp, published="2019-11-27")
    [meeting] = meetings(result)
    assert set(meeting.participants) == {"Geir Pedersen", "Bashar Jaafari", "Nasr al-Hariri"}
    assert result.place(meeting.place).name == "Geneva"
    assert meeting.date == dt.date(2019, 11, 26)


def test_a_summit_that_opened_with_speeches_by_two_leaders(nlp):
    text = (
        "The summit opened in Tehran on Friday with speeches by Iranian President Hassan Rouhani "
        "and Russian President Vladimir Putin."
    )
    assert people_of(text, nlp, published="2018-09-07") == [{"Hassan Rouhani", "Vladimir Putin"}]


def test_one_speaker_at_a_summit_is_no_meeting(nlp):
    text = (
        "The Arab League summit opened in Jeddah on Friday with Syrian President Bashar al-Assad "
        "calling for Arab unity."
    )
    assert meetings(run(text, nlp, published="2023-05-19")) == []


def test_speakers_at_two_different_summits_did_not_meet(nlp):
    text = (
        "The Arab League summit opened on Friday with Syrian President Bashar al-Assad calling "
        "for Arab unity. The G7 summit opened on Friday with Ukrainian President Volodymyr "
        "Zelenskyy urging more sanctions."
    )
    assert meetings(run(text, nlp, published="2023-05-19")) == []


def test_speakers_at_a_summit_that_will_open_have_not_met(nlp):
    text = (
        "The summit will open in Tehran on Friday with speeches by Iranian President Hassan "
        "Rouhani and Russian President Vladimir Putin."
    )
    assert meetings(run(text, nlp, published="2018-09-05")) == []


def test_speakers_at_a_summit_on_no_named_day_are_left_out(nlp):
    text = (
        "The summit opened with speeches by Iranian President Hassan Rouhani and Russian "
        "President Vladimir Putin."
    )
    assert meetings(run(text, nlp, published="2018-09-07")) == []


def test_the_council_is_the_one_council_the_report_names(nlp):
    text = (
        "US envoy Brett McGurk visited Ain Issa on Wednesday and met the council. The Syrian "
        "Democratic Forces set up the Raqqa Civil Council in April to run the city."
    )
    assert people_of(text, nlp, published="2017-06-28") == [{"Brett McGurk", "Raqqa Civil Council"}]


def test_the_council_of_a_report_naming_two_councils_is_nobody(nlp):
    text = (
        "US envoy Brett McGurk visited Ain Issa on Wednesday and met the council. The Syrian "
        "Democratic Forces set up the Raqqa Civil Council and the Tabqa Civil Council in April."
    )
    assert meetings(run(text, nlp, published="2017-06-28")) == []


def test_a_person_present_in_a_city_does_not_join_a_meeting(nlp):
    text = (
        "Russian Foreign Minister Sergei Lavrov met Iranian Foreign Minister Javad Zarif on "
        "Friday. Turkish Foreign Minister Mevlut Cavusoglu was present in Ankara."
    )
    assert people_of(text, nlp, published="2016-12-24") == [
        {"Sergei Lavrov", "Mohammad Javad Zarif"}
    ]
