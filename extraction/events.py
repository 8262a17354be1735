"""Violent events: what happened, who did it to whom, where and when, with its toll.

A rule-based reader of news sentences. A sentence reports an event when it holds a trigger word
of an ACLED sub-event type (``data/events.json``) that no threat, plan, denial or hypothetical
governs. The sentence then gives the event's perpetrators (a perpetrator phrase before the
trigger or after "by"; a claim or an accusation elsewhere in the article), its place (the most
precise place named in it), its date and its toll (numbers as written: digits and words).
Mentions of the same type, place and day are one event; the first one reported comes first, so
the event of the headline and the lead leads the list.

Works on the raw text with regular expressions: reports often lose their punctuation
("Syrias Aleppo"), which a parser reads badly.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import itertools
import json
import math
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from extraction.dates import MONTH_WORD, WEEKDAY_WORD, find_dates
from extraction.document import Document
from extraction.locating import REGION_POINT
from extraction.types import ActorFact, EventFact, MeetingFact, PlaceFact, Span

DATA = Path(__file__).resolve().parent / "data" / "events.json"
# How far (in sentences) a sentence that only counts the dead may lie from the event it counts.
TOLL_REACH = 2
# How many sentences of the lead may hand a typeless toll or a generic "attack" to the next event.
LEAD_SENTENCES = 3
# How many sentences of the headline and lead may tell the deadly event that then leads the list.
LEAD_TOLL_SENTENCES = 4
# A sentence reports the event its first trigger names, or a more specific one up to this many
# characters on ("a bomb attack ... by a suicide bomber"); triggers further on are other events.
TRIGGER_REACH = 100
# How many characters after an anaphor ("the attack") a place makes it a new event ("the attack
# on Saraqib").
ANAPHOR_PLACE_REACH = 40
# How many sentences from a meeting's report an agreement may be told and still be its outcome.
AGREEMENT_REACH = 2
# The capital and the governorate around it: reports call either "Damascus".
DAMASCUS = {"Damascus", "Rif Dimashq"}
NOT_VIOLENT = frozenset({"agreement", "protest", "arrest", "abduction"})
PLACE_RANK = {"site": 0, "city": 1, "region": 2, "water": 3, "country": 4}
# Two places of one governorate this close are one place for an event: a city and its districts.
SAME_PLACE_KM = 8.0
# How far a suburb may lie from its city in another governorate (Rif Dimashq around Damascus).
SUBURB_KM = 25.0
_WORDS_RE = re.compile(r"[\w'’-]+")
# "Lavrov said ...": what follows is what a participant told, about whoever it names.
_TOLD_RE = re.compile(r"\s+(?:said|says|told\s+\w+|added|announced|stated)\b(.*)", re.I | re.S)
# Words for the parties of a meeting taken together: "the two", "both sides", "the three
# presidents", "the leaders". Not a bare "they": "rebel commanders said they had agreed" after
# a meeting abroad speaks of the rebels.
_THOSE_WHO_MET_RE = re.compile(
    r"\b(?:both(?:\s+(?:sides|leaders|men|ministers|countries))?"
    r"|the\s+(?:two|three|four)(?:\s+(?:sides|leaders|men|presidents|ministers|countries))?"
    r"|the\s+(?:sides|leaders|presidents|ministers|delegations))\b",
    re.I,
)
# "Syrian troops were killed", "62 soldiers killed in...": victims; "troops killed 32 rebels" is
# the active voice and names the perpetrator.
_VICTIM_RE = re.compile(
    r"\s*(?:(?:were|was|have been|has been|had been|are)\s+(?:\w+\s+)?"
    r"(?:killed|wounded|injured|dead|hurt)|(?:dead|died|wounded|injured)\b|killed\b"
    r"(?!\s+(?:at least|more than|nearly|some|about|around|dozens|scores|hundreds|several|many"
    r"|a|an|the|\d+|one|two|three|four|five|six|seven|eight|nine|ten|\w+teen|\w+ty)\b))",
    re.I,
)
# "...in an ambush: Syrian troops killed 32 rebels": the subject of an active verb of violence.
_ACTIVE_RE = re.compile(
    r"\s+(?:\w+\s+)?(?:killed|kills|killing|bombed|bombs|shelled|shells|struck|strikes|hit|hits"
    r"|pounded|pound|targeted|attacked|attack|executed|executes|captured|captures|seized|seizes"
    r"|launched|launch|carried out|fired|dropped|drop|ambushed|stormed|overran)\b",
    re.I,
)
# Every toll pattern holds one of these words: a sentence without them is not read further.
_TOLL_WORD_RE = re.compile(
    r"kill|dead|death|died|slain|martyr|lives|perish|execut|massacr|murder|behead|suffocat|burn"
    r"|crucif|gunned|toll|bodies|corpses|wound|injur|hurt|victim|eliminat",
    re.I,
)
# Between the groups of a list of the dead: "16 civilians and 12 soldiers", "20 rebels along
# with 9 soldiers".
_LISTED_RE = re.compile(r"\s*(?:,\s*)?(?:and|as well as|along with)\s+", re.I)
# "killing 12 soldiers and 30 others were wounded": the list's next count is of the wounded
_WOUNDED_AFTER_RE = re.compile(r"\s+(?:\w+\s+){0,2}(?:wounded|injured|hurt)\b", re.I)
# "19 killed and injured", "12 dead or wounded": the casualties, not the dead
_CASUALTIES_RE = re.compile(r"\s*(?:and|or|&|/)\s*(?:injured|wounded|hurt)\b", re.I)
# "A child killed 7 people injured": a headline that lost its comma; the count is of the hurt
# ("killed 30 people, injured 90" counts both)
_HURT_AFTER_RE = re.compile(
    r"\s*(?:(?:were|are|have been|had been)\s+)?(?:injured|wounded|hurt)\b"
    r"(?!\s+(?:(?:at least|more than|over|about|nearly|some|around)\s+)?(?:\d|an?\b|one|two"
    r"|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen\b|\w+ty\b|dozens|scores"
    r"|hundreds))",
    re.I,
)
# "Kurdish forces pushed back IS militants and retook the town", "rebels who fought the army
# seized it": the side a verb of fighting or driving out acts on is the one fought, not the
# agent of what follows (the subject before it is).
_FOUGHT_OBJECT_BEFORE_RE = re.compile(
    r"\b(?:push(?:ed|es|ing)?\s+back|drov?e\s+(?:back|out)|driv(?:es?|ing)\s+(?:back|out)"
    r"|expel(?:led|s|ling)?|oust(?:ed|s|ing)?|rout(?:ed|s|ing)?|repel(?:led|s|ling)?"
    r"|defeat(?:ed|s|ing)?|fought|fight(?:s|ing)?|battl(?:ed|es|ing)|attack(?:ed|s|ing)"
    r"|besieg(?:ed|es|ing)|ambush(?:ed|es|ing))\s+(?:(?:the|an?)\s+)?$",
    re.I,
)
# "forces backed by Russian jets": a supporter, not the agent of the event.
_SUPPORT_RE = re.compile(
    r"\b(?:backed|supported|led|controlled|held|run|besieged|encircled|surrounded|brokered|mediated"
    r"|sponsored|guaranteed|proposed|endorsed|negotiated|monitored)\s+by\s+(?:the\s+)?$",
    re.I,
)
_GOVERNORATE_RE = re.compile(r"(.+?)\s+Governorate")
# "X kills", "X units have killed", "X eliminated", "X (Y) killed": X is who killed (not "X were
# killed")
_KILLER_RE = re.compile(
    r"[)\]]?\s+(?:\([^()]{1,30}\)\s+)?"
    r"(?:(?!(?:were|was|are|is|been|being|be)\b)[\w'’-]+\s+){0,2}?(?:kills?|killed|killing"
    r"|eliminat(?:e|es|ed|ing))\s+(?:(?:at least|more than|over|nearly|about|some|around|up to)\s+)?"
    r"(?:\d|[a-z]+ty\b|[a-z]+teen\b|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
    r"|dozens|scores|hundreds)",
    re.I,
)
# How many sentences of the headline and lead say which governorates a report is about.
LEAD_PLACE_SENTENCES = 2
# Types that happen where forces move from: "withdrew from the town", "drove IS from Manbij".
MOVES = frozenset({"withdrawal", "territory_captured", "agreement"})
# "evacuees from the besieged towns of", "rockets fired from": the place after it is an origin
_FROM_BEFORE_RE = re.compile(
    r"\bfrom\s+(?:the\s+)?(?:(?!(?:in|on|at|near|into|to|inside)\b)[\w'’-]+\s+){0,5}?$"
    # "shells fired by terrorists positioned in Eastern Ghouta fell on the prison": where the
    # shooters sat, not where the shells fell
    r"|\b(?:positioned|located|stationed|based|deployed|entrenched|holed\s+up|deployed)\s+(?:in|at)"
    r"\s+(?:the\s+)?(?:(?:town|towns|city|village|villages|area|areas|district)\s+of\s+)?$",
    re.I,
)
# Between a count of the dead and the place it puts them: "killed in (the town of) X".
_TOLL_PLACE_GAP_RE = re.compile(
    r"\s+(?:(?:on|in|across|near|at)\s+)?(?:the\s+)?(?:(?:\w+ )?(?:city|town|village|province|"
    r"countryside) of\s+)?",
    re.I,
)
_LIST_GAP_RE = re.compile(r"\s*(?:,\s*)?(?:and|or|,)\s*", re.I)
# Types whose weapon is fired from somewhere: "shelling from regime positions" names who fired.
FIRED = frozenset({"airstrike", "shelling"})
# Between such a trigger and a side: "bombardment from (the) X".
_SOURCE_RE = re.compile(r"\s+from\s+(?:the\s+)?", re.I)
# "clashes with (the) X"
_OPPONENT_RE = re.compile(r"\s+(?:with|against)\s+(?:the\s+)?", re.I)
# "... were killed in (heavy) clashes": the dead were one side of the fight
_KILLED_IN_RE = re.compile(
    r"\b(?:killed|dead|died)\s+(?:[\w'’-]+\s+){0,4}?(?:in|during)\s+(?:[\w'’-]+\s+){0,2}$", re.I
)
# "two IS suicide bombers", "three Nusra gunmen": a count of the attackers
_ATTACKER_AFTER_RE = re.compile(
    r"\s+(?:suicide\s+)?(?:bombers?|gunm[ae]n|attackers?|snipers?|assailants?)\b", re.I
)
_ATTACKER_END_RE = re.compile(r"(?:bombers?|gunm[ae]n|attackers?|snipers?|assailants?)$", re.I)
# "militias loyal to the regime", "jets belonging to Russia": the side they fight for
_BORDER_WITH = frozenset(
    f"{noun} with" for noun in ("border", "borders", "frontier", "crossing", "crossings")
)
_MEMBERS_FROM = frozenset(
    f"{noun} from"
    for noun in (
        "terrorists",
        "fighters",
        "militants",
        "members",
        "gunmen",
        "rebels",
        "jihadists",
        "militiamen",
        "elements",
        "units",
        "troops",
        "soldiers",
        "insurgents",
        "bombers",
    )
)
_SIDE_OF = frozenset(
    f"{word} to" for word in ("loyal", "belonging", "belong", "belongs", "belonged", "allied")
)
# Words that say what follows "the" is the target, or the agent ("on the", "by the"); "from
# the" and "with the" may as well say who helped ("with cover from the air force").
_BEFORE_THE = frozenset(
    [
        "on",
        "of",
        "against",
        "at",
        "targeting",
        "targeted",
        "hit",
        "hitting",
        "struck",
        "striking",
        "pounded",
        "pounding",
        "bombed",
        "bombing",
        "shelled",
        "shelling",
        "by",
        "hands",
    ]
)
_ANTI_RE = re.compile(r"\banti-\s?$", re.I)
# "the US is investigating reports that 73 civilians were killed": another clause's subject
_THAT_RE = re.compile(r"\b(?:that|which|who|said|says)\b", re.I)
# Between a side and the trigger: the side was the one hit ("X ... were killed in strikes").
_PASSIVE_RE = re.compile(
    r"\b(?:were|was|have been|has been|had been)\s+(?:\w+\s+)?"
    r"(?:killed|wounded|injured|executed|targeted|hit|struck)\b",
    re.I,
)
# "they aim to take the town and arrest its sheikh": what a clause says someone means to do
_AIM_RE = re.compile(
    r"\b(?:aims?|aimed|aiming|plans?|planned|planning|vows?|vowed|seeks?|sought|seeking|wants?"
    r"|wanted|intends?|intended|threatens?|threatened|threatening|trying|tries|tried)\s+to\b",
    re.I,
)
# "the attack", "this week's strikes", "the “Israeli” bombardment", "the Douma attack"
_DEFINITE_BEFORE_RE = re.compile(
    r"\b(?:the|this|that|these|those|such)\s+(?:[\w“”\"'’-]+\s+){0,2}$", re.I
)
# "the UN condemned a bombing", "blamed rebels for an attack", "images of a strike": words about a
# deed; with no new place after it, the deed is one the report has told
_REACTION_BEFORE_RE = re.compile(
    r"\b(?:condemn(?:ed|s|ing)?|denounc(?:ed|es|ing)|deplor(?:ed|es|ing)|decr(?:ied|ies|y)"
    r"|slamm?(?:ed|s)?|blam(?:ed|es|ing)\s+(?:[\w'’-]+\s+){0,3}for|investigat(?:ed|es|ing|ion\s+into)"
    r"|probe\s+into|responsibility\s+for|(?:images|footage|video|photos)\s+of|aftermath\s+of"
    r"|survivors\s+of|perpetrators\s+of|victims\s+of|response\s+to|reaction\s+to)"
    r"\s+(?:(?:a|an|such|the|this|that|these|those)\s+)?(?:[\w'’-]+\s+){0,3}$",
    re.I,
)
# "hours after a chemical attack left dozens dead", "days after the bombing": an earlier event
# that dates this report's own, told in passing.
_BACKGROUND_RE = re.compile(
    r"\b(?:hours|days|weeks|months|a day|a week|a month|one day|one week)\s+"
    r"(?:after|since)\s+(?:(?:a|an|the|this|that|last)\s+)?(?:[\w'’-]+\s+){0,4}$",
    re.I,
)
# The war as a whole, and the words that tell how it began.
_WAR = (
    r"(?:(?:civil\s+)?war|conflict|uprising|revolution|revolt|rebellion|insurgency|crisis|unrest)"
)
_BEGAN = (
    r"(?:began|begun|begin|begins|beginning|started|starting|erupted|erupting|broke out"
    r"|breaking out|sparked|flared)"
)
# "the conflict began with protests", "a war which started in 2011", "since it erupted", "the
# cradle of the uprising", "locked in civil war since early 2011": the war's origin, told as
# background; an event told after it in the sentence is part of that history.
_ORIGIN_RE = re.compile(
    rf"\b{_WAR}\s+(?:(?:which|that|has|had|it|first|only|originally)\s+){{0,2}}{_BEGAN}\b"
    rf"|\b(?:start|beginning|outbreak|onset|cradle|birthplace|capital)\s+of\s+(?:the\s+)?"
    rf"(?:[\w'’-]+\s+){{0,2}}?{_WAR}"
    rf"|\bsince\s+(?:it|they|its\s+{_WAR})\s+{_BEGAN}\b"
    r"|\barab\s+spring\b",
    re.I,
)
# "protests against his rule erupted in March 2011", "protests which erupted as part of the Arab
# Spring": the trigger is the subject of the war's beginning.
_ORIGIN_AFTER_RE = re.compile(
    rf"(?:\s+[\w'’\"-]+){{0,8}}?\s+{_BEGAN}\s+(?:[\w'’-]+\s+){{0,6}}?"
    r"(?:(?:19|20)\d\d\b|arab\s+spring)",
    re.I,
)
# A year as a date: "in 2011", "since early 2014", "March 2013", a timeline's "2012:".
_YEAR_RE = re.compile(
    r"(?:\b(?:in|since|of|early|mid|late|during|until|around|by|summer|winter|spring|autumn|fall"
    r"|Jan\w*|Feb\w*|Mar\w*|Apr\w*|May|June?|July?|Aug\w*|Sep\w*|Oct\w*|Nov\w*|Dec\w*)"
    r"[\s-]+(?:\d{1,2}\s+)?|^\W*)(?P<year>(?:19|20)\d\d)\b(?!\s*(?:people|civilians|fighters))",
    re.I,
)
# Between a year and a trigger: another clause ("IS, which has held Raqqa since 2014, was hit").
_CLAUSE_BREAK_RE = re.compile(r"[;()]|\b(?:which|who|whom|whose|where|was|were|is|are)\b", re.I)
# How far after a trigger a place abroad says where it happened: "fought the Soviets in
# Afghanistan".
ABROAD_REACH = 60
# "west of", "north-east of": a direction from a place
_COMPASS_OF = r"(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+of"
_ABROAD_BEFORE_RE = re.compile(
    r"\b(?:in|on|over|across|inside|near|outside|around|"
    + _COMPASS_OF
    + r")\s+(?:the\s+)?(?:(?:town|city|village|province|region|area|outskirts|suburbs?)"
    r"\s+of\s+)?$",
    re.I,
)
# "In Iraq, government forces repelled an attack on Haditha": a sentence that opens on a place
# abroad tells of events there
_OPENS_ABROAD_RE = re.compile(
    r"^\W*(?:(?:meanwhile|elsewhere|separately|also)\W+)?in\s+(?:neighbou?ring\s+)?(?:the\s+)?$",
    re.I,
)
# How far after an accusing verb its "of" or "for" may come: "accused Saudi Arabia, Turkey and
# Qatar of".
ACCUSED_OF_REACH = 80
_ACCUSED_OF_RE = re.compile(r"\b(?:of|for)\s+", re.I)
# The deeds an accusation may be of, besides the trigger words: "of carrying out", "for the
# deaths", "of being behind".
_DEED_RE = re.compile(
    r"(?:(?:the|a|an|this|that|these|those|its|their)\s+)?(?:[\w'’-]+\s+){0,2}?"
    r"(?:carr(?:y|ying|ied) out|responsib\w*|being behind|behind|perpetrat\w*|commit\w*"
    r"|conduct\w*|launch\w*|us(?:e|ing)|drop\w*|fir(?:e|ing)|target\w*|strik\w*|kill\w*"
    r"|deaths?|murder\w*|massacre\w*|crimes?|atrocit\w*|incidents?|tragedy)\b",
    re.I,
)
# How many years before the report a year must be for what it dates to be history.
HISTORY_YEARS = 2
# "jets often strike", "whenever the group carried out attacks", "attacks it previously
# carried out": a habit or a past long before, not a happening of the report's time.
_HABITUAL_RE = re.compile(
    r"\b(?:often|regularly|frequently|routinely|usually|typically|commonly|repeatedly|constantly"
    r"|periodically|sometimes|occasionally|whenever|used\s+to|tends?\s+to|previously|formerly"
    r"|once)\s+(?:[\w'’-]+\s+){0,3}$",
    re.I,
)
# "the town had been captured by IS", "he had fought the Soviets": the past perfect tells what
# came before the report's events, unless the sentence dates it to the report's days.
_PAST_PERFECT_RE = re.compile(
    r"\bhad\s+(?:(?:also|already|previously|once|earlier|first|long|been)\s+){0,2}$", re.I
)
# "the monitor said the army had taken the village": reported speech moves the tense back.
_REPORTED_BEFORE_RE = re.compile(
    r"\b(?:said|say|says|reported|reports|told|announced|stated|added|claimed|confirmed"
    r"|according to)\b",
    re.I,
)
# "Hezbollah is fighting IS alongside the army", "he has fought in three wars": a side's
# career or an ongoing war, told with a verb of fighting in the present progressive or perfect.
_CAREER_BEFORE_RE = re.compile(
    r"\b(?:is|are|has|have)\s+(?:(?:also|now|still|long|been|already)\s+){0,2}$", re.I
)
_CAREER_RE = re.compile(r"fighting|fought|battling|battled", re.I)
# "the US-led coalition fighting IS", "rebels fighting to overthrow Assad", "an area that has
# witnessed fighting": who a side is or what a place has seen, not a fight the report tells
_FIGHTER_BEFORE_RE = re.compile(
    r"\b(?:coalition|alliance|rebels?|groups?|forces|militants?|factions?|fighters|militias?"
    r"|jihadists?|insurgents|troops|opposition|army|units|brigades?|battalions?|kurds|ISIS"
    r"|ISIL|Daesh|SDF|YPG|FSA|PKK|Hezbollah|Nusra)\s+(?:(?:who|which|that)\s+(?:are|were|is"
    r"|was|have\s+been|has\s+been|had\s+been)\s+)?$",
    re.I,
)
# "cooperation in fighting terrorism", "continue fighting against terrorist organizations": a
# policy, not a fight
_AGAINST_TERROR_RE = re.compile(
    r"\s+(?:against\s+)?(?:(?:international|global|the)\s+)?terror(?:ism|ists?\b(?!\s+(?:were|was"
    r"|who|in|at|near|on)\b)(?:\s+(?:groups?|organi[sz]ations?))?)\b",
    re.I,
)
_FOUGHT_WHOM_RE = re.compile(
    r"\s+(?:to|against|alongside|on\s+behalf\s+of|the\s+(?:regime|government|army|Islamic"
    r"|jihadists?|rebels?|Assad|Kurds|coalition|terrorists?|militants?)|IS|ISIS|ISIL|Daesh"
    r"|President|Bashar|Assad|al-Qaeda|Nusra|Kurdish|government|regime|jihadists?|terrorists?)\b",
    re.I,
)
_WITNESSED_BEFORE_RE = re.compile(
    r"\b(?:witnessed|witnesses|seen|saw|sees|experienced)\s+(?:(?:heavy|fierce|intense|some|"
    r"frequent|repeated|sporadic|the)\s+)?$",
    re.I,
)
# "the YPG is involved in a US-backed offensive against the jihadists": a side's part in a
# campaign, told as what it is doing, not as a deed of the report's days
_INVOLVED_BEFORE_RE = re.compile(
    r"\b(?:is|are|has\s+been|have\s+been)\s+(?:(?:also|now|still|currently)\s+)?(?:involved"
    r"|engaged|taking\s+part|participating)\s+in\s+(?:(?:the|a|an|its|their)\s+)?"
    r"(?:[\w.'’-]+\s+){0,3}$",
    re.I,
)
# "airstrikes were executed to deny Daesh", "executed the plan": carried out, not put to death
_CARRIED_OUT_BEFORE_RE = re.compile(
    r"\b(?:strikes?|airstrikes?|raids?|operations?|attacks?|plans?|missions?|orders?|sorties"
    r"|tasks?|manoeuvres?|maneuvers?)\s+(?:[\w'’-]+\s+){0,2}(?:were|was|have\s+been|has\s+been"
    r"|had\s+been|being|be)\s+(?:[\w'’-]+ly\s+)?$",
    re.I,
)
_CARRIED_OUT_AFTER_RE = re.compile(
    r"\s+(?:(?:the|a|an|its|their|his|this|that)\s+)?(?:[\w'’-]+\s+){0,2}?(?:operations?|plans?"
    r"|missions?|strikes?|attacks?|orders?|tasks?|manoeuvres?|maneuvers?)\b",
    re.I,
)
# "the army is currently fighting IS", "Kurds are attacking ISIS with US air support", "people
# displaced by fighting", "fighting has intensified in the past month": a state of the war, not
# a deed of the report's days (a day the sentence names keeps it one)
_ONGOING_BEFORE_RE = re.compile(
    r"\b(?:(?-i:is|are)\s+(?:(?:currently|still|now|also|increasingly|constantly)\s+)?"
    r"|(?:displaced|uprooted|driven\s+out|forced\s+out|fled|fleeing|escaping|escaped)\s+"
    r"(?:by|from)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,2})$",
    re.I,
)
_TREND_AFTER_RE = re.compile(
    r"(?:\s+[\w'’-]+){0,8}?\s+(?:has|have|had)\s+(?:all\s+|also\s+)?(?:intensified|increased"
    r"|escalated|decreased|eased|subsided|declined|grown|worsened|continued|persisted)\s+"
    r"(?:[\w'’-]+\s+){0,3}?(?:in\s+(?:recent|the\s+past|the\s+last)\s+(?:[\w-]+\s+)?(?:days?|weeks?"
    r"|months?|years?)|recently|since|over\s+the\s+(?:past|last))\b",
    re.I,
)
# "last year regime forces wrested control of Khanaser", "captured two years ago": told as past
_LONG_AGO_RE = re.compile(
    r"\b(?:(?:last|past|previous)\s+year|(?:a|one|two|three|four|five|\d+)\s+years?\s+ago"
    r"|years\s+ago)\b",
    re.I,
)
# How many days before the report a day it names may lie and still date its own events.
RECENT_DAYS = 10
# A vehicle bomb is as specific a weapon as a rocket: "a car bomb and rocket attack" is first the
# car bomb, while "shells exploded" and "a rocket explosion" stay shelling.
_BOMB_RE = re.compile(r"car|booby|explosives?-laden|rigged", re.I)
# "the PYD, the Syrian franchise of the Turkish PKK": the group named is not the one acting
_PART_OF_RE = re.compile(
    r"\b(?:franchise|affiliate|branch|wing|offshoot|off-shoot|arm|faction|ally|partner)\s+of\s+"
    r"(?:the\s+)?(?:[\w'’-]+\s+)?$",
    re.I,
)
# "killed 75 militants including the suicide bombers", "arrested two suicide bombers": the
# bombers are whom the sentence's deed befell; no blast is told
_BOMBERS_HIT_RE = re.compile(
    r"\b(?:including|among them|among whom|killed|killing|kills|eliminated|eliminating|arrested"
    r"|arresting|captured|capturing|detained)\s+(?:(?!(?:by|when|as|after|in)\b)[\w'’-]+\s+){0,3}$",
    re.I,
)
# "captured one of the group's leaders", "seized two fighters": people taken, not ground
_CAPTIVES_RE = re.compile(
    r"\s+(?:(?:one|two|three|four|five|six|seven|eight|nine|ten|several|dozens|scores|a number"
    r"|\d+)\s+(?:of\s+)?(?:the\s+|its\s+|their\s+)?(?:[\w'’-]+\s+){0,2}?"
    r"(?:members?|fighters?|militants?|soldiers?|troops|rebels?|terrorists?|jihadists?|commanders?"
    r"|leaders?|pilots?|officers?|principals|people|civilians|men|women|children|prisoners"
    r"|hostages)|him|her|them)\b",
    re.I,
)
# "the army foiled an attack on its posts", "the assault was repelled": the attack was fought
# off, which ACLED codes as a clash between the sides, not as an attack that struck its target
_FOUGHT_OFF_BEFORE_RE = re.compile(
    r"\b(?:foil(?:ed|s|ing)?|thwart(?:ed|s|ing)?|repel(?:led|s|ling)?|repuls(?:ed|es|ing)"
    r"|fend(?:s|ed|ing)?\s+off|f(?:ight|ights|ought|ighting)\s+off|beat(?:s|ing|en)?\s+back)"
    r"\s+(?:[\w'’-]+\s+){0,4}$",
    re.I,
)
_FOUGHT_OFF_AFTER_RE = re.compile(
    r"(?:\s+[\w'’-]+){0,8}?\s+(?:was|were|had\s+been|has\s+been)\s+"
    r"(?:foiled|thwarted|repelled|repulsed|fended\s+off|fought\s+off|beaten\s+back)\b",
    re.I,
)
# "dismantled explosive devices", "make explosives and car bombs", "destroyed a car bomb": a
# device handled, made or found is no blast
_DEVICE_RE = re.compile(
    r"car ?-?bombs?|(?:booby|explosive|rigged|improvised|ied|land ?mine|mine)", re.I
)
_HANDLED_BEFORE_RE = re.compile(
    r"\b(?:dismantl\w*|defus\w*|destroy\w*|make|makes|made|making|manufactur\w*|produc\w*"
    r"|seiz\w*|confiscat\w*|found|find|finds|discover\w*|remov\w*|clear\w*|disarm\w*"
    r"|neutrali[sz]\w*|detect\w*|stored|storing|stockpil\w*|smuggl\w*)"
    r"\s+(?:[\w'’-]+\s+){0,4}$",
    re.I,
)
_HANDLED_AFTER_RE = re.compile(
    r"(?:\s+(?!(?:exploded|explodes|went|killed|killing|hit|struck|ripped|blew|detonated|near|in"
    r"|at|on|which|that)\b)[\w'’-]+){0,5}?\s+(?:was|were|had\s+been|have\s+been|has\s+been|being)\s+"
    r"(?:removed|dismantled|defused|found|seized|destroyed|cleared|discovered|confiscated"
    r"|neutrali[sz]ed|detonated\s+safely)\b",
    re.I,
)
# "In another development on Thursday, the army took two hills. They further recaptured the
# road.": a sentence that goes on with the same actors (a pronoun, "later", "then") tells a deed
# of the day the sentence before tied its own to
_GOES_ON_RE = re.compile(
    r"\W*(?:(?:they|he|it|the\s+same\s+(?:units|forces|troops|group)|later|then|afterwards"
    r"|shortly\s+after(?:wards)?|soon\s+after)\b|(?:they|it)\s+(?:also|further|then|later)\b)",
    re.I,
)
# "They further seized", "Its forces then shelled": the subject is the side told just before
_THEY_DID_RE = re.compile(
    r"\W*(?:they|its\s+(?:forces|fighters|troops|units|militants)|the\s+group)\s+"
    r"(?:(?:also|further|then|later|have|had|has|reportedly|subsequently)\s+){0,2}$",
    re.I,
)
# How far after a place another may stand as its reference ("Madaya, west of the Syrian capital
# Damascus"), in characters.
REFERENCE_REACH = 50
_LIST_WORD_RE = re.compile(r"\b(?:and|or|but|while|whereas)\b", re.I)
# "attacks on al-Bab ... including the nearby Kweyris airport": a place named as lying beside
# the one the sentence is about, however precise, comes after it.
_NEARBY_BEFORE_RE = re.compile(r"\bnearby\s+$", re.I)
_REFERENCE_BEFORE_RE = re.compile(
    r"\b(?:" + _COMPASS_OF + r"|near|outside|close\s+to"
    r"|on\s+the\s+outskirts\s+of|in\s+the\s+(?:suburbs|countryside|outskirts)\s+of"
    r"|(?:km|kilometres|kilometers|miles)\s+(?:(?:north|south|east|west)\w*\s+)?(?:of|from))"
    r"\s+(?:the\s+)?(?:(?:syrian\s+)?capital\s*,?\s+|city\s+of\s+|town\s+of\s+)?$",
    re.I,
)
# "... in Idlib province Syria August 6 2016 (TRT World and Agencies)", "(Photo ... by AFP)":
# a picture's caption and its credit
_CAPTION_RE = re.compile(
    r"(?:\b(?:19|20)\d\d\s*\((?!\s*updated\b)\s*[A-Z][\w .&'/-]{1,60}\)|\((?:photo|image|file photo"
    r"|picture)\b[^)]*\))\s*\.?\s*$",
    re.I,
)
_TOOK_PLACE_RE = re.compile(r"\s+(?:\w+\s+)?(?:took place|happened|occurred)\b", re.I)
# "announced on Thursday", "told AFP on Sunday", "said Monday"
_SPEECH_BEFORE_RE = re.compile(
    r"\b(?:said|says|announced|reported|told|stated|added|confirmed|declared)\s+(?:\w+\s+){0,2}"
    r"(?:on\s+|late\s+|early\s+)?$",
    re.I,
)
# "on Thursday", "last Friday", "early on 7 April": a day the sentence ties to what happened, as
# a bare date (a dateline's or a byline's, "Fri Apr 8 2016") is not.
_DAY_TIE = r"(?:on|last|this\s+past|early(?:\s+on)?|late(?:\s+on)?|overnight)\s+(?:the\s+)?"
_DAY_TIED_BEFORE_RE = re.compile(rf"\b{_DAY_TIE}$", re.I)
_DAY_TIED_RE = re.compile(_DAY_TIE, re.I)  # the date's own words may hold it: "on Thursday"
_DAY_OF_THE_PAGE_RE = re.compile(r"\b(?:posted|published|updated|printed)\s+(?:on\s+)?$", re.I)
# "an operation to retake the city", "fighting to push IS out of Raqqa": a verb of violence in
# the infinitive is an aim, not a deed.
_INFINITIVE_BEFORE_RE = re.compile(r"\bto\s+(?:(?:fully|completely|finally|eventually)\s+)?$", re.I)
_BASE_VERB_RE = re.compile(
    r"(?:take|retake|seize|capture|recapture|regain|liberate|storm|overrun|drive|push|force|expel"
    r"|oust|clear|establish|impose|restore|withdraw|pull|bomb|strike|hit|target|pound|shell|attack"
    r"|kill|execute|arrest|detain|abduct|kidnap|agree|fight|ambush|assault|raid)\b",
    re.I,
)


@dataclass(frozen=True)
class _Perpetrator:
    regex: re.Pattern[str]
    name: str
    possessive: re.Pattern[str]


@dataclass(frozen=True)
class _Lexicon:
    priority: list[str]
    triggers: list[tuple[str, re.Pattern[str]]]
    generic: frozenset[str]
    not_happened: re.Pattern[str]
    window: int
    not_happened_after: re.Pattern[str]
    victim_class: list[tuple[str, re.Pattern[str]]]
    number_words: dict[str, int]
    running_total: re.Pattern[str]
    perpetrators: list[_Perpetrator]
    no_air_force: frozenset[str]
    not_perpetrator_after: re.Pattern[str]
    target_before: frozenset[str]
    source_after: re.Pattern[str]
    claim: re.Pattern[str]
    accuse: re.Pattern[str]
    killed: re.Pattern[str]
    killing: re.Pattern[str]
    breakdown: re.Pattern[str]
    among: re.Pattern[str]
    toll: re.Pattern[str]
    wounded: re.Pattern[str]
    wounding: re.Pattern[str]
    group: re.Pattern[str]


@functools.lru_cache(maxsize=1)
def lexicon() -> _Lexicon:
    data = json.loads(DATA.read_text(encoding="utf-8"))
    priority = list(data["priority"])
    triggers = [
        (kind, re.compile(r"\b(?:" + "|".join(data["triggers"][kind]) + r")\b", re.I))
        for kind in priority
    ]
    perps = [
        _Perpetrator(
            re.compile(r"\b(?:" + p["pattern"] + r")\b", 0 if p.get("case") else re.I),
            p["name"],
            # "the Syrian armys shelling": a possessive whose apostrophe was lost
            re.compile(r"\b(?:" + p["pattern"] + r")s\b", 0 if p.get("case") else re.I),
        )
        for p in data["perpetrators"]
    ]
    numbers = {k.lower(): int(v) for k, v in data["numbers"].items()}
    units = sorted((w for w in numbers if " " not in w and w not in {"a", "an"}), key=len)
    unit = "|".join(sorted(units, key=len, reverse=True))
    # a number word ends its word: "tens of fighters" is no ten
    num = rf"(?:\d[\d,]*|(?:{unit})(?:[- ](?:{unit}))*(?!\w))"
    approx = r"(?:(?:at least|more than|over|nearly|almost|around|about|some|up to|as many as|a total of|no fewer than|no less than)\s+)*"
    victims = data["victims"]
    noun = "|".join(victims.values())
    # words between a number and its noun ("12 Syrian army troops"), but not the start of a
    # breakdown ("kill 11 including children") nor a place ("kill 12 in rebel-held areas")
    filler = rf"(?!\d)(?!(?:{unit}|including|among|mostly|most|in|on|at|near|around|across|after|when|as)\b)[\w'-]+\s+"
    who = rf"(?:(?:{filler}){{0,3}}?(?:{noun}))?"
    single = r"woman|child|civilian|man|boy|girl|baby|soldier|fighter|rebel|policeman|member"
    aside = r"(?:(?:among them|among whom|including|mostly|most of them|most)\b[\w\s'-]{0,40}?\s)?"
    # "200 people had died": an auxiliary of these alone ("12 soldiers had killed" is active), and
    # not "have died", most often a running total
    died = r"(?:died|perished|lost their lives)"
    killed_verb = r"(?:killed|dead|died|slain|martyred|lost their lives|perished|were executed|executed|massacred|murdered|shot dead|beheaded|suffocated|burned to death)"
    return _Lexicon(
        priority=priority,
        triggers=triggers,
        generic=frozenset(w.lower() for w in data["generic"]),
        not_happened=re.compile(r"\b(?:" + "|".join(data["not_happened"]) + r")\b", re.I),
        window=int(data["not_happened_window"]),
        not_happened_after=re.compile(r"\b" + data["not_happened_after"] + r"\b", re.I),
        # "rebel-held" names a place, not who died
        victim_class=[(k, re.compile(rf"\b(?:{v})\b(?!-)", re.I)) for k, v in victims.items()],
        number_words=numbers,
        running_total=re.compile(r"\b(?:" + "|".join(data["running_total"]) + r")\b", re.I),
        perpetrators=perps,
        no_air_force=frozenset(data["no_air_force"]),
        not_perpetrator_after=re.compile(data["not_perpetrator_after"], re.I),
        target_before=frozenset(data["target_before"]),
        source_after=re.compile(r"\s*(?:" + data["source_after"] + r")", re.I),
        claim=re.compile(data["claim"], re.I),
        accuse=re.compile(r"\b(?:" + data["accuse"] + r")\b", re.I),
        # "at least 17 people were killed", "62 Syrian troops killed", "20 dead"
        killed=re.compile(
            rf"\b{approx}(?P<n>{num}|(?:a|an)(?=\s+(?:{single})))\s+(?P<who>{who})\s*{aside}"
            rf"(?:(?:were|was|have been|has been|had been|are|got|had(?=\s+{died}))\s+)?"
            rf"(?:(?:reportedly|also|all|confirmed|later)\s+)?{killed_verb}\b"
            # "claiming 4 martyrs", "65 bodies of civilians"
            rf"|\b{approx}(?P<nb>{num})\s+(?P<whob>(?:bodies|corpses|martyrs)(?:\s+of\s+{who})?)",
            re.I,
        ),
        # "killing at least 22 civilians", "claimed the lives of two children", "kills 20"
        killing=re.compile(
            rf"\b(?:killing|killed|kills|kill|claimed the lives of|claiming the lives of|deaths? of|"
            rf"left|leaving|executes|execute|executed|executing|massacred|beheaded|beheading|crucified|shot dead|gunned down"
            rf"|martyrdom of)\s+{approx}(?P<n>{num})\s*(?P<who>{who})"
            # "eliminated over 75 militants": of people only ("eliminated 3 positions" is not)
            rf"|\beliminat(?:ed|es|e|ing)\s+{approx}(?P<ne>{num})\s+(?P<whoe>(?:{filler}){{0,3}}?(?:{noun}))\b",
            re.I,
        ),
        # "among them 13 police officers", "including two women", "13 of whom were women"
        breakdown=re.compile(
            rf"\b(?:among them|among whom|including|includ(?:ing|ed|es?)|of them|of whom|mostly)\s+{approx}"
            rf"(?P<n>{num}|a|an)\s+(?P<who>{who})"
            rf"|\b(?P<n2>{num})\s+of (?:them|whom)\s+(?:were\s+)?(?P<who2>{who})",
            re.I,
        ),
        # "six children were among the 19 dead", "two of the victims were minors": a part of a
        # toll that the same or an earlier sentence gives
        among=re.compile(
            rf"\b(?P<n>{num})\s+(?P<who>{who})\s+(?:were|are|was|is)\s+(?:also\s+)?among\s+"
            rf"(?:the\s+|those\s+)?(?:{approx}(?P<total>{num})\s+)?(?:[\w-]+\s+)?"
            rf"(?:dead|killed|victims|casualties|fatalities|people killed)\b"
            rf"|\b(?P<n2>{num})\s+of\s+(?:the|those)\s+(?:dead|victims|killed)\s+"
            rf"(?:were|are)\s+(?P<who2>{who})",
            re.I,
        ),
        # "putting the death toll at at least 70", "death toll rises to 11"
        toll=re.compile(
            rf"\b(?:death toll|toll|number of (?:dead|deaths|victims|those killed))\b[^.]{{0,90}}?"
            rf"\b(?:to|at|of|reached|hit|stands at|stood at)\s+{approx}(?P<n>{num})\b",
            re.I,
        ),
        wounded=re.compile(
            rf"\b{approx}(?P<n>{num})\s+{who}\s*(?:(?:were|was|have been|has been|had been|are)\s+)?"
            rf"(?:(?:also|all|seriously|critically|badly)\s+)?(?:wounded|injured|hurt)\b",
            re.I,
        ),
        wounding=re.compile(
            rf"\b(?:wounding|injuring|wounded|injured)\s+{approx}(?P<n>{num})\b", re.I
        ),
        # "116 rebels", "three children": one group of a list of the dead
        group=re.compile(
            rf"\b{approx}(?P<n>{num})\s+(?P<who>(?:{filler}){{0,3}}?(?:{noun}))\b", re.I
        ),
    )


def number(text: str) -> int | None:
    """'17' -> 17, '1,200' -> 1200, 'Sixty-two' -> 62, 'six' -> 6, 'a' -> 1; else None."""
    text = text.strip().lower()
    if text and text[0].isdigit():
        digits = text.replace(",", "")
        return int(digits) if digits.isdigit() else None
    words = lexicon().number_words
    if text in words:
        return words[text]
    total, current = 0, 0
    for word in re.split(r"[- ]+", text):
        if word not in words:
            return None
        value = words[word]
        if value == 100:
            current = max(current, 1) * 100
        else:
            current += value
    total += current
    return total or None


@dataclass
class Toll:
    killed: int | None = None
    civilians: int | None = None
    children: int | None = None
    women: int | None = None
    combatants: int | None = None
    wounded: int | None = None
    # "Syrian army kills 48 militants": who killed them, when the sentence names no means
    agent: str | None = None
    # where in its sentence the count of the dead is, and the governorate it puts them in
    # ("28 killed in Idlib")
    start: int | None = None
    end: int | None = None
    area: str | None = None

    def empty(self) -> bool:
        return self.killed is None and self.wounded is None

    def parts(self) -> dict[str, int]:
        """The breakdown it gives: civilians, children, women, combatants."""
        names = ("civilians", "children", "women", "combatants")
        return {k: getattr(self, k) for k in names if getattr(self, k) is not None}


def read_toll(sentence: str) -> Toll:
    """The dead and wounded one sentence counts for its event; running totals are left out."""
    lex = lexicon()
    toll = Toll()
    if not _TOLL_WORD_RE.search(sentence):
        return toll
    # The sentence's first count of the dead is its toll, whether it comes before the verb
    # ("38 soldiers were killed") or after it ("killed 38 soldiers").
    for m in sorted(
        _matches(lex.killed, sentence) + _matches(lex.killing, sentence), key=lambda m: m.start()
    ):
        if _running_total(sentence, m):
            continue
        n = number(_group(m, "n", "nb", "ne"))
        if n is None or _year(sentence, m):
            continue
        if m.re is lex.killed and _CASUALTIES_RE.match(sentence, m.end()):
            continue
        if m.re is lex.killing and _HURT_AFTER_RE.match(sentence, m.end()):
            continue
        if toll.killed is None:
            toll.killed, toll.start, toll.end = n, m.start(), m.end()
            if _add_listed_dead(toll, sentence, m):
                continue
        if n == toll.killed:  # "kill 11 ... at least 11 civilians were killed": who they were
            _classify(toll, _group(m, "who", "whob", "whoe"), n)
    if toll.killed is None:
        for m in _matches(lex.toll, sentence):
            n = number(m.group("n"))
            if n is not None and not _running_total(sentence, m):
                toll.killed, toll.start, toll.end = n, m.start(), m.end()
                break
    for m in _matches(lex.among, sentence):
        n = number(m.group("n") or m.group("n2"))
        if n is not None and (toll.killed is None or n <= toll.killed):
            _classify(toll, m.group("who") or m.group("who2") or "", n, breakdown=True)
            _classify_listed(toll, sentence, m.end())
        total = number(m.group("total") or "")
        if (
            total is not None
            and n == toll.killed
            and total > n
            and n in (toll.children, toll.women)
        ):
            # "execute 10 children: ten children were among 48 killed": the 10 were one group
            toll.killed = total
    if toll.killed is not None:
        for m in _matches(lex.breakdown, sentence):
            n = number(m.group("n") or m.group("n2"))
            who = m.group("who") or m.group("who2") or ""
            if n is not None and n <= toll.killed:
                _classify(toll, who, n, breakdown=True)
                _classify_listed(toll, sentence, m.end())
    for m in _matches(lex.wounded, sentence) + _matches(lex.wounding, sentence):
        n = number(m.group("n"))
        if n is not None and not _year(sentence, m):
            toll.wounded = n
            break
    _civilians_fit(toll)
    return toll


def _classify_listed(toll: Toll, sentence: str, end: int) -> None:
    """'including five women and seven children', 'six of them children and four women': the
    groups listed after a breakdown's first are the toll's breakdown too."""
    lex = lexicon()
    while (joiner := _LISTED_RE.match(sentence, end)) and (
        group := lex.group.match(sentence, joiner.end())
    ):
        n = number(group.group("n"))
        if n is None or _WOUNDED_AFTER_RE.match(sentence, group.end()):
            return
        if toll.killed is None or n <= toll.killed:
            _classify(toll, group.group("who"), n, breakdown=True)
        end = group.end()


def _add_listed_dead(toll: Toll, sentence: str, m: re.Match[str]) -> bool:
    """'16 civilians and 12 soldiers were killed', 'killing 20 rebels and 9 soldiers': the dead
    of a list of groups that are not part of one another are their sum, civilians and fighters
    apart; a list that names a part of another ('16 civilians and three children') keeps the
    larger count and the part as its breakdown. True when the toll was read here."""
    lex = lexicon()
    groups: list[tuple[int, str]] = []
    before = [g for g in lex.group.finditer(sentence, 0, m.start()) if g.end() <= m.start()]
    if before and _LISTED_RE.fullmatch(sentence, before[-1].end(), m.start()):
        groups.append((number(before[-1].group("n")) or 0, before[-1].group("who")))
    groups.append((toll.killed or 0, _group(m, "who", "whob", "whoe")))
    if m.re is lex.killing:
        joiner = _LISTED_RE.match(sentence, m.end())
        after = joiner and lex.group.match(sentence, joiner.end())
        if after and not _WOUNDED_AFTER_RE.match(sentence, after.end()):
            groups.append((number(after.group("n")) or 0, after.group("who")))
    if len(groups) < 2:
        return False
    kinds = [_victim_kind(who) for _, who in groups]
    apart = {"civilians", "combatants", "children", "women"}
    # "nine children and 14 others": the others are besides the children
    besides = bool(re.search(r"\b(?:others|more)\b", groups[-1][1], re.I))
    if besides:
        toll.killed = sum(n for n, _ in groups)
        for n, who in groups[:-1]:
            _classify(toll, who, n, breakdown=True)
        return True
    if all(k in apart for k in kinds) and not (
        "civilians" in kinds and {"children", "women"} & set(kinds)
    ):
        toll.killed = sum(n for n, _ in groups)
        for (n, _), kind in zip(groups, kinds, strict=True):
            setattr(toll, kind, (getattr(toll, kind) or 0) + n)
        return True
    toll.killed = max(n for n, _ in groups)
    for n, who in groups:
        _classify(toll, who, n, breakdown=n < toll.killed)
    return True


def _victim_kind(who: str) -> str | None:
    """The first class of the dead a noun phrase names: children, women, civilians, combatants."""
    for kind, regex in lexicon().victim_class:
        if regex.search(who):
            return kind
    return None


def _civilians_fit(toll: Toll) -> None:
    """'nine men, eight of them rebels': the civilians are the dead the fighters among them
    leave, never more."""
    if None in (toll.killed, toll.civilians, toll.combatants):
        return
    if toll.civilians + toll.combatants > toll.killed:  # type: ignore[operator]
        toll.civilians = max(0, toll.killed - toll.combatants)  # type: ignore[operator]


def _matches(regex: re.Pattern[str], text: str) -> list[re.Match[str]]:
    return sorted(regex.finditer(text), key=lambda m: m.start())


def _group(m: re.Match[str], *names: str) -> str:
    """The first of the named groups the pattern has and matched."""
    for name in names:
        if name in m.re.groupindex and m.group(name):
            return m.group(name)
    return ""


# "since 2014 killed", "in 2016 killed": a year told before the verb.
_YEAR_BEFORE_RE = re.compile(
    rf"\b(?:since|in|of|until|till|during|from|early|mid|late|{MONTH_WORD})\s+$", re.I
)


def _year(sentence: str, m: re.Match[str]) -> bool:
    """'Aug 2014 Syrian troops killed...', 'held the town since 2014 killed 12 soldiers': a
    year, not a count."""
    n = _group(m, "n", "nb", "ne")
    at = m.start() + m.group(0).find(n)
    return (
        len(n) == 4
        and n.isdigit()
        and 1900 <= int(n) <= 2099
        and bool(
            re.match(r"\s+[A-Z]", sentence[at + 4 :])
            or _YEAR_BEFORE_RE.search(sentence, max(0, at - 12), at)
        )
    )


# "Since Saturday, at least 68 civilians have been killed", "since March 2011 more than 300,000
# people have died": a count that a span of days opens runs over all of them.
_SINCE_OPENS_RE = re.compile(
    r"\bsince\s+(?:(?:early|late|mid|last)\s+[\w-]+"
    r"|the\s+(?:start|beginning|outbreak)\s+of\s+(?:the\s+)?[\w-]+"
    rf"|{WEEKDAY_WORD}"
    rf"|{MONTH_WORD}\.?(?:\s+\d{{1,2}})?(?:,?\s+(?:19|20)\d\d)?"
    r"|(?:19|20)\d\d)"
    r"[\s,]*(?:(?:at\s+least|more\s+than|over|nearly|almost|about|around|some|up\s+to)\s+)?$",
    re.I,
)
# "the heaviest since Saturday", "the deadliest attack since 2016": a comparison, not a span
_COMPARED_RE = re.compile(
    r"\b(?:\w+est|first|worst|most|least|biggest)\s+(?:[\w'’-]+\s+){0,2}$", re.I
)


def _running_total(sentence: str, m: re.Match[str]) -> bool:
    """'bringing the toll to 400 since March', 'since Saturday at least 68 civilians have been
    killed': a total for more than this event."""
    after = sentence[m.end() : m.end() + 40]
    before = sentence[max(0, m.start() - 30) : m.start()]
    return bool(
        lexicon().running_total.search(after)
        or re.search(r"\bbring(?:s|ing)?\b|\b(?:has|have|had) since\b", before, re.I)
        or _opened_by_since(sentence, m)
    )


