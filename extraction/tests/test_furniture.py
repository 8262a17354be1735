"""Page furniture found in plain text and left out of what the extractor reads."""

import datetime as dt

import pytest

from extraction import extract
from extraction.furniture import furniture_blank, furniture_spans, strip_furniture
from extraction.tests.conftest import assert_spans_exact

REPORT = (
    "Syrian government forces shelled the town of Khan Sheikhoun on Tuesday, killing at least "
    "nine civilians, a monitoring group said. The Britain-based Syrian Observatory for Human "
    "Rights said rescue workers were still searching the rubble."
)

# Real reporting that uses the words furniture is made of; none of it may be touched.
UNCHANGED = [
    REPORT,
    "Related talks in Geneva stalled. The opposition said it would not return before the "
    "shelling of Eastern Ghouta stopped, according to a statement posted on Twitter and Facebook.",
    "Share prices in Damascus fell sharply on Monday. Print media loyal to the government "
    "blamed the sanctions, while officials said the copyright of the footage belonged to the army.",
    "The leaders agreed on three points:\nA ceasefire in Idlib\nA corridor for aid convoys\n"
    "Talks in Astana next month\nExchange of prisoners\nThe agreement takes effect on Friday.",
    "Syrian army retakes Palmyra\n\nBy Jane Doe\n\nExample News Agency\n\nPublished Sunday "
    "March 27 2016\n\nSyrian troops backed by Russian air strikes recaptured the ancient city "
    "of Palmyra on Sunday, state television said.",
    "Dog Tags and helmets were found at the site, the official said. Follow the money, he "
    "added: the group sells oil to traders in Raqqa.",
    "He said the Help Desk of the United Nations in Damascus had received 200 calls. "
    "Home Secretary Amber Rudd met the families in London.",
    "Russian President Vladimir Putin met his Turkish counterpart Recep Tayyip Erdogan in Sochi "
    "on Monday. Read the full statement, the Kremlin said, published on its website.",
    "Reporting by Amnesty International showed that the strikes hit two schools in Idlib.",
    "The council met on Monday. Editing by hand, he said, took the clerks a week.",
]


@pytest.mark.parametrize("text", UNCHANGED)
def test_reporting_comes_through_unchanged(text):
    assert furniture_spans(text) == []
    assert strip_furniture(text) == text


def test_share_bar_and_view_counter_before_the_report():
    text = "Khan Sheikhoun shelled AFP Thursday 4 May 2017 Print Tweet Share Views 1204 " + REPORT
    assert strip_furniture(text) == "Khan Sheikhoun shelled AFP Thursday 4 May 2017 " + REPORT


def test_tag_list_glued_to_the_next_sentence_is_removed_up_to_that_sentence():
    text = (
        "The convoy reached the town late on Sunday. Tags Syria Homs siege Rebels aid convoy "
        "At least nine people were killed in Homs on Monday, activists said."
    )
    assert strip_furniture(text) == (
        "The convoy reached the town late on Sunday. "
        "At least nine people were killed in Homs on Monday, activists said."
    )


def test_tag_list_stops_early_rather_than_cut_into_a_sentence_with_a_capitalised_subject():
    text = (
        "Tags Hama Idlib Turkey Kurdish Syrian regime warplanes bombed the market in Maarat "
        "al-Numan on Friday."
    )
    # "Kurdish" could begin the sentence as well as end the tags: it stays.
    assert strip_furniture(text) == (
        "Kurdish Syrian regime warplanes bombed the market in Maarat al-Numan on Friday."
    )


def test_tag_list_and_comment_widget_at_the_end():
    text = REPORT + " Tags airstrikes The Syrian war Idlib Community standardsDiscussion"
    assert strip_furniture(text) == REPORT


def test_sidebar_of_headlines_and_site_footer_at_the_end_are_removed():
    text = (
        REPORT + " Source Example News and agencies Related News Putin and Erdogan meet in "
        "Sochi | Lavrov holds talks with Zarif in Tehran | Storm hits coast Are talks over? "
        "Category News Aid reaches Douma Iran hosts summit on Syria A photo says it all. "
        "Follow us on Instagram. Dont miss out on the Latest News We wont spam you. "
        "Subscribe to our Youtube channel for the latest reporting. Subscribe Example News on "
        "Facebook Like Follow Copyright © 2019 Example News. Example News Watch Live TV Schedule "
        "Where to Watch About Us Careers Contact Us Terms of Use Privacy Policy Cookie Policy"
    )
    assert strip_furniture(text) == REPORT + " Source Example News and agencies"


def test_headlines_before_a_report_are_removed_up_to_the_report():
    text = (
        "Print Tweet Views 88 Related Putin hosts Assad in Sochi Aid convoy reaches Madaya "
        "Talks with Iran resume in Vienna A car bomb killed 12 people in Azaz on Tuesday, "
        "a monitor said."
    )
    assert (
        strip_furniture(text) == "A car bomb killed 12 people in Azaz on Tuesday, a monitor said."
    )


def test_headlines_not_told_from_the_report_are_kept_rather_than_cut_into_it():
    text = (
        "Related Coverage Putin hosts Assad in Sochi Foreign Minister Sergei Lavrov said "
        "Russia had seen the reports."
    )
    assert strip_furniture(text) == (
        "Putin hosts Assad in Sochi Foreign Minister Sergei Lavrov said Russia had seen the reports."
    )


def test_headlines_one_a_line_after_the_report():
    text = (
        REPORT + "\n\nMore Stories\nPutin meets Erdogan in Sochi\nIran and Turkey hold talks\n"
        "UN envoy visits Damascus\nAid reaches Douma"
    )
    assert strip_furniture(text) == REPORT


def test_a_run_of_short_title_lines_without_heading_is_a_sidebar():
    text = (
        REPORT + "\n\nPutin meets Erdogan in Sochi\nIran and Turkey hold talks in Tehran\n"
        "UN envoy visits Damascus\nAid reaches besieged Douma\n\nThe talks resume next week."
    )
    assert strip_furniture(text) == REPORT + "\n\nThe talks resume next week."


@pytest.mark.parametrize(
    "furniture",
    [
        "Read more here",
        "Slideshow (3 Images)",
        "Topic Battle for Aleppo (1240)",
        "Copyright 2017 Example News.",
        "All rights reserved.",
        "Leave a comment",
    ],
)
def test_small_pieces_of_furniture_between_paragraphs(furniture):
    text = REPORT + "\n\n" + furniture + "\n\n" + REPORT
    assert strip_furniture(text) == REPORT + "\n\n" + REPORT


def test_blanking_keeps_length_offsets_and_line_breaks():
    text = REPORT + "\nPrint Tweet Views 12\nTags Syria Homs\n" + REPORT
    blanked = furniture_blank(text)
    assert len(blanked) == len(text)
    assert blanked.count("\n") == text.count("\n")
    assert "Tweet" not in blanked and "Tags" not in blanked
    for start, end in furniture_spans(text):
        assert blanked[start:end].strip() == ""
    assert blanked.replace(" ", "") == (REPORT + "\n\n\n" + REPORT).replace(" ", "")


def test_extractor_reads_no_meeting_or_actor_from_a_sidebar(nlp):
    text = (
        "Government forces shelled Douma on Monday, killing seven civilians, activists said. "
        "Source Example News Related News Putin meets Erdogan in Sochi to discuss Idlib "
        "Lavrov holds talks with Zarif in Tehran Follow us on Instagram. Subscribe Example News "
        "on Youtube Copyright 2019 Example News. About Us Careers Contact Us Privacy Policy"
    )
    result = extract(text, published=dt.date(2019, 5, 8), nlp=nlp)
    assert result.meetings == []
    names = {a.name for a in result.actors}
    assert not names & {"Vladimir Putin", "Putin", "Recep Tayyip Erdogan", "Erdogan", "Lavrov"}
    assert "Douma" in {p.name for p in result.places}
    assert_spans_exact(text, result)


def test_tag_list_before_a_long_sentence_ends_where_the_sentence_starts():
    sentence = (
        "Two children were killed in regime raids on the neighbourhood on Tuesday while more "
        "than ten other civilians were wounded in airstrikes on the same area according to "
        "sources on the ground who spoke to reporters by telephone from the besieged city of "
        "Homs late in the evening after the raids had stopped."
    )
    text = "Tags Waer incendiary weapons war crimes Syrian conflict " + sentence
    assert strip_furniture(text) == "Syrian conflict " + sentence


def test_a_long_run_after_tags_with_no_end_in_sight_is_not_taken_whole():
    run = " ".join(["internationally condemned bombardments continued relentlessly"] * 7)
    text = "Tags " + run
    assert len(run.split()) < 40 and len(run) > 400
    assert strip_furniture(text) == text


@pytest.mark.parametrize(
    "credits",
    [
        "Reporting by Leila Haddad; Editing by Tom Reed",
        "Reporting by Omar Nasser Beirut newsroom; Writing by S. J. Cole; editing by Ana Ruiz "
        "and Ben Frost",
        "Additional reporting by Rana Aziz in Amman and Joe Park in Geneva; Editing by Kim Lo "
        "Our Standards:The Thomson Reuters Trust Principles.",
        "(Writing by Dan Greer London Desk)",
    ],
)
def test_a_wire_credit_line_is_removed_with_its_names_and_bureaus(credits):
    body = "Mortar shells hit the Old City of Damascus on Monday, injuring two people."
    after = "The governor said repairs would start on Tuesday."
    ended = credits if credits.endswith((".", ")")) else f"{credits}."
    assert strip_furniture(f"{body} {ended}") == body
    assert strip_furniture(f"{body} {ended} {after}") == f"{body} {after}"
    result = extract(f"{body} {ended}", published=dt.date(2017, 3, 1))
    assert result.actors == []
    assert [p.name for p in result.places] == ["Old Damascus"]  # no bureau's city


@pytest.mark.parametrize(
    "signoff",
    ["Leila Haddad", "K. al-Masri/R. Nouri", "Samira/Fadi / Omar Khatib", "T.Saleh/ Yara"],
)
def test_the_writers_sign_off_after_the_last_sentence_is_removed(signoff):
    body = "Mortar shells hit the Old City of Damascus on Monday, injuring two people."
    assert strip_furniture(f"{body} {signoff}") == body
    assert strip_furniture(f"{body}\n{signoff}\n") == body


@pytest.mark.parametrize(
    "text",
    [
        "The talks resumed in Geneva, said Leila Haddad.",
        "The convoy used the Aleppo/Gaziantep road on Monday. It was the first in months",
        "Officials met on Monday. The Syrian army and",
    ],
)
def test_a_sentence_or_a_fragment_with_lowercase_words_is_no_sign_off(text):
    assert strip_furniture(text) == text