def _opened_by_since(sentence: str, m: re.Match[str]) -> bool:
    n = _group(m, "n", "nb", "ne")
    at = m.start() + m.group(0).find(n) if n else m.start()
    since = _SINCE_OPENS_RE.search(sentence, max(0, at - 60), at)
    return since is not None and not _COMPARED_RE.search(
        sentence, max(0, since.start() - 40), since.start()
    )


def _classify(toll: Toll, who: str, n: int, *, breakdown: bool = False) -> None:
    for kind, regex in lexicon().victim_class:
        if not regex.search(who):
            continue
        if kind == "children" and toll.children is None:
            toll.children = n
        elif kind == "women" and toll.women is None:
            toll.women = n
        elif kind == "civilians" and toll.civilians is None:
            toll.civilians = n
        elif kind == "combatants" and toll.combatants is None:
            toll.combatants = n
        if kind != "people":
            return
    if not breakdown:
        return


@dataclass
class _SentenceReport:
    """One sentence's report of an event."""

    # its place among the report's distinct sentences (a lead told twice word for word counts
    # once), and its index among all of them
    sentence: int
    at: int
    type: str
    generic: bool
    trigger: tuple[int, int]
    perpetrators: list[str] = field(default_factory=list)
    basis: str | None = None
    targets: list[str] = field(default_factory=list)
    place: PlaceFact | None = None
    date: object = None
    toll: Toll = field(default_factory=Toll)
    # the distinct sentence that first tells of the dead it counts: its own, or a nearby count
    # of the dead that names no cause ("16 were killed")
    counted_in: int | None = None
    # "the bombardment", "the Damascus attack": an event the report has already told
    anaphor: bool = False
    # the governorates its sentence names: "attacks in Damascus, Homs and Aleppo"
    areas: frozenset[str] = frozenset()
    # its date is a day its sentence ties to the deed ("on Thursday"), not a bare one beside it
    # (the dateline's, "Sat Nov 18 2017 20 killed in car bomb attack")
    date_tied: bool = True


def find_events(
    article: Document,
    actors: list[ActorFact],
    places: list[PlaceFact],
    meetings: list[MeetingFact] = (),
) -> list[EventFact]:
    """The events the article reports, the headline's and lead's first. An agreement reached at
    a meeting the article reports is placed where the meeting was held."""
    lex = lexicon()
    text = article.text
    place_at = _place_index(places)
    context = _PlaceContext.of(places, article)
    mentions: list[_SentenceReport] = []
    tolls: dict[int, Toll] = {}
    abroad: set[int] = set()  # told sentences whose every event happened abroad
    days: dict[int, tuple[dt.date, bool]] = {}  # told sentence -> the day it ties its deed to
    told = _told_order(article)
    for at, (start, end) in enumerate(article.sentences):
        if at not in told:  # the lead told again word for word
            continue
        i = told[at]
        sentence = text[start:end]
        if _CAPTION_RE.search(sentence):
            continue  # a photo's caption: another day's picture, not the report's account
        toll = read_toll(sentence)
        toll.area = _toll_area(toll, place_at, start, end, text)
        if not toll.empty() or toll.parts():
            tolls[i] = toll
        found = _triggers(sentence, article.published)
        if not found and i in tolls:
            tolls[i].agent = _killer(sentence, start, actors)
        # "In Iraq, forces repelled an attack on Haditha. At least 20 were killed in the failed
        # attack.": what the next sentence tells with no place of its own happened there too
        after_abroad = i - 1 in abroad and not any(
            p.country == "SY" for s, _, p in place_at if start <= s < end
        )
        if (
            not found
            and i in tolls
            and (after_abroad or _told_as_past(sentence, article.published))
        ):
            tolls.pop(i, None)  # "Ras al-Ain saw fighting last year that killed 16": not a toll now
        kept = len(mentions)
        dropped = False
        # The dead a sentence counts died in its first violent event, not in the protest or
        # arrest it also tells.
        toll_at = next((n for n, (kind, _) in enumerate(found) if kind not in NOT_VIOLENT), 0)
        for n, (kind, (t_start, t_end)) in enumerate(found):
            generic = sentence[t_start:t_end].lower() in lex.generic
            if n and generic:
                continue
            mention = _SentenceReport(
                sentence=i,
                at=at,
                type=kind,
                generic=generic,
                trigger=(start + t_start, start + t_end),
            )
            _read_sides(mention, sentence, start, t_start, t_end, actors)
            if i == 0 and not mention.perpetrators:
                _sides_of_the_lead(mention, sentence, start, t_end, actors)
            if not mention.perpetrators and _THEY_DID_RE.match(sentence[:t_start]):
                # "Kurdish-led forces took two villages. They then seized the dam.": who
                # "they" are is the side the sentence before named as acting
                before = next(
                    (m for m in reversed(mentions) if m.sentence == i - 1 and m.perpetrators),
                    None,
                )
                if before is not None:
                    mention.perpetrators, mention.basis = list(before.perpetrators), before.basis
            mention.place = _place(
                place_at,
                start,
                end,
                t_start + start,
                abroad=kind == "agreement",
                text=text,
                origin_counts=kind not in MOVES,
                context=context,
            )
            if mention.place is None and (
                after_abroad or _abroad(text, start + t_end, end, place_at, start)
            ):
                dropped = True
                continue  # "fought the Soviets in Afghanistan", "the first strikes in Iraq"
            mention.date, mention.date_tied = _date(article, sentence, start, t_start)
            if mention.date is None and i - 1 in days and _GOES_ON_RE.match(sentence):
                mention.date, mention.date_tied = days[i - 1]  # "On Thursday ... They then took"
            if mention.date is not None and mention.date_tied:
                days.setdefault(i, (mention.date, True))
            mention.areas = frozenset(
                g for s, _, p in place_at if start <= s < end and (g := governorate(p))
            )
            mention.anaphor = _anaphor(sentence, start, t_start, t_end, place_at)
            # "Army foils an attack in Daraa, kills 50 gunmen in Latakia": dead the sentence
            # puts in another governorate than the event it told before them died elsewhere
            placed_first = toll.start is not None and any(
                p == mention.place and start + t_end <= s < start + toll.start
                for s, _, p in place_at
            )
            if n == toll_at and (not placed_first or _fits_area(mention, toll)):
                mention.toll = toll
                mention.counted_in = i if toll.killed is not None else None
            mentions.append(mention)
        if dropped and len(mentions) == kept:
            abroad.add(i)
            tolls.pop(i, None)
    _add_typeless_tolls(mentions, tolls, article)
    _add_claims(mentions, article, told)
    events = _merge(mentions, places, article)
    headline = next((at for at, i in told.items() if i == 0), None)
    if 0 in tolls and tolls[0].start is not None and headline is not None:
        counted_at = article.sentences[headline][0] + tolls[0].start
        if not any(m.sentence == 0 and m.trigger[0] < counted_at for m in mentions):
            _lead_where_the_headline_counts(events, tolls[0])
    for event in events:
        if event.type == "airstrike":  # "air strikes after rebels fired rockets"
            event.perpetrators = [p for p in event.perpetrators if not _airless(p)]
            event.perpetrator_basis = event.perpetrator_basis if event.perpetrators else None
    for event in events:
        if event.type == "agreement":
            _agreed_at_meeting(event, meetings, places, article)
    return events


def _told_order(article: Document) -> dict[int, int]:
    """Sentence index -> its place among the distinct sentences, for every sentence that does not
    repeat an earlier one word for word (many reports print their lead twice): the reach of a
    toll or of the lead counts what is told, not what is printed."""
    seen: set[str] = set()
    order: dict[int, int] = {}
    for at, (start, end) in enumerate(article.sentences):
        words = " ".join(_WORDS_RE.findall(article.text[start:end].lower()))
        if words and words in seen:
            continue
        seen.add(words)
        order[at] = len(order)
    return order


def _agreed_at_meeting(
    event: EventFact, meetings: list[MeetingFact], places: list[PlaceFact], article: Document
) -> None:
    """'Putin, speaking after talks with Erdogan in Sochi, said they had agreed to create a zone
    in Idlib': the agreement was made where the meeting was, on its day, by those who met; the
    place it is about stays in the sentence. The meeting told nearest the agreement, within
    AGREEMENT_REACH sentences, gives place, date and (when the sentence names no party) its
    parties; else the report's only meeting, if held that day."""
    if not event.spans:
        return
    index = {bounds: i for i, bounds in enumerate(article.sentences)}
    at = index.get((event.spans[0].sentence_start, event.spans[0].sentence_end))
    best: tuple[int, MeetingFact] | None = None
    for meeting in meetings:
        if meeting.kind != "in_person" or meeting.place is None:
            continue
        for span in meeting.spans:
            told = index.get((span.sentence_start, span.sentence_end))
            if at is None or told is None or abs(told - at) > AGREEMENT_REACH:
                continue
            if best is None or abs(told - at) < best[0]:
                best = (abs(told - at), meeting)
    placed = [m for m in meetings if m.kind == "in_person" and m.place is not None]
    if best is None and len(placed) == 1 and event.date in (None, placed[0].date):
        best = (0, placed[0])  # the one meeting the report tells, on the agreement's day
    if best is None:
        return
    meeting = best[1]
    place = next((p for p in places if p.key == meeting.place), None)
    if place is None or not _by_those_who_met(event.spans[0], meeting, article):
        return
    event.place, event.admin1 = place.key, governorate(place)
    if event.date is None:
        event.date = meeting.date
    if not event.perpetrators:
        event.perpetrators, event.perpetrator_basis = list(meeting.participants), "reported"


def _by_those_who_met(span: Span, meeting: MeetingFact, article: Document) -> bool:
    """Does the agreement's sentence speak of those who met: is it the meeting's own sentence,
    does it name one of them as a party ("Lavrov and Cavusoglu agreed"), or refer to them
    together ("the two", "both sides", "the leaders")? "Hours later, rebel commanders in Daraa
    agreed to a ceasefire" after a meeting in Sochi is another agreement, made elsewhere by
    others, and so is the one "Lavrov said rebel commanders had agreed" to: a participant who
    only tells of it names no party unless what they said does."""
    bounds = (span.sentence_start, span.sentence_end)
    if any((s.sentence_start, s.sentence_end) == bounds for s in meeting.spans):
        return True
    sentence = article.text[span.sentence_start : span.sentence_end]
    if _THOSE_WHO_MET_RE.search(sentence):
        return True
    names = {
        word
        for name in meeting.participants
        for word in _WORDS_RE.findall(name)
        if word[:1].isupper() and len(word) > 3
    }
    for word in _WORDS_RE.finditer(sentence):
        if word.group(0) not in names:
            continue
        told = _TOLD_RE.match(sentence, word.end())
        if told is None or names & set(_WORDS_RE.findall(told.group(1))):
            return True
    return False


def _triggers(sentence: str, published: dt.date | None = None) -> list[tuple[str, tuple[int, int]]]:
    """The events a sentence reports, its own first: at each trigger that reports a fact, the
    most specific type named within TRIGGER_REACH characters ("a bomb attack by a suicide
    bomber" is one suicide bombing; "captured the town after air strikes" is two events)."""
    lex = lexicon()
    found: list[tuple[int, int, int, str]] = []
    shelling = lex.priority.index("shelling")
    clash = lex.priority.index("armed_clash")
    for rank, (kind, regex) in enumerate(lex.triggers):
        for m in regex.finditer(sentence):
            if kind == "territory_captured" and _CAPTIVES_RE.match(sentence, m.end()):
                continue
            if (
                kind == "suicide_bombing"
                and _BOMBERS_HIT_RE.search(sentence, 0, m.start())
                and re.search(r"(?:bombers?|attackers?)$", m.group(0), re.I)
            ):
                continue  # "killed 75 militants including the suicide bombers"
            if kind == "explosive" and _BOMB_RE.match(m.group(0)):
                rank = min(rank, shelling)
            if (
                kind == "explosive"
                and _DEVICE_RE.match(m.group(0))
                and (
                    _HANDLED_BEFORE_RE.search(sentence, max(0, m.start() - 60), m.start())
                    or _HANDLED_AFTER_RE.match(sentence, m.end())
                )
            ):
                continue
            told_rank, told_kind = rank, kind
            if kind in ("attack", "suicide_bombing") and (
                _FOUGHT_OFF_BEFORE_RE.search(sentence, max(0, m.start() - 60), m.start())
                or _FOUGHT_OFF_AFTER_RE.match(sentence, m.end())
            ):
                told_rank, told_kind = clash, "armed_clash"
            if (
                not _not_happened(sentence, m.start())
                and not _BACKGROUND_RE.search(sentence, max(0, m.start() - 80), m.start())
                and not _history(sentence, m.start(), m.end(), published)
            ):
                found.append((m.start(), m.end(), told_rank, told_kind))
                break
    out: list[tuple[str, tuple[int, int]]] = []
    while found:
        first, first_end, _, first_kind = min(found)
        # "a missile strike on": "strike on" inside the phrase does not make it an airstrike
        found = [f for f in found if not first < f[0] < first_end]
        near = [
            f
            for f in found
            if f[0] <= first + TRIGGER_REACH and _one_kind(first_kind) == _one_kind(f[3])
        ]
        start, end, _, kind = min(near, key=lambda f: (f[2], f[0]))
        out.append((kind, (start, end)))
        found = [f for f in found if f not in near]
    return out


def _told_as_past(sentence: str, published: dt.date | None) -> bool:
    """The sentence names a violent deed, and only as background or history."""
    return any(
        _history(sentence, m.start(), m.end(), published)
        for _, regex in lexicon().triggers
        for m in regex.finditer(sentence)
    )


def _abroad(
    text: str, at: int, end: int, place_at: list[tuple[int, int, PlaceFact]], start: int = 0
) -> bool:
    """The first place named after a trigger, in its clause, lies abroad and is where it
    happened ("air strikes in Iraq", "west of Kirkuk"), or the sentence opens on a place abroad
    ("In Iraq, ..."); the sentence names no Syrian place."""
    opening = next(((s, p) for s, _, p in place_at if start <= s < end), None)
    if (
        opening is not None
        and opening[1].country not in (None, "SY")
        and _OPENS_ABROAD_RE.match(text[start : opening[0]])
        and not any(p.country == "SY" for s, _, p in place_at if start <= s < end)
    ):
        return True
    for s, _, p in place_at:
        if s < at or s >= end:
            continue
        if s - at > ABROAD_REACH or _CLAUSE_BREAK_RE.search(text, at, s):
            return False
        return p.country not in (None, "SY") and bool(_ABROAD_BEFORE_RE.search(text, at, s))
    return False


def _history(sentence: str, start: int, end: int, published: dt.date | None) -> bool:
    """Background, not a happening of the report's time: the war's origin ("the conflict began
    with protests in 2011"), a habit ("jets often strike"), a side's career ("has fought
    alongside the army"), the past perfect, or an event the sentence dates years before the
    report ("captured the city in 2014"). A day the sentence names in the report's own days
    keeps the past perfect and a year told further off for the report."""
    if _HABITUAL_RE.search(sentence, max(0, start - 60), start):
        return True
    if _CAREER_RE.fullmatch(sentence, start, end) and (
        _CAREER_BEFORE_RE.search(sentence, max(0, start - 40), start)
        or (
            _FIGHTER_BEFORE_RE.search(sentence, max(0, start - 60), start)
            and _FOUGHT_WHOM_RE.match(sentence, end)
        )
    ):
        return True
    if _WITNESSED_BEFORE_RE.search(sentence, max(0, start - 40), start):
        return True
    if _CAREER_RE.fullmatch(sentence, start, end) and _AGAINST_TERROR_RE.match(sentence, end):
        return True
    if _INVOLVED_BEFORE_RE.search(sentence, max(0, start - 70), start):
        return True
    if re.fullmatch(r"execut\w*", sentence[start:end], re.I) and (
        _CARRIED_OUT_BEFORE_RE.search(sentence, max(0, start - 60), start)
        or _CARRIED_OUT_AFTER_RE.match(sentence, end)
    ):
        return True
    days = [d for d in find_dates(sentence, published or dt.date.today()) if d.precision == "day"]
    if not days and (
        _ONGOING_BEFORE_RE.search(sentence, max(0, start - 60), start)
        or _TREND_AFTER_RE.match(sentence, end)
    ):
        return True
    for ago in _LONG_AGO_RE.finditer(sentence):
        if not _CLAUSE_BREAK_RE.search(sentence, min(ago.end(), end), max(ago.start(), start)):
            return True
    origin = _ORIGIN_RE.search(sentence, 0, end)
    if origin is not None and origin.start() < start:
        return True
    if _ORIGIN_AFTER_RE.match(sentence, end):
        return True
    recent = published is not None and any(
        0 <= (published - d.date).days <= RECENT_DAYS for d in days
    )
    reported = _REPORTED_BEFORE_RE.search(sentence, 0, start)  # "said the army had taken"
    if _PAST_PERFECT_RE.search(sentence, max(0, start - 40), start) and not (recent or reported):
        return True
    if published is None:
        return False
    years = [
        (min(abs(y.start("year") - start), abs(y.start("year") - end)), int(y.group("year")))
        for y in _YEAR_RE.finditer(sentence)
        if not _CLAUSE_BREAK_RE.search(sentence, min(y.end(), end), max(y.start(), start))
    ]
    if not years:
        return False
    distance, year = min(years)
    return year <= published.year - HISTORY_YEARS and not (recent and distance > 40)


def _one_kind(kind: str) -> str:
    """Violence of any type may be told more specifically a few words on; an agreement, a
    protest, an arrest or an abduction next to it is another event ("rebels agree a ceasefire
    as the army seizes the crossing")."""
    return kind if kind in NOT_VIOLENT else "violence"


def _not_happened(sentence: str, position: int) -> bool:
    """A threat, plan, denial, demand or hypothetical in the few words before the trigger, or
    the trigger is a verb in the infinitive ("to retake")."""
    lex = lexicon()
    if sentence[max(0, position - 5) : position].lower() == "anti-":  # "anti-missile batteries"
        return True
    clause = re.split(r"[,;:.!?\"“”]", sentence[:position])[-1]
    if _AIM_RE.search(clause):  # "they aim to take the town and arrest its sheikh"
        return True
    if _INFINITIVE_BEFORE_RE.search(sentence, max(0, position - 30), position) and (
        _BASE_VERB_RE.match(sentence, position)
    ):
        return True
    words = _WORDS_RE.findall(sentence[:position])[-lex.window :]
    if lex.not_happened.search(" ".join(words)):
        return True
    after = _WORDS_RE.findall(sentence[position : position + 60])[1:5]
    return bool(lex.not_happened_after.search(" ".join(after)))


def _read_sides(
    mention: _SentenceReport,
    sentence: str,
    offset: int,
    t_start: int,
    t_end: int,
    actors: list[ActorFact],
) -> None:
    """Perpetrators (before the trigger, or after "by") and targets (after on/against...)."""
    lex = lexicon()
    before: list[tuple[int, str]] = []
    after_by: list[tuple[int, str]] = []
    active: list[tuple[int, str]] = []  # subjects of an active verb after the trigger
    # "by Syrian regime and Russian warplanes": a side joined to a perpetrator is one too
    joined: dict[str, list[str]] = {}
    last: list[tuple[int, str]] = []  # the end and name of the previous side, if an agent

    def agent(sides: list[tuple[int, str]], key: int, name: str, end: int) -> None:
        sides.append((key, name))
        last[:] = [(end, name)]

    def tally() -> tuple[int, ...]:
        return len(before), len(after_by), len(active), len(mention.targets), len(joined)

    # "killed in heavy Russian and Syrian strikes" after the headline's trigger: a side joined
    # to one that is neither agent nor target here is neither either (not a target for its "and")
    dropped: list[int] = []  # the end of the previous side, if it was dropped
    previous: tuple[int, tuple[int, ...]] | None = None
    for pos, end, name in _sides_in(sentence, offset, actors):
        if previous is not None:
            dropped[:] = [previous[0]] if previous[1] == tally() else []
        previous = (end, tally())
        joined_to_dropped = dropped and _JOINED_RE.fullmatch(sentence, dropped[0], pos)
        if joined_to_dropped and mention.type != "armed_clash":  # a clash's sides fight
            continue
        if lex.not_perpetrator_after.match(sentence, end):
            continue
        # "regime forces and rebels clashed": the sides of a clash fight each other
        joins = last and _JOINED_RE.fullmatch(sentence, last[0][0], pos)
        if joins and mention.type != "armed_clash":
            first = last[0][1]
            if name != first:
                joined.setdefault(first, []).append(name)
            last[:] = [(end, first)]
            continue
        last.clear()
        prev = _WORDS_RE.findall(sentence[:pos])[-3:]
        # "strikes on the Islamic State's capital", "killed by the regime"
        if len(prev) > 1 and prev[-1].lower() == "the" and prev[-2].lower() in _BEFORE_THE:
            prev = prev[:-1]
        prev = prev[-2:]
        prev_word = prev[-1].lower() if prev else ""
        pair = " ".join(w.lower() for w in prev)
        if prev_word == "told" or pair == "according to":  # who was told, who said it
            continue
        if _PART_OF_RE.search(sentence, max(0, pos - 40), pos):  # "the PYD, the branch of the PKK"
            continue
        if pair in _BORDER_WITH:  # "near the border with Turkey": where, not who
            continue
        # "jets belonging to the regime", "militias loyal to Assad", and whose men they are:
        # "terrorists from Jaish al-Fateh fired"
        if pair in _SIDE_OF or pair in _MEMBERS_FROM:
            if pos <= t_start:
                agent(before, pos, name, end)
            elif _ACTIVE_RE.match(sentence, end):
                agent(active, pos, name, end)
            continue
        by = prev_word == "by" or (len(prev) == 2 and prev[0].lower() == "by")
        if by or [w.lower() for w in prev] == ["hands", "of"]:  # "at the hands of IS"
            if not _SUPPORT_RE.search(sentence[max(0, pos - 30) : pos]):
                agent(after_by, abs(pos - t_start), name, end)
            continue
        # "the Syrian army said": a source ("the execution by Nusra Front said a commander"
        # lost its comma, and Nusra is still the agent)
        if lex.source_after.match(sentence, end):
            continue
        # "12 IS fighters were killed in clashes with Kurdish fighters": the other side killed
        if (
            mention.type == "armed_clash"
            and _OPPONENT_RE.fullmatch(sentence, t_end, pos)
            and _KILLED_IN_RE.search(sentence, 0, t_start)
        ):
            agent(after_by, abs(pos - t_start), name, end)
            continue
        if mention.type in FIRED and _SOURCE_RE.fullmatch(sentence, t_end, pos):
            agent(after_by, abs(pos - t_start), name, end)  # "bombardment from regime forces"
            continue
        nxt = sentence[end : end + 40].lower()
        count = number(prev_word) if prev_word not in ("a", "an") else None  # "a US strike"
        # "two IS suicide bombers": the count is of the attackers, not of the dead
        attackers = _ATTACKER_AFTER_RE.match(sentence, end)
        attackers_end = attackers.end() if attackers else end
        if (attackers or _ATTACKER_END_RE.search(sentence, pos, end)) and not _VICTIM_RE.match(
            sentence[attackers_end : attackers_end + 40]
        ):
            count = None
        victim = prev_word in lex.target_before or (count is not None and count < 1900)
        # "the Nusra spokesman, his son and 20 other fighters were killed in air strikes"
        passive = _PASSIVE_RE.search(sentence, end, t_start) if end <= t_start else None
        victim = victim or bool(passive and not _THAT_RE.search(sentence, end, passive.start()))
        if victim or _VICTIM_RE.match(nxt):
            if name not in mention.targets and pos >= t_start - 60:
                mention.targets.append(name)
            continue
        if pos <= t_start:
            if before and _FOUGHT_OBJECT_BEFORE_RE.search(sentence, max(0, pos - 40), pos):
                continue  # "X pushed back Y and retook": X, already found, is the agent
            agent(before, pos, name, end)
        elif _ACTIVE_RE.match(sentence, end):
            agent(active, pos, name, end)
    chosen = [name for _, name in sorted(after_by)[:1]] or [name for _, name in before[-1:]]
    chosen = chosen or [name for _, name in active[:1]]
    chosen += [other for name in chosen for other in joined.get(name, [])]
    for name in chosen:
        if name not in mention.perpetrators:
            mention.perpetrators.append(name)
    if mention.perpetrators:
        mention.basis = "reported"
    mention.targets = [t for t in mention.targets if t not in mention.perpetrators]


def _sides_of_the_lead(
    mention: _SentenceReport, sentence: str, offset: int, t_end: int, actors: list[ActorFact]
) -> None:
    """'Jihadists execute three officers Monitor AFP Saturday Jihadists from IS have executed
    three officers': a headline run into its lead tells one event twice in one sentence; when
    the headline's words name no perpetrator, the lead's next trigger of the type may, if it is
    the same word ("execute", "executed"; not "fighting" for an "assault")."""
    regex = dict(lexicon().triggers)[mention.type]
    stem = sentence[mention.trigger[0] - offset : t_end][:5].lower()
    for m in regex.finditer(sentence, t_end):
        if _not_happened(sentence, m.start()):
            continue
        if not m.group(0).lower().startswith(stem):
            return
        retold = _SentenceReport(
            sentence=mention.sentence,
            at=mention.at,
            type=mention.type,
            generic=mention.generic,
            trigger=(offset + m.start(), offset + m.end()),
        )
        _read_sides(retold, sentence, offset, m.start(), m.end(), actors)
        mention.perpetrators, mention.basis = retold.perpetrators, retold.basis
        mention.targets += [
            t for t in retold.targets if t not in mention.targets + retold.perpetrators
        ]
        return


# Between two sides told together: "X and Y", "X, Y", "X along with Y", "X attacks and Y".
_JOINED_RE = re.compile(
    r"(?:\s+(?:attacks?|air ?strikes?|strikes?|raids?|fire|shelling|bombardment|rockets?))?"
    r"\s*(?:,\s*)?(?:and|&|as well as|along with|together with|alongside|,)\s+"
    r"(?:(?:the|its|their|allied|other)\s+){0,2}",
    re.I,
)


def _airless(name: str) -> bool:
    """A side that flies no aircraft (IS, the rebels, the SDF), by its table name or by an output
    actor's name the table's pattern for it fits ("Jabhat al-Nusra", "al-Qaeda")."""
    lex = lexicon()
    if name in lex.no_air_force or re.search(r"\b(?:al-? ?)?qaeda\b", name, re.I):
        return True
    return any(p.name in lex.no_air_force and p.regex.fullmatch(name) for p in lex.perpetrators)


def _killer(sentence: str, offset: int, actors: list[ActorFact]) -> str | None:
    """'Syrian army units kill over 70 militants', 'the SDF has killed 35 IS fighters': the side
    that is the subject of a verb of killing in a sentence that counts the dead."""
    lex = lexicon()
    for pos, end, name in _sides_in(sentence, offset, actors):
        if not _KILLER_RE.match(sentence, end) or lex.not_perpetrator_after.match(sentence, end):
            continue
        prev = [w.lower() for w in _WORDS_RE.findall(sentence[:pos])[-1:]]
        counted = prev and prev[0] not in ("a", "an") and number(prev[0]) is not None
        if prev and (prev[0] in lex.target_before or prev[0] == "by" or counted):
            continue
        return name
    return None


def _sides_in(sentence: str, offset: int, actors: list[ActorFact]) -> list[tuple[int, int, str]]:
    """Perpetrator phrases and armed groups of the output in the sentence: (start, end, name)."""
    found: list[tuple[int, int, str]] = []
    for perp in lexicon().perpetrators:
        for m in perp.regex.finditer(sentence):
            if not any(s <= m.start() < e for s, e, _ in found):
                found.extend(_co_sides(sentence, m, perp, actors))
        # "the Syrian armys shelling"; but a bare name ("Turkeys nightmare") is no force
        for m in perp.possessive.finditer(sentence):
            if " " in m.group(0) and not any(s <= m.start() < e for s, e, _ in found):
                found.append((m.start(), m.end(), _output_name(perp, actors)))
    for start, end, _ in list(found):
        elided = _elided_side(sentence, start, end)
        if elided is not None and not any(s <= elided[0] < e for s, e, _ in found):
            found.append((*elided[:2], _output_name(elided[2], actors)))
    for actor in actors:
        if actor.kind != "armed_group":
            continue
        for span in actor.mentions:
            pos = span.start - offset
            if 0 <= pos < len(sentence) and not any(s <= pos < e for s, e, _ in found):
                found.append((pos, span.end - offset, _side_name(actor)))
    # "the anti-IS coalition", "anti-regime fighters": the side they are against
    return sorted(f for f in found if not _ANTI_RE.search(sentence, max(0, f[0] - 5), f[0]))


_CO_SIDE_RE = re.compile(r"\s+and\s+(?:the\s+)?", re.I)
# "Turkish and coalition warplanes": a side's adjective before "and", sharing the next side's
# noun. A country's own name ("in Syria and Russian jets") is a place, not an elided side.
_ELIDED_SIDE_BEFORE_RE = re.compile(
    r"\b([A-Za-z]+(?:ian|ish|i|ese)|coalition)\s+and\s+(?:the\s+)?$", re.I
)


def _elided_side(sentence: str, start: int, end: int) -> tuple[int, int, _Perpetrator] | None:
    """The side whose noun a side phrase shares with the adjective before it, "Turkish" in
    "Turkish and coalition warplanes" (the lexicon knows "Turkish warplanes"), as (start, end,
    its perpetrator entry); else None."""
    before = _ELIDED_SIDE_BEFORE_RE.search(sentence, max(0, start - 30), start)
    if before is None:
        return None
    noun = sentence[start:end].split()[-1]
    shared = f"{before.group(1)} {noun}"
    for perp in lexicon().perpetrators:
        if perp.regex.fullmatch(shared):
            return before.start(1), before.end(1), perp
    return None


def _co_sides(
    sentence: str, m: re.Match[str], perp: _Perpetrator, actors: list[ActorFact]
) -> list[tuple[int, int, str]]:
    """A perpetrator phrase that names two sides ("Russian and Syrian jets", "Syrian and Russian
    air strikes") as two sides joined by "and", each with its own name; else the phrase."""
    joint = _CO_SIDE_RE.search(sentence, m.start(), m.end())
    if joint is not None:
        for other in lexicon().perpetrators:
            if other is not perp and other.regex.fullmatch(sentence, joint.end(), m.end()):
                return [
                    (m.start(), joint.start(), _output_name(perp, actors)),
                    (joint.end(), m.end(), _output_name(other, actors)),
                ]
    return [(m.start(), m.end(), _output_name(perp, actors))]


def _output_name(perp: _Perpetrator, actors: list[ActorFact]) -> str:
    """A perpetrator phrase by the name of the output's actor it stands for ("IS militants" is
    the article's "Islamic State of Iraq and the Levant" when that actor has the alias "ISIL"),
    else by the side's own name."""
    for actor in actors:
        if actor.kind == "person":
            continue
        if any(perp.regex.fullmatch(name) for name in [actor.name, *actor.aliases]):
            return actor.name
    return perp.name


def _side_name(actor: ActorFact) -> str:
    """An armed group of the output by the name the perpetrator table knows it by, if any."""
    for perp in lexicon().perpetrators:
        for name in [actor.name, *actor.aliases]:
            m = perp.regex.fullmatch(name)
            if m:
                return actor.name
    return actor.name


def _place_index(places: list[PlaceFact]) -> list[tuple[int, int, PlaceFact]]:
    return sorted((s.start, s.end, p) for p in places for s in p.mentions)


@dataclass(frozen=True)
class _PlaceContext:
    """What the whole report says about where things are: the governorates its headline and
    lead name, and how many of its places lie in each governorate."""

    lead: dict[str, frozenset[str]]  # place key -> governorates of the lead's other places
    places_in: dict[str, int]  # governorate -> how many of the report's places lie in it

    @classmethod
    def of(cls, places: list[PlaceFact], article: Document) -> _PlaceContext:
        sentences = article.sentences[:LEAD_PLACE_SENTENCES]
        lead_end = sentences[-1][1] if sentences else 0
        in_lead = [p for p in places if any(s.start < lead_end for s in p.mentions)]
        lead = {
            p.key: frozenset(g for q in in_lead if q.key != p.key and (g := governorate(q)))
            for p in places
        }
        places_in: dict[str, int] = {}
        for p in places:
            g = governorate(p)
            if g:
                places_in[g] = places_in.get(g, 0) + 1
        return cls(lead, places_in)

    def stray(self, place: PlaceFact, others: list[PlaceFact]) -> bool:
        """A namesake in another governorate, most likely: the only place of its governorate
        in the report, outside the governorates the lead names, told beside a place of the
        same rank that lies in one of them ("al-Midan and al-Ashrafiyeh neighbourhoods" in a
        report on Aleppo)."""
        g = governorate(place)
        lead = self.lead.get(place.key, frozenset())
        if g is None or g in lead or self.places_in.get(g, 0) > 1:
            return False
        if place.kind == "region" or place.name == g:  # a governorate or its capital
            return False
        return any(
            o.kind == place.kind and governorate(o) in lead and _km(o, place) > SUBURB_KM
            for o in others
            if o.key != place.key
        )


def _place(
    index: list[tuple[int, int, PlaceFact]],
    start: int,
    end: int,
    trigger: int,
    *,
    abroad: bool = False,
    text: str = "",
    origin_counts: bool = True,
    context: _PlaceContext | None = None,
) -> PlaceFact | None:
    """The most precise place of the sentence, Syrian ones first, the nearest the trigger; a
    place abroad only when `abroad` (agreements are reached in Sochi or Astana). Places that
    people came from ("evacuees from Foua and Kafraya"), places said to lie nearby and stray
    namesakes (see `_PlaceContext.stray`) come after the others unless `origin_counts` is false (a withdrawal
    from a town happened there)."""
    lo = bisect.bisect_left(index, (start, -1))
    inside = [
        (s, e, p)
        for s, e, p in index[lo:]
        if s < end and (p.country == "SY" or abroad and p.kind != "country")
    ]
    if not inside:
        return None
    origins = _origins(text, inside) if origin_counts and text else set()
    references = _references(text, inside) if text else set()
    others = [p for _, _, p in inside]

    def rank(item: tuple[int, int, PlaceFact]) -> tuple[int, bool, bool, int, bool, bool, int]:
        s, _, p = item
        stray = context is not None and context.stray(p, others)
        return (
            p.country != "SY",
            s in origins,
            bool(text) and bool(_NEARBY_BEFORE_RE.search(text, max(0, s - 12), s)),
            PLACE_RANK.get(p.kind, 5),
            s in references,
            stray,
            abs(s - trigger),
        )

    start_of_best, _, best = min(inside, key=rank)
    # "fighters from Aleppo and Idlib attacked the city": no place it happened is named
    return None if start_of_best in origins else best


def _references(text: str, inside: list[tuple[int, int, PlaceFact]]) -> set[int]:
    """Places the sentence names only to say where another place lies: "Madaya west of the
    Syrian capital Damascus", "Kafr Zita near Hama": the event happened at the first."""
    found = set()
    for (_, e1, p1), (s2, _, p2) in itertools.pairwise(inside):
        if p1.key == p2.key or s2 - e1 > REFERENCE_REACH:
            continue
        if PLACE_RANK.get(p1.kind, 5) > PLACE_RANK.get(p2.kind, 5):
            continue  # a place only roughly known is no better than the town that locates it
        locator = _REFERENCE_BEFORE_RE.search(text, e1, s2)
        if (
            locator is not None
            and not _CLAUSE_BREAK_RE.search(text, e1, s2)
            and not _LIST_WORD_RE.search(text, e1, locator.start())  # "nine near A and one near B"
        ):
            found.add(s2)
    return found


def _origins(text: str, inside: list[tuple[int, int, PlaceFact]]) -> set[int]:
    """Starts of the places named as where people or fire came from: "from (the towns of) X",
    and the places listed after it ("X and Y")."""
    found: set[int] = set()
    last_end = None
    for s, e, _ in sorted(inside, key=lambda item: item[0]):
        if _FROM_BEFORE_RE.search(text, max(0, s - 60), s) or (
            last_end is not None and _LIST_GAP_RE.fullmatch(text, last_end, s)
        ):
            found.add(s)
            last_end = e
        else:
            last_end = None
    return found


def _anaphor(
    sentence: str,
    offset: int,
    t_start: int,
    t_end: int,
    place_at: list[tuple[int, int, PlaceFact]],
) -> bool:
    """'was killed in the bombardment', 'about the Damascus attack': a definite trigger that
    names no new place right after it refers back to an event already told; so does one that
    says where it took place."""
    if not (
        _DEFINITE_BEFORE_RE.search(sentence, max(0, t_start - 40), t_start)
        or _REACTION_BEFORE_RE.search(sentence, max(0, t_start - 60), t_start)
    ):
        return False
    if _TOOK_PLACE_RE.match(sentence, t_end):  # "the explosion took place in Aleppo"
        return True
    lo, hi = offset + t_end, offset + t_end + ANAPHOR_PLACE_REACH
    return not any(lo <= s < hi for s, _, _ in place_at)


def _date(
    article: Document, sentence: str, offset: int, t_start: int
) -> tuple[dt.date | None, bool]:
    """The day of the deed the trigger at `t_start` tells, and whether the sentence ties that day
    to it ("on Thursday") rather than only printing it (a dateline)."""
    if article.published is None:
        return None, True
    dates = [d for d in find_dates(sentence, article.published) if not d.future]
    # "a ceasefire announced on Thursday", "the monitor said on Sunday": the day of the words
    dates = [
        d
        for d in dates
        if d.precision == "day" and not _SPEECH_BEFORE_RE.search(sentence, 0, d.start)
    ]
    if not dates:
        return None, True
    # A dateline's day sits in the first sentence beside the lead's "on Thursday": the day the
    # sentence ties to the deed wins, however near the dateline is to the trigger.
    tied = [
        d
        for d in dates
        if (
            _DAY_TIED_RE.match(d.text)
            or _DAY_TIED_BEFORE_RE.search(sentence, max(0, d.start - 20), d.start)
        )
        and not _DAY_OF_THE_PAGE_RE.search(sentence, max(0, d.start - 20), d.start)  # "Posted on"
    ]
    return min(tied or dates, key=lambda d: abs(d.start - t_start)).date, bool(tied)


# A headline dated only by its dateline tells the deed its lead dates up to this many days before.
REPORT_DAY_REACH = 3


def _same_day(first: _SentenceReport, m: _SentenceReport, report_day: dt.date | None) -> bool:
    """Two mentions can be one deed's: a day unsaid, the same day, or one dated only by the
    report's own day (its dateline) and the other, tied to its deed, a few days before."""
    if first.date is None or m.date is None or first.date == m.date:
        return True
    for loose, tied in ((first, m), (m, first)):
        if not loose.date_tied and tied.date_tied and loose.date == report_day:
            return 0 < (loose.date - tied.date).days <= REPORT_DAY_REACH
    return False


def _add_typeless_tolls(
    mentions: list[_SentenceReport], tolls: dict[int, Toll], article: Document
) -> None:
    """A sentence that counts the dead without saying how ("20 killed in Aleppo") gives its
    toll to the event reported nearest after it (or before it) within TOLL_REACH sentences; one
    that only breaks a toll down ("six children were among the dead") completes the event
    reported nearest before it (or after it)."""
    typed = {m.sentence for m in mentions}
    for i, toll in sorted(tolls.items()):
        if i in typed:
            continue
        near = [m for m in mentions if abs(m.sentence - i) <= TOLL_REACH]
        near = [m for m in near if m.type not in NOT_VIOLENT] or near
        near = [m for m in near if _fits_area(m, toll)]
        if not near:
            continue
        if toll.killed is None and toll.wounded is None:
            target = min(near, key=lambda m: (m.sentence > i, abs(m.sentence - i)))
            _add_parts(target.toll, toll)
            continue
        if toll.agent:  # "the YPG killed 17 soldiers": the dead of the YPG's deed, not of an
            # attack the report pins on another side
            near = [m for m in near if not m.perpetrators or toll.agent in m.perpetrators]
            if not near:
                continue
        target = min(near, key=lambda m: (m.sentence < i, abs(m.sentence - i)))
        first = target.toll
        if first.killed is None or _among_more(first.killed, first.children, first.women, toll):
            target.toll, target.counted_in = toll, min(i, target.sentence)
            if toll.agent and not target.perpetrators:
                target.perpetrators, target.basis = [toll.agent], "reported"


def _toll_area(
    toll: Toll, index: list[tuple[int, int, PlaceFact]], start: int, end: int, text: str
) -> str | None:
    """The governorate of the place named right after the count of the dead ("12 were killed
    in Idlib", "killing 40 people in the town of Saraqib"), if any."""
    if toll.end is None:
        return None
    at = start + toll.end
    for s, _, p in index:
        if at <= s < end and _TOLL_PLACE_GAP_RE.fullmatch(text, at, s):
            return governorate(p)
    return None


def _fits_area(m: _SentenceReport, toll: Toll) -> bool:
    """The event may have happened where the toll puts its dead: in its governorate, or across
    the border between Damascus and the countryside around it ("Damascus province")."""
    if toll.area is None or _vague(m.place):
        return True
    return governorate(m.place) == toll.area or {governorate(m.place), toll.area} == DAMASCUS


def _add_parts(toll: Toll, part: Toll) -> None:
    """The breakdown `part` gives, where `toll` has a total it fits in and no figure of its own."""
    if toll.killed is None:
        return
    for name, n in part.parts().items():
        if getattr(toll, name) is None and n <= toll.killed:
            setattr(toll, name, n)


def _add_claims(mentions: list[_SentenceReport], article: Document, told: dict[int, int]) -> None:
    """'IS claimed the bombing', 'accused the regime of the attack': the named side is the
    perpetrator of the event that sentence speaks of (the lead event when it names none)."""
    lex = lexicon()
    if not mentions:
        return
    for i, (start, end) in enumerate(article.sentences):
        if i not in told:  # a repeat claims nothing new
            continue
        sentence = article.text[start:end]
        for regex, basis in ((lex.claim, "claimed"), (lex.accuse, "accused")):
            m = regex.search(sentence)
            if m is None or _not_happened(sentence, m.start()):
                continue
            sides = [(s, e, n) for s, e, n in _sides_in(sentence, start, [])]
            if basis == "claimed":
                names = [n for s, e, n in sides if e <= m.start()][-1:]
                if not names:
                    names = [n for s, e, n in sides if s >= m.end()][:1]
                    if not re.search(r"\bclaimed by\b", sentence, re.I):
                        names = []
            elif not _accused_of_a_deed(sentence, m.end()):
                names = []  # "accuses Turkey of funding the rebels": not of this event
            else:  # "accused the regime of", not "accused them of ties with the regime"
                names = [
                    n
                    for s, e, n in sides
                    if s >= m.end() and len(_WORDS_RE.findall(sentence[m.end() : s])) <= 4
                ][:1]
            if not names:
                continue
            own = [x for x in mentions if x.sentence == told.get(i) and not x.generic]
            event = own[0] if own else mentions[0]
            if not event.perpetrators or event.basis == "reported" and basis == "claimed":
                event.perpetrators = names
                event.basis = basis
            break


def _accused_of_a_deed(sentence: str, at: int) -> bool:
    """What an accusation is of, or for: an act of violence ("of carrying out the attack", "for
    the shelling", "of using chemical weapons"), not a stance or a tie ("of funding terrorists",
    "of supporting the rebels"). An accusation with no "of" or "for" ("blamed the attack on IS")
    is of the event its sentence tells."""
    of = _ACCUSED_OF_RE.search(sentence, at, at + ACCUSED_OF_REACH)
    if of is None:
        return True
    what = sentence[of.end() : of.end() + 60]
    return bool(_DEED_RE.match(what) or _triggers(what))


def _merge(
    mentions: list[_SentenceReport], places: list[PlaceFact], article: Document
) -> list[EventFact]:
    """One event per type, place and day, in the order first reported; a generic "attack"
    mention adds to the event of its own or a nearby sentence instead of standing alone."""
    events: list[tuple[_SentenceReport, EventFact]] = []
    first_of: dict[int, _SentenceReport] = {}
    # the sentence that first tells of each event's dead
    counted: dict[int, int | None] = {}

    def fill(event: EventFact, m: _SentenceReport) -> None:
        if event.killed is None and m.toll.killed is not None:
            counted[id(event)] = m.counted_in
        _fill(event, m, article)

    # A host is told where its generic mention is, when that comes first: the headline's
    # "assault" is the clash the report goes on to tell.
    told_at = {id(m): m.sentence for m in mentions}
    for m in mentions:
        if m.generic:
            host = _host(m, mentions)
            if host is not None and host is not m:
                _fold(host, m)
                told_at[id(host)] = min(told_at[id(host)], m.sentence)
                continue
    lead_place = _lead_place(places)
    for m in sorted(mentions, key=lambda m: told_at[id(m)]):
        if m.generic and _host(m, mentions) not in (None, m):
            continue
        # An agreement names where it was reached, or is placed by its meeting; the place the
        # report's violence happened is not where diplomats agreed.
        agreement = m.type == "agreement"
        place = (
            lead_place if _vague(m.place) and lead_place is not None and not agreement else m.place
        )
        told = _told_before(m, events) if m.anaphor else None
        if told is not None:
            fill(told, m)
            known = first_of[id(told)].place
            at = lead_place if _vague(known) else known
            if _precision(m.place) < _precision(known) and _near_enough(at, m.place):
                first_of[id(told)].place = m.place
                told.place, told.admin1 = m.place.key, governorate(m.place)
            continue
        match = next(
            (
                e
                for first, e in events
                if _one_blast(e.type, m.type, first.place, m.place, m.date not in (None, e.date))
                and _same_place(first.place, m.place)
                and (
                    e.date is None
                    or m.date is None
                    or e.date == m.date
                    or _same_day(first, m, article.published)
                )
            ),
            None,
        )
        if match is not None:
            if m.type == "suicide_bombing":  # "a blast hit..." then "a suicide car bomb"
                match.type = m.type
            first = first_of[id(match)]
            if first.date != m.date and m.date is not None and m.date_tied and not first.date_tied:
                match.date, first.date, first.date_tied = m.date, m.date, True  # the lead's day
            fill(match, m)
            if _precision(m.place) < _precision(first_of[id(match)].place):
                first_of[id(match)].place = m.place
                match.place, match.admin1 = m.place.key, governorate(m.place)
            continue
        event = _event(m, place, article)
        first_of[id(event)] = m
        counted[id(event)] = m.counted_in
        events.append((m, event))
    for first, event in events:
        if not event.perpetrators:
            _borrow_perpetrators(first, event, mentions)
    _lead_with_toll(events, counted)
    return [
        e
        for _, e in events
        if _located(e, places) or e.killed is not None or _agreement_somewhere(e, places)
    ]


def _one_blast(
    a: str, b: str, here: PlaceFact | None, there: PlaceFact | None, other_day: bool = False
) -> bool:
    """Mentions of one type are one event at one place and day; so are a blast and a suicide
    bombing that both name the place: a suicide car bomb is one suicide bombing, not also an
    explosive; so is a blast told after the suicide bombing with no place nor another day. (A suicide blast
    told with no place is not thereby the landmine told before.)"""
    if a == b:
        return True
    if a == "suicide_bombing" and b == "explosive" and there is None and not other_day:
        return True  # "a suicide bomber hit a wedding in Hasakah ... then there was an explosion"
    return {a, b} == {"explosive", "suicide_bombing"} and not _vague(here) and not _vague(there)


# Types one report may call by either name: the strike that was a "bombardment", the suicide
# attack that was an "explosion".
CLOSE_TYPES = [
    {"airstrike", "shelling"},
    {"explosive", "suicide_bombing"},
    {"attack", "execution"},
    {"territory_captured", "withdrawal"},
]


def _told_before(
    m: _SentenceReport, events: list[tuple[_SentenceReport, EventFact]]
) -> EventFact | None:
    """The event an anaphor refers back to: the latest one told of its own type, else of a close
    one (any violent one for a generic "attack"), on its day if both have one."""
    told = [e for _, e in reversed(events) if m.date is None or e.date in (None, m.date)]

    def fits(event: EventFact, exact: bool) -> bool:
        if exact:
            return event.type == m.type
        if any({event.type, m.type} <= c for c in CLOSE_TYPES):
            return True
        return m.generic and event.type not in NOT_VIOLENT and m.type not in NOT_VIOLENT

    for exact in (True, False):
        for event in told:
            if fits(event, exact):
                return event
    return None


def _lead_with_toll(
    events: list[tuple[_SentenceReport, EventFact]], counted: dict[int, int | None]
) -> None:
    """The lead's deadly event leads: when the first event reported counts no dead ("fighting
    raged in Deir Ezzor") and another the headline or lead reports does ("three civilians were
    killed in shelling"), the report is about the second one. The lead must tell those deaths
    itself: a toll the body tells later ("327 have been killed in fighting in the province")
    is background to the headline's event, not a reason to put another before it."""
    if not events or events[0][1].killed is not None:
        return
    for n, (first, event) in enumerate(events):
        if first.sentence >= LEAD_TOLL_SENTENCES:
            return
        told = counted.get(id(event))
        if event.killed is not None and told is not None and told < LEAD_TOLL_SENTENCES:
            events.insert(0, events.pop(n))
            return


def _lead_where_the_headline_counts(events: list[EventFact], toll: Toll) -> None:
    """'28 killed in Idlib; army regains towns in Hama': when the headline opens with dead in
    one governorate (no event told before them) and the event listed first, with no dead of its
    own, is in another, the first violent event the report tells in the headline's governorate
    leads."""
    if not events or toll.area is None or toll.killed is None:
        return
    first = events[0]
    if first.killed is not None or first.admin1 in (None, toll.area):
        return
    for n, event in enumerate(events):
        if event.admin1 == toll.area and event.type not in NOT_VIOLENT:
            events.insert(0, events.pop(n))
            return


def _agreement_somewhere(event: EventFact, places: list[PlaceFact]) -> bool:
    """An agreement about Syria is often reached abroad (Sochi, Tehran, Astana): any place more
    precise than a country will do."""
    if event.type != "agreement":
        return False
    place = next((p for p in places if p.key == event.place), None)
    return place is not None and place.kind != "country"


def _borrow_perpetrators(
    first: _SentenceReport, event: EventFact, mentions: list[_SentenceReport]
) -> None:
    """'Five killed in airstrikes on Aleppo' and, next, 'the strikes by Russian jets on the
    town of Atarib': a nearby report of the same type names who did it."""
    for m in mentions:
        near = abs(m.sentence - first.sentence) <= TOLL_REACH
        if near and m.type == event.type and m.perpetrators:
            event.perpetrators, event.perpetrator_basis = list(m.perpetrators), m.basis
            return


def _lead_place(places: list[PlaceFact]) -> PlaceFact | None:
    """The Syrian town or area the article names first: where an event that names no place
    of its own most likely happened."""
    named = [
        (min(s.start for s in p.mentions), p)
        for p in places
        if p.country == "SY" and not _vague(p) and p.mentions
    ]
    return min(named, key=lambda item: item[0])[1] if named else None


def _located(event: EventFact, places: list[PlaceFact]) -> bool:
    """The event happened somewhere more precise than a country: a vague "fighting in Syria"
    is background, not a report."""
    place = next((p for p in places if p.key == event.place), None)
    return place is not None and place.kind != "country" and place.country == "SY"


def _same_place(a: PlaceFact | None, b: PlaceFact | None) -> bool:
    """The same place, or one inside the other ("Idlib province" and the town of Saraqib in
    it); no place or only a country fits any. A village the report puts only in a governorate
    ("in rural Raqqa") has the governorate's point, which says nothing of its distance to a
    town there: like the governorate, it may be where any of the governorate's places is."""
    if _vague(a) or _vague(b):
        return True
    rough = REGION_POINT in (a.geo_precision, b.geo_precision)
    return (
        a.key == b.key
        or a.key in {p.key for p in b.parents}
        or b.key in {p.key for p in a.parents}
        or (governorate(a) == governorate(b) and (rough or _km(a, b) <= SAME_PLACE_KM))
    )


def _km(a: PlaceFact, b: PlaceFact) -> float:
    """Great-circle distance, or infinity when either place has no coordinates."""
    if None in (a.lat, a.lon, b.lat, b.lon):
        return math.inf
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def _precision(place: PlaceFact | None) -> int:
    return 9 if _vague(place) else PLACE_RANK.get(place.kind, 5)  # type: ignore[union-attr]


def _vague(place: PlaceFact | None) -> bool:
    """No place, a country, or an area in no governorate ("northern Syria"): a more precise
    place reported for the same event, or the article's own, stands for it."""
    return place is None or place.kind == "country" or governorate(place) is None


def _host(m: _SentenceReport, mentions: list[_SentenceReport]) -> _SentenceReport | None:
    """The specific mention a generic one belongs to: the nearest within the lead or two
    sentences, the earlier first."""
    near = [
        x
        for x in mentions
        if not x.generic
        and (abs(x.sentence - m.sentence) <= TOLL_REACH or m.sentence < LEAD_SENTENCES)
        # a violent "assault" is no part of the protest or arrest told beside it
        and (x.type in NOT_VIOLENT) == (m.type in NOT_VIOLENT)
        # nor is "an offensive in Hama" the shelling told in Latakia
        and (_near_enough(x.place, m.place) or governorate(x.place) in m.areas)
    ]
    if not near:
        return None
    return min(near, key=lambda x: (abs(x.sentence - m.sentence), x.sentence > m.sentence))


def _near_enough(a: PlaceFact | None, b: PlaceFact | None) -> bool:
    """Places one event may be told at: the same place or governorate, or a city and its
    suburbs across a governorate's border (Damascus and Sayyida Zaynab)."""
    return _same_place(a, b) or governorate(a) == governorate(b) or _km(a, b) <= SUBURB_KM


def _fold(host: _SentenceReport, m: _SentenceReport) -> None:
    if not host.perpetrators and m.perpetrators:
        host.perpetrators, host.basis = m.perpetrators, m.basis
    if host.toll.killed is None and m.toll.killed is not None:
        host.toll, host.counted_in = m.toll, m.counted_in
    elif m.sentence == 0 < host.sentence and (m.toll.killed or 0) > (host.toll.killed or 0):
        # "Nine killed in attacks on Aleppo", then a body that counts each attack's dead: the
        # headline sums them, and its sum is the report's toll; the children and women the body
        # counts are still among its dead
        children = m.toll.children if m.toll.children is not None else host.toll.children
        women = m.toll.women if m.toll.women is not None else host.toll.women
        host.toll = replace(m.toll, children=children, women=women)
        host.counted_in = m.counted_in
    host.place = host.place or m.place
    if host.sentence == m.sentence:  # "an offensive launched on January 20" is background
        host.date = host.date or m.date
    for t in m.targets:
        if t not in host.targets and t not in host.perpetrators:
            host.targets.append(t)


def _event(m: _SentenceReport, place: PlaceFact | None, article: Document) -> EventFact:
    t = m.toll
    return EventFact(
        type=m.type,
        perpetrators=list(m.perpetrators),
        perpetrator_basis=m.basis,
        targets=list(m.targets),
        place=place.key if place else None,
        admin1=governorate(place),
        date=m.date,  # type: ignore[arg-type]
        killed=t.killed,
        killed_civilians=t.civilians,
        killed_children=t.children,
        killed_women=t.women,
        killed_combatants=t.combatants,
        wounded=t.wounded,
        spans=[_sentence_span(article, m.at)],
    )


def _fill(event: EventFact, m: _SentenceReport, article: Document) -> None:
    """A later mention of the same event completes what the first left unknown."""
    if not event.perpetrators and m.perpetrators:
        event.perpetrators, event.perpetrator_basis = list(m.perpetrators), m.basis
    for t in m.targets:
        if t not in event.targets and t not in event.perpetrators:
            event.targets.append(t)
    group = (event.killed, event.killed_children, event.killed_women)
    if event.killed is None and m.toll.killed is not None or _among_more(*group, m.toll):
        t = m.toll
        event.killed, event.killed_civilians = t.killed, t.civilians
        event.killed_children, event.killed_women = t.children, t.women
        event.killed_combatants = t.combatants
    elif event.killed is not None and m.toll.killed in (None, event.killed):
        # "Six children were among the dead in Eastern Ghouta": a breakdown of the toll told
        for name, n in m.toll.parts().items():
            field_name = f"killed_{name}"
            if getattr(event, field_name) is None and n <= event.killed:
                setattr(event, field_name, n)
    if event.wounded is None:
        event.wounded = m.toll.wounded
    event.date = event.date or m.date  # type: ignore[assignment]
    event.spans.append(_sentence_span(article, m.at))


def _among_more(killed: int | None, children: int | None, women: int | None, toll: Toll) -> bool:
    """'Forces execute 10 children', then 'ten children were among 48 people killed': the dead
    first counted were one group of a larger toll the report gives later."""
    if killed is None or toll.killed is None or toll.killed <= killed:
        return False
    return children == killed == toll.children or women == killed == toll.women


def _sentence_span(article: Document, index: int) -> Span:
    start, end = article.sentences[index]
    return article.span(start, end)


def governorate(place: PlaceFact | None) -> str | None:
    """The Syrian governorate of a place: itself when it is one, else its first region parent."""
    if place is None:
        return None
    for candidate in [place, *place.parents]:
        if candidate.kind == "region" and candidate.country == "SY":
            m = _GOVERNORATE_RE.fullmatch(candidate.name)
            if m:
                return m.group(1)
    return None
