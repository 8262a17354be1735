"""Synthetic rows for bench/make_db.py --synthetic: a million articles in well under an hour.

Everything is generated here from name parts and sentence templates written for this benchmark
(no corpus text): actors (kinds in the corpus's proportions), aliases, places inside Syria's
bounding box under their governorates, roles, articles of ~1.5 KB whose mention offsets point at
the words they name, meetings with participants and sources, events with their report and
perpetrator. Rows go in with PostgreSQL COPY in chunks; the secondary indexes and constraints of
the tables written are dropped first and re-created at the end (which also checks every unique
key, check constraint and foreign key against the generated rows), then VACUUM ANALYZE. The
stored counters of actors and places are written as zeros; make_db.py recounts them after.
"""

from __future__ import annotations

import bisect
import datetime as dt
import io
import queue
import random
import threading
import time

from django.utils.text import slugify

# Corpus proportions (import of the 804-report corpus): actors 58 % persons, 33 % organizations,
# 9 % armed groups; 60 % of mentions name a place; 25 % of persons hold a role; about 1.9
# spellings per actor and per place; a meeting has 2-4 participants and 1.25 sources.
ACTOR_KINDS = (("person", 0.58), ("organization", 0.33), ("armed_group", 0.09))
PLACE_SHARE = 0.6
ROLE_SHARE = 0.25
MEETING_RATE = 1 / 40
EXTRA_SOURCE_RATE = MEETING_RATE * 0.25
# Events as the 20,000-report corpus copy has them: about 3 per article, one report each, and a
# named perpetrator for most (0.87 actor links per event).
EVENTS_PER_ARTICLE = (2, 3, 3, 4)
EVENT_PERPETRATOR_SHARE = 0.87
EVENT_TYPES = (
    ["airstrike"] * 5
    + ["shelling"] * 5
    + ["armed_clash"] * 4
    + ["attack"] * 2
    + ["explosive", "territory_captured", "withdrawal", "arrest", "abduction", "execution"]
    + ["agreement", "protest", "suicide_bombing", "chemical_attack"]
)
TABLES = (
    "entities_actor",
    "entities_actoralias",
    "entities_place",
    "entities_placealias",
    "entities_role",
    "articles_article",
    "entities_meeting",
    "entities_meetingparticipant",
    "entities_meetingsource",
    "entities_mention",
    "entities_event",
    "entities_eventsource",
    "entities_eventactor",
)


def _words(text: str) -> list[str]:
    return text.split()


# --- name parts (written for this benchmark) -------------------------------------------------
ARABIC_GIVEN = _words(
    "Mohammed Ahmad Ali Omar Khaled Hassan Hussein Mahmoud Yousef Ibrahim Abdullah Samir "
    "Bassam Faisal Walid Nabil Tariq Ziad Rami Fadi Maher Jamil Karim Marwan Nizar Osama "
    "Qasim Rafiq Salim Talal Wael Yasser Zuhair Abdulrahman Adnan Anas Ayman Firas Ghassan "
    "Haitham Imad Louay Mazen Muhannad Riad Suhail Fatima Layla Rana Huda Amal Reem Lina Dima "
    "Mariam Nada Asma Hamza Bilal Saeed Jawad Munir Nasr Raed Sami Tamer Ammar Hisham"
)
ARABIC_SURNAMES = _words(
    "al-Hassan al-Ahmad al-Khatib al-Masri al-Halabi al-Homsi Haddad Khoury Mansour Nasser "
    "Saleh al-Shami al-Jaafari al-Zoubi Hamdan Barakat al-Omar Darwish Suleiman Qadri Jaber "
    "Abbas Othman Ismail al-Tamimi al-Rifai Kanaan Sabbagh Kurdi al-Hariri Ghazali Qassem "
    "Zaher Hamoud Bakr Issa Taha Yassin al-Ali al-Hamwi al-Idlibi al-Dairi al-Raqqawi Shaaban "
    "Haidar Maarouf al-Sayyed Mardini Nahhas Attar Najjar Kabbani Hijazi Tarabishi"
)
KURDISH_GIVEN = _words(
    "Salih Mazlum Ilham Aldar Redur Hevin Nujin Berivan Delal Sipan Rojhat Kawa Zana Azad "
    "Dilshad Baran Rezan Shervan Jiyan Newroz Ciwan Polat Rojda Heval Serhat Xebat Bêrîvan "
    "Şervan"
)
KURDISH_SURNAMES = _words(
    "Xelil Ehmed Hesen Ebdi Mihemed Şêxo Bozan Reşo Dêrikî Amûdî Kobanî Silêman Osman "
    "Berzinci Baqi Mistefa Hemo Îbrahîm Cemîl Yûsif"
)
TURKISH_GIVEN = _words(
    "Mehmet Mustafa Ahmet Hakan Mevlüt Recep Hulusi Numan Yaşar Ömer Fuat Selçuk Kemal Burak "
    "Emre Murat Cem Levent Serdar Ayşe Zeynep Elif Fatma Tolga Volkan Oğuz"
)
TURKISH_SURNAMES = _words(
    "Yılmaz Kaya Demir Şahin Çelik Öztürk Aydın Arslan Doğan Kılıç Akar Erdem Güler Koç "
    "Yıldız Özdemir Aksoy Polat Karaca Tekin Uysal Bulut Ergün Korkmaz"
)
RUSSIAN_GIVEN = _words(
    "Sergei Vladimir Dmitry Alexander Mikhail Nikolai Andrei Igor Yuri Viktor Alexei Valery "
    "Gennady Oleg Pavel Maxim Konstantin Ruslan Anatoly Yevgeny Maria Anna Elena Olga Boris"
)
RUSSIAN_SURNAMES = _words(
    "Ivanov Petrov Smirnov Volkov Sokolov Kuznetsov Popov Lebedev Kozlov Novikov Morozov "
    "Pavlov Orlov Zaitsev Belov Bogdanov Gromov Kiselyov Yegorov Tarasov Belyayev Komarov "
    "Frolov Zhukov Vinogradov Sorokin Makarov Nikitin Zakharov Borisov"
)
WESTERN_GIVEN = _words(
    "John Michael James Robert David William Richard Thomas Mark Peter Paul Anthony Steven "
    "Jean Pierre François Laurent Hans Klaus Stefan Giovanni Marco Susan Catherine Laura Emma "
    "Sarah Anne Julia Martin Henrik Lars Erik Sophie Claire"
)
WESTERN_SURNAMES = _words(
    "Smith Johnson Brown Miller Wilson Moore Taylor Anderson Thompson Clark Lewis Walker Hall "
    "Young King Wright Scott Green Baker Adams Nelson Hill Campbell Mitchell Roberts Carter "
    "Dubois Moreau Lefèvre Müller Schmidt Weber Rossi Bianchi Pedersen Jansen Fischer Bauer "
    "Lindqvist Haugen"
)
CULTURES = (
    # given, surnames, share, countries of affiliation
    (ARABIC_GIVEN, ARABIC_SURNAMES, 0.55, ("SY", "SY", "SY", "SY", "IQ", "LB", "JO", "SA", "QA")),
    (KURDISH_GIVEN, KURDISH_SURNAMES, 0.10, ("SY", "SY", "IQ", "TR")),
    (TURKISH_GIVEN, TURKISH_SURNAMES, 0.10, ("TR",)),
    (RUSSIAN_GIVEN, RUSSIAN_SURNAMES, 0.10, ("RU",)),
    (WESTERN_GIVEN, WESTERN_SURNAMES, 0.15, ("US", "GB", "FR", "DE", "IT", "SE", "NO", "")),
)
GROUP_CORES = _words(
    "al-Islam al-Tawhid al-Haqq al-Mujahideen al-Furqan al-Sham al-Fatah al-Umma al-Nasr "
    "al-Izza al-Nukhba al-Qadisiyya al-Yarmouk al-Badia al-Sunna al-Ansar al-Muhajireen "
    "al-Iman al-Jihad al-Sahaba al-Risala al-Karama al-Jazira al-Furat al-Asi al-Sahel "
    "al-Qalamoun al-Ghouta al-Hurriya al-Wafa"
)
GROUP_PATTERNS = (
    "Liwa {core}",
    "Jaish {core}",
    "Katibat {core}",
    "Harakat {core}",
    "Firqat {core}",
    "Liwa Shuhada {place}",
    "Ahrar {place}",
    "Suqour {place}",
    "{place} Brigade",
    "{place} Martyrs Brigade",
    "{place} Battalion",
    "{place} Military Council",
    "{core} Brigade",
    "{ordinal} Division",
    "{ordinal} Regiment",
)
ORDINALS = [
    f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"
    for n in range(1, 400)
]
ORG_PATTERNS = (
    "{place} Local Council",
    "{place} Relief Committee",
    "{place} Coordination Committee",
    "{place} Medical Council",
    "{place} Civil Defence Centre",
    "{place} Water Authority",
    "{place} Chamber of Commerce",
    "{surname} Foundation",
    "{surname} Centre for Strategic Studies",
    "{adj} Council for {topic}",
    "{adj} Observatory for {topic}",
    "{adj} Network for {topic}",
    "{adj} Committee for {topic}",
    "{adj} Union of {members}",
)
ORG_ADJECTIVES = _words(
    "Syrian National Free Independent Arab Kurdish Turkish Russian International European "
    "United Democratic Popular Regional Northern Southern Eastern Western General Supreme "
    "Joint"
)
ORG_TOPICS = (
    "Human Rights",
    "Relief",
    "Reconstruction",
    "Refugee Affairs",
    "Detainees",
    "Missing Persons",
    "Justice",
    "Dialogue",
    "Reconciliation",
    "Development",
    "Education",
    "Health",
    "Demining",
    "Water",
    "Women's Rights",
    "Civil Society",
    "Media Freedom",
    "Elections",
    "Agriculture",
    "Transitional Justice",
)
ORG_MEMBERS = (
    "Doctors",
    "Lawyers",
    "Journalists",
    "Engineers",
    "Teachers",
    "Students",
    "Farmers",
    "Pharmacists",
    "Workers",
    "Merchants",
    "Tribes",
    "Writers",
)
ROLE_TITLES = (
    "Defence Minister",
    "Foreign Minister",
    "Interior Minister",
    "Prime Minister",
    "President",
    "Ambassador",
    "Special Envoy",
    "Chief of Staff",
    "Governor",
    "Commander",
    "Spokesman",
    "Deputy Foreign Minister",
    "Head of Intelligence",
    "Mayor",
    "Field Commander",
    "Political Officer",
    "Head of the Delegation",
    "Director",
)

# Syria's governorates: name, latitude, longitude (centroids, approximate), spread in degrees.
GOVERNORATES = (
    ("Damascus Governorate", 33.51, 36.29, 0.08),
    ("Rif Dimashq", 33.55, 36.65, 0.35),
    ("Aleppo Governorate", 36.25, 37.55, 0.4),
    ("Idlib Governorate", 35.85, 36.6, 0.25),
    ("Hama Governorate", 35.2, 36.9, 0.35),
    ("Homs Governorate", 34.6, 37.6, 0.6),
    ("Latakia Governorate", 35.6, 35.95, 0.15),
    ("Tartus Governorate", 34.9, 36.0, 0.15),
    ("Deir ez-Zor Governorate", 35.1, 40.3, 0.45),
    ("Raqqa Governorate", 35.9, 38.9, 0.4),
    ("Al-Hasakah Governorate", 36.5, 40.8, 0.4),
    ("Daraa Governorate", 32.75, 36.15, 0.2),
    ("As-Suwayda Governorate", 32.75, 36.7, 0.2),
    ("Quneitra Governorate", 33.1, 35.85, 0.1),
)
SYRIA_BBOX = (32.31, 35.72, 37.32, 42.38)  # min_lat, min_lon, max_lat, max_lon
COUNTRIES = (
    ("Syria", "SY", 34.8, 38.9),
    ("Russia", "RU", 61.5, 105.3),
    ("Turkey", "TR", 39.0, 35.2),
    ("Iran", "IR", 32.4, 53.7),
    ("United States", "US", 37.1, -95.7),
    ("Iraq", "IQ", 33.2, 43.7),
    ("Lebanon", "LB", 33.9, 35.9),
    ("Jordan", "JO", 31.2, 36.5),
    ("Israel", "IL", 31.0, 34.9),
    ("Saudi Arabia", "SA", 23.9, 45.1),
    ("Qatar", "QA", 25.4, 51.2),
    ("France", "FR", 46.2, 2.2),
    ("United Kingdom", "GB", 55.4, -3.4),
    ("Germany", "DE", 51.2, 10.5),
    ("Egypt", "EG", 26.8, 30.8),
    ("Switzerland", "CH", 46.8, 8.2),
    ("Kazakhstan", "KZ", 48.0, 66.9),
    ("China", "CN", 35.9, 104.2),
    ("Italy", "IT", 41.9, 12.6),
    ("Sweden", "SE", 60.1, 18.6),
    ("Norway", "NO", 60.5, 8.5),
    ("United Arab Emirates", "AE", 23.4, 53.8),
    ("Kuwait", "KW", 29.3, 47.5),
    ("Oman", "OM", 21.5, 55.9),
    ("Algeria", "DZ", 28.0, 1.7),
)
PLACE_PREFIXES = _words(
    "Tell Kafr Deir Ain Beit Khirbet Jisr Maarat Tal Qasr Bab Ras Umm Abu Marj Qalaat Mazraat "
    "Hayy Arab Sheikh"
)
PLACE_FIRST = _words(
    "Sar Kan Mar Ha Ta Bin Dar Qal Sal Jar Zab Raq Man Ath Nub Kha Shah Dum Bur Ham Fal Yab "
    "Mis Tib Hul Qar Mad Nay Bas Ris Sum Kur Dal Ful Hit Jub Lat Mur"
)
PLACE_SECOND = _words(
    "min sar ba qa ya rud dan bul aya jil tal ran mash rin kar bad dir sin luq nas hin ta yat "
    "wan liya qib zim ana uba iyeh"
)
PLACE_SUFFIXES = ("al-Sharqi", "al-Gharbi", "al-Kabir", "al-Saghir", "al-Fawqani", "al-Tahtani")
SITE_KINDS = (
    "Airbase",
    "Dam",
    "Hospital",
    "Checkpoint",
    "Prison",
    "Oil Field",
    "Border Crossing",
    "Grain Silos",
    "Power Station",
    "Military Academy",
    "Camp",
    "Bridge",
)
WATER_KINDS = ("River", "Spring", "Lake", "Canal")
OUTLETS = (
    "Reuters",
    "AFP",
    "AP",
    "SANA",
    "Enab Baladi",
    "Syrian Observatory",
    "Al Jazeera",
    "BBC",
    "TASS",
    "Anadolu",
    "Rudaw",
    "North Press",
    "Asharq Al-Awsat",
    "The National",
    "",
)

# --- sentence templates: {a} an actor, {p} a place, {r} a role holder with the title before
# the name, {m} the participants of a meeting (joined by commas and "and"). ------------------
TEMPLATES = (
    "Forces loyal to {a} shelled positions held by {a} near {p} overnight, residents said.",
    "{a} said that talks with {a} would resume in {p} after a pause of several weeks.",
    "Clashes between {a} and {a} were reported on the outskirts of {p} on Sunday.",
    "{r} told reporters in {p} that {a} had broken the truce around {p}.",
    "Residents of {p} said {a} had set up new checkpoints on the road to {p}.",
    "{a} accused {a} of targeting a market in {p} and a clinic in {p}.",
    "A statement from {a} said its fighters had withdrawn from {p} to avoid civilian losses.",
    "An aid convoy organised by {a} reached {p} after days of waiting at {p}.",
    "{a}, which is backed by {a}, claimed control of the hills west of {p}.",
    "Local sources in {p} reported that {a} arrested dozens of young men.",
    "{r} visited {p} and met officials of {a} to discuss the return of families.",
    "Drone strikes attributed to {a} hit a convoy between {p} and {p}.",
    "Families displaced from {p} told {a} they lacked fuel, bread and medicine.",
    "According to {a}, at least twelve people were killed in {p} this week.",
    "{a} denied the report and blamed {a} for the explosion in {p}.",
    "Shelling of {p} and {p} forced hundreds of families to flee towards {p}.",
    "The road linking {p} to {p} was closed again after a car bomb near {p}.",
)
# Sentences that name nobody, between the others: reports carry context as well as names.
FILLERS = (
    "The report could not be independently verified by journalists working in the area.",
    "Electricity has been cut for most of the day and the price of bread has doubled since winter.",
    "Humanitarian organisations warned that the coming weeks could bring a new wave of displacement.",
    "Several schools were turned into shelters for families who had lost their homes.",
    "Witnesses described heavy artillery fire that lasted until the early hours of the morning.",
    "Negotiators have so far failed to agree on the release of detainees held by both sides.",
)
MEETING_TEMPLATES = {
    "in_person": "{m} met in {p} to discuss a ceasefire and the exchange of detainees.",
    "phone": "{m} held a phone call about the fighting and the situation of civilians.",
    "video": "{m} spoke by video link about humanitarian access and the crossings.",
    "letter": "{m} exchanged letters on the prisoners and on the reopening of the roads.",
}
MEETING_AGAIN = "Officials recalled that {m} had met recently to discuss the same questions."
TITLE_TEMPLATES = (
    "{a} and {a} trade accusations over {p}",
    "Fighting resumes near {p}",
    "{a} says talks on {p} will continue",
    "Families flee {p} as {a} advances",
    "Aid reaches {p} after weeks of siege",
)
YEAR_WEIGHTS = {
    2011: 3,
    2012: 8,
    2013: 10,
    2014: 10,
    2015: 11,
    2016: 12,
    2017: 10,
    2018: 8,
    2019: 6,
    2020: 5,
    2021: 4,
    2022: 4,
    2023: 5,
    2024: 4,
}


def esc(value: str) -> str:
    """A text value for COPY's text format."""
    return (
        value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    )


def nul(value) -> str:
    return "\\N" if value is None else str(value)


class Zipf:
    """Picks items with probability proportional to 1 / rank ** exponent."""

    def __init__(self, items: list, rng: random.Random, exponent: float = 1.0) -> None:
        self.items = items
        self.rng = rng
        total, cumulative = 0.0, []
        for rank in range(1, len(items) + 1):
            total += 1.0 / rank**exponent
            cumulative.append(total)
        self.cumulative = cumulative
        self.total = total

    def pick(self):
        return self.items[bisect.bisect_left(self.cumulative, self.rng.random() * self.total)]


class World:
    """Actors, places and roles, generated once, with their COPY buffers."""

    def __init__(self, *, actors: int, places: int, rng: random.Random) -> None:
        from extraction.normalize import match_key, name_key

        self.rng = rng
        self.name_key = name_key
        self.match_key = match_key
        self.now = "2025-01-01 00:00:00+00"
        self.slugs: set[str] = set()
        self._places(places)
        self._actors(actors)
        self._roles()

    def _slug(self, name: str, fallback: str) -> str:
        base = slugify(name)[:300].strip("-") or fallback
        slug, n = base, 1
        while slug in self.slugs:
            n += 1
            slug = f"{base}-{n}"
        self.slugs.add(slug)
        return slug

    # places -----------------------------------------------------------------------------------
    def _place_name(self) -> str:
        rng = self.rng
        root = rng.choice(PLACE_FIRST) + rng.choice(PLACE_SECOND)
        roll = rng.random()
        if roll < 0.35:
            root = f"{rng.choice(PLACE_PREFIXES)} {root}"
        elif roll < 0.45:
            root = f"{root} {rng.choice(PLACE_SUFFIXES)}"
        elif roll < 0.55:
            root = f"al-{root}"
        return root

    def _places(self, total: int) -> None:
        rng = self.rng
        rows = []  # id, kind, name, key, slug, cc, lat, lon, geonames_id, parent_id
        next_geonames = 9_000_001

        def add(kind, name, cc, lat, lon, parent, *, geonames: bool) -> int:
            nonlocal next_geonames
            pk = len(rows) + 1
            gid = None
            if geonames:
                gid, next_geonames = next_geonames, next_geonames + 1
            key = f"gn:{gid}" if gid else f"syria:{kind}-{pk}"
            rows.append((pk, kind, name, key, self._slug(name, "place"), cc, lat, lon, gid, parent))
            return pk

        countries = [
            add("country", n, cc, la, lo, None, geonames=True) for n, cc, la, lo in COUNTRIES
        ]
        syria = countries[0]
        governorates = [
            (add("region", n, "SY", la, lo, syria, geonames=True), la, lo, sd)
            for n, la, lo, sd in GOVERNORATES
        ]
        min_lat, min_lon, max_lat, max_lon = SYRIA_BBOX

        def near(lat, lon, sd):
            return (
                round(min(max(rng.gauss(lat, sd), min_lat), max_lat), 5),
                round(min(max(rng.gauss(lon, sd), min_lon), max_lon), 5),
            )

        left = total - len(rows)
        districts = []
        for _ in range(int(left * 0.08)):
            gov, la, lo, sd = rng.choice(governorates)
            lat, lon = near(la, lo, sd)
            name = f"{self._place_name()} District"
            districts.append((add("region", name, "SY", lat, lon, gov, geonames=True), lat, lon))
        self.cities: list[int] = []
        sites, waters = int(left * 0.06), int(left * 0.015)
        while len(rows) < total - sites - waters:
            if rng.random() < 0.7 and districts:
                parent, la, lo = rng.choice(districts)
                lat, lon = near(la, lo, 0.1)
            else:
                parent, la, lo, sd = rng.choice(governorates)
                lat, lon = near(la, lo, sd)
            if rng.random() < 0.1:
                parent = None
            self.cities.append(
                add("city", self._place_name(), "SY", lat, lon, parent, geonames=rng.random() < 0.5)
            )
        for _ in range(sites):
            gov, la, lo, sd = rng.choice(governorates)
            lat, lon = near(la, lo, sd)
            name = f"{self._place_name()} {rng.choice(SITE_KINDS)}"
            add("site", name, "SY", lat, lon, gov if rng.random() < 0.7 else None, geonames=False)
        for _ in range(waters):
            gov, la, lo, sd = rng.choice(governorates)
            lat, lon = near(la, lo, sd)
            kind = rng.choice(WATER_KINDS)
            name = (
                f"Lake {self._place_name()}" if kind == "Lake" else f"{self._place_name()} {kind}"
            )
            add("water", name, "SY", lat, lon, None, geonames=False)
        self.places = rows
        # Mention weights: the countries and governorates first, then cities and the rest.
        order = [r[0] for r in rows[: len(COUNTRIES) + len(GOVERNORATES)]]
        rest = [r[0] for r in rows[len(order) :]]
        rng.shuffle(rest)
        self.place_names = {r[0]: r[2] for r in rows}
        self.place_zipf = Zipf(order + rest, rng, exponent=0.95)
        self.city_zipf = Zipf(list(self.cities), rng, exponent=0.9)
        self.place_aliases = []  # place_id, name, key
        for r in rows:
            self.place_aliases.append((r[0], r[2], self.name_key(r[2])))
            if r[2].startswith("al-"):
                variant = r[2][3:]
            elif r[1] != "country" and rng.random() < 0.8:
                variant = r[2].replace("a", "e", 1) if "a" in r[2] else r[2] + "h"
            else:
                continue
            if self.name_key(variant) != self.name_key(r[2]):
                self.place_aliases.append((r[0], variant, self.name_key(variant)))

    # actors -----------------------------------------------------------------------------------
    def _person(self) -> tuple[str, str]:
        rng = self.rng
        roll, culture = rng.random(), CULTURES[0]
        for culture in CULTURES:
            roll -= culture[2]
            if roll < 0:
                break
        given, surnames, _, countries = culture
        first = rng.choice(given)
        name = f"{first} {rng.choice(surnames)}"
        if rng.random() < 0.6:
            middle = rng.choice(given)
            if middle != first:
                name = f"{first} {middle} {name.split(' ', 1)[1]}"
        return name, rng.choice(countries)

    def _group(self) -> tuple[str, str]:
        rng = self.rng
        pattern = rng.choice(GROUP_PATTERNS)
        name = pattern.format(
            core=rng.choice(GROUP_CORES),
            place=self.place_names[rng.choice(self.cities)],
            ordinal=rng.choice(ORDINALS),
        )
        return name, "SY"

    def _organization(self) -> tuple[str, str]:
        rng = self.rng
        name = rng.choice(ORG_PATTERNS).format(
            place=self.place_names[rng.choice(self.cities)],
            surname=rng.choice(rng.choice(CULTURES)[1]),
            adj=rng.choice(ORG_ADJECTIVES),
            topic=rng.choice(ORG_TOPICS),
            members=rng.choice(ORG_MEMBERS),
        )
        return name, rng.choice(("SY", "SY", "", "TR", "RU", "US", "FR", "GB", "QA"))

    def _actors(self, total: int) -> None:
        rng = self.rng
        makers = {
            "person": self._person,
            "organization": self._organization,
            "armed_group": self._group,
        }
        keys: set[tuple[str, str]] = set()
        rows, aliases = [], []  # actor: id, kind, name, key, slug, country
        self.by_kind: dict[str, list[int]] = {kind: [] for kind, _ in ACTOR_KINDS}
        for kind, share in ACTOR_KINDS:
            wanted = round(total * share)
            misses = 0
            while len(self.by_kind[kind]) < wanted:
                name, country = makers[kind]()
                key = self.name_key(name)
                if (kind, key) in keys:
                    misses += 1
                    if misses > wanted * 20:
                        raise SystemExit(f"Too few distinct {kind} names for {wanted} actors.")
                    continue
                keys.add((kind, key))
                pk = len(rows) + 1
                rows.append((pk, kind, name, key, self._slug(name, "actor"), country))
                self.by_kind[kind].append(pk)
                aliases.append((pk, kind, name, key))
        # Other spellings: without the Arabic article, another vowel, a kunya; one alias key per
        # kind, so a spelling another actor already uses is skipped.
        for pk, kind, name, _, _, _ in rows:
            variants = []
            if "al-" in name:
                variants.append(name.replace("al-", "", 1))
            if "Mohammed" in name:
                variants.append(name.replace("Mohammed", "Muhammad"))
            if name.startswith("Jaish "):
                variants.append("Jaysh " + name[6:])
            if name.startswith("Liwa "):
                variants.append("Liwaa " + name[5:])
            if kind == "person" and rng.random() < 0.3:
                variants.append(f"Abu {rng.choice(ARABIC_GIVEN)} {name.split()[-1]}")
            if rng.random() < 0.5:
                variants.append(name.replace("a", "e", 1))
            for variant in variants:
                key = self.name_key(variant)
                if (kind, key) not in keys:
                    keys.add((kind, key))
                    aliases.append((pk, kind, variant, key))
        self.actors = rows
        self.actor_aliases = aliases
        spellings: dict[int, list[str]] = {}
        for pk, _, name, _ in aliases:
            spellings.setdefault(pk, []).append(name)
        self.spellings = spellings
        everyone = [r[0] for r in rows]
        rng.shuffle(everyone)
        self.actor_zipf = Zipf(everyone, rng, exponent=1.0)
        people = list(self.by_kind["person"])
        rng.shuffle(people)
        self.person_zipf = Zipf(people, rng, exponent=0.9)

    def _roles(self) -> None:
        rng = self.rng
        rows = []  # id, actor_id, title, title_key, country, organization_id, first, last
        self.role_of: dict[int, int] = {}
        self.role_title: dict[int, str] = {}
        countries = {r[0]: r[5] for r in self.actors}
        organizations = self.by_kind["organization"] + self.by_kind["armed_group"]
        for actor in self.by_kind["person"]:
            if rng.random() >= ROLE_SHARE:
                continue
            for title in rng.sample(ROLE_TITLES, rng.choice((1, 1, 1, 2))):
                first = dt.date(2011, 3, 15) + dt.timedelta(days=rng.randint(0, 4500))
                last = first + dt.timedelta(days=rng.randint(0, 1500))
                if rng.random() < 0.3:
                    org, country = rng.choice(organizations), ""
                else:
                    org, country = None, countries[actor]
                pk = len(rows) + 1
                rows.append((pk, actor, title, self.name_key(title), country, org, first, last))
                self.role_of.setdefault(actor, pk)
                self.role_title.setdefault(pk, title)
        self.roles = rows
        holders = list(self.role_of)
        rng.shuffle(holders)
        self.holder_zipf = Zipf(holders, rng, exponent=0.8)

    def buffers(self) -> dict[str, io.StringIO]:
        now = self.now
        out = {name: io.StringIO() for name in TABLES[:5]}
        w = out["entities_actor"].write
        for pk, kind, name, key, slug, country in self.actors:
            w(
                f"{pk}\t{kind}\t{name}\t{key}\t{slug}\t{country}\t\t{now}\t{now}\t0\t0\t0\t\\N\tf\tf\n"
            )
        w = out["entities_actoralias"].write
        for n, (pk, kind, name, key) in enumerate(self.actor_aliases, 1):
            w(f"{n}\t{pk}\t{kind}\t{name}\t{key}\t{self.match_key(name)}\n")
        w = out["entities_place"].write
        for pk, kind, name, key, slug, cc, lat, lon, gid, parent in self.places:
            w(
                f"{pk}\t{kind}\t{name}\t{key}\t{slug}\t{cc}\t{lat}\t{lon}\t{nul(gid)}\t{now}\t"
                f"{nul(parent)}\t0\t0\t0\t0\t\\N\n"
            )
        w = out["entities_placealias"].write
        for n, (pk, name, key) in enumerate(self.place_aliases, 1):
            w(f"{n}\t{pk}\t{name}\t{key}\n")
        w = out["entities_role"].write
        for pk, actor, title, title_key, country, org, first, last in self.roles:
            w(f"{pk}\t{actor}\t{title}\t{title_key}\t{country}\t{nul(org)}\t{first}\t{last}\n")
        return out


COLUMNS = {
    # The stored counters go in as zeros: make_db.py recounts them (counters_rebuild) at the end.
    "entities_actor": "id, kind, name, key, slug, country, description, created_at, updated_at, "
    "mention_count, article_count, meeting_count, last_seen, kind_fixed, country_fixed",
    "entities_actoralias": "id, actor_id, kind, name, key, match_key",
    "entities_place": "id, kind, name, key, slug, country_code, latitude, longitude, geonames_id, "
    "created_at, parent_id, mention_count, article_count, meeting_count, event_count, last_seen",
    "entities_placealias": "id, place_id, name, key",
    "entities_role": "id, actor_id, title, title_key, country, organization_id, first_attested, "
    "last_attested",
    "articles_article": "id, title, text, source_url, source_name, published, content_hash, status, "
    "error, attempts, queued_at, processed_at, extractor_version, extracted_hash, created_at, "
    "updated_at, uploaded_by_id",
    "entities_meeting": "id, kind, date, date_precision, created_at, place_id",
    "entities_meetingparticipant": "id, meeting_id, actor_id, role_id",
    "entities_meetingsource": "id, meeting_id, article_id, sentence_start, sentence_end",
    "entities_mention": 'id, article_id, actor_id, place_id, role_id, text, start, "end", '
    "sentence_start, sentence_end, published",
    "entities_event": "id, type, date, date_precision, place_id, geo_precision, admin1, "
    "created_at, updated_at",
    "entities_eventsource": "id, event_id, article_id, sentence, sentence_start, sentence_end, "
    "spans, killed, wounded",
    "entities_eventactor": "id, event_id, source_id, actor_id, name, name_key, side, basis",
}


class _Draft:
    """The sentences of one article as they are written: (start, sentence, mentions)."""

    def __init__(self) -> None:
        self.sentences: list[tuple[int, str, list]] = []
        self.length = 0
        self.mentions = 0

    def add(self, sentence_and_mentions: tuple[str, list]) -> None:
        sentence, mentions = sentence_and_mentions
        self.sentences.append((self.length, sentence, mentions))
        self.length += len(sentence) + 1
        self.mentions += len(mentions)


class Writer:
    """Generates articles with their mentions, meetings, participants and sources."""

    def __init__(self, world: World, *, articles: int, rng: random.Random) -> None:
        from articles.models import content_hash
        from extraction import version

        self.world = world
        self.rng = rng
        self.hash = content_hash
        self.version = version.EXTRACTOR_VERSION
        self.total = articles
        years = list(YEAR_WEIGHTS)
        weights = [YEAR_WEIGHTS[y] for y in years]
        start = dt.date(2011, 3, 15).toordinal()
        days = []
        for year in rng.choices(years, weights, k=articles):
            first = max(dt.date(year, 1, 1).toordinal(), start)
            days.append(rng.randint(first, dt.date(year, 12, 31).toordinal()))
        days.sort()  # ids follow publication, as a tracker that reads the news every day
        self.days = days
        self.ids = {
            "mention": 0,
            "meeting": 0,
            "participant": 0,
            "source": 0,
            "event": 0,
            "event_source": 0,
            "event_actor": 0,
        }
        # An event's geo precision from its place's kind (as entities/services/facts/events.py).
        self.place_precision = {
            r[0]: (3 if r[1] in ("country", "region") else 1) for r in world.places
        }
        self.actor_name = {r[0]: (r[2], world.name_key(r[2])) for r in world.actors}
        self.recent: list[tuple[int, list[int], int | None, str]] = []
        self.meeting_kinds = (["in_person"] * 14) + (["phone"] * 4) + ["video", "letter"]

    def _actor_text(self, actor: int) -> str:
        spellings = self.world.spellings[actor]
        return (
            spellings[0]
            if len(spellings) == 1 or self.rng.random() < 0.7
            else self.rng.choice(spellings)
        )

    def _fill(self, template: str, offset: int, *, meeting: list[int] | None = None, place=None):
        """Fill one template; returns the sentence and its mentions relative to it."""
        world = self.world
        parts, mentions, at, i = [], [], 0, 0
        while True:
            j = template.find("{", i)
            if j < 0:
                parts.append(template[i:])
                break
            parts.append(template[i:j])
            at += j - i
            slot = template[j + 1]
            i = j + 3
            if slot == "a":
                actor = world.actor_zipf.pick()
                words = self._actor_text(actor)
                mentions.append((actor, None, None, at, at + len(words), words))
            elif slot == "p":
                where = place or world.place_zipf.pick()
                words = world.place_names[where]
                mentions.append((None, where, None, at, at + len(words), words))
            elif slot == "r":
                actor = world.holder_zipf.pick()
                role = world.role_of[actor]
                title = world.role_title[role]
                name = self._actor_text(actor)
                words = f"{title} {name}"
                start = at + len(title) + 1
                mentions.append((actor, None, role, start, start + len(name), name))
            else:  # "m": the participants of a meeting
                names = []
                for actor in meeting:
                    name = self._actor_text(actor)
                    names.append((actor, name))
                words, pos = "", at
                for n, (actor, name) in enumerate(names):
                    sep = "" if n == 0 else (" and " if n == len(names) - 1 else ", ")
                    words += sep + name
                    pos += len(sep)
                    mentions.append(
                        (actor, None, world.role_of.get(actor), pos, pos + len(name), name)
                    )
                    pos += len(name)
            parts.append(words)
            at += len(words)
        sentence = "".join(parts)
        return sentence, [(a, p, r, offset + s, offset + e, t) for a, p, r, s, e, t in mentions]

    def chunk(self, first: int, last: int) -> dict[str, io.StringIO]:
        """COPY buffers for articles first..last (ids, inclusive)."""
        world, rng, ids = self.world, self.rng, self.ids
        out = {name: io.StringIO() for name in TABLES[5:]}
        wa, wm = out["articles_article"].write, out["entities_mention"].write
        wmeet, wpart = out["entities_meeting"].write, out["entities_meetingparticipant"].write
        wsrc = out["entities_meetingsource"].write
        wev, wes = out["entities_event"].write, out["entities_eventsource"].write
        wea = out["entities_eventactor"].write
        for article in range(first, last + 1):
            published = dt.date.fromordinal(self.days[article - 1])
            draft = _Draft()
            add = draft.add
            meeting_rows = []
            target = rng.randint(20, 30)

            if rng.random() < MEETING_RATE:
                kind = rng.choice(self.meeting_kinds)
                size = rng.choice((2, 2, 2, 3, 3, 4))
                people = []
                while len(people) < size:
                    actor = (
                        world.person_zipf.pick() if rng.random() < 0.8 else world.actor_zipf.pick()
                    )
                    if actor not in people:
                        people.append(actor)
                place = world.city_zipf.pick() if kind == "in_person" else None
                ids["meeting"] += 1
                meeting = ids["meeting"]
                if rng.random() < 0.1:
                    date, precision = None, "unknown"
                else:
                    date = published - dt.timedelta(days=rng.randint(0, 3))
                    precision = rng.choice(("day", "day", "day", "day", "week", "month"))
                wmeet(
                    f"{meeting}\t{kind}\t{nul(date)}\t{precision}\t{published} 12:00:00+00\t{nul(place)}\n"
                )
                for actor in people:
                    ids["participant"] += 1
                    wpart(
                        f"{ids['participant']}\t{meeting}\t{actor}\t{nul(world.role_of.get(actor))}\n"
                    )
                start = draft.length
                sentence, mentions = self._fill(
                    MEETING_TEMPLATES[kind], start, meeting=people, place=place
                )
                add((sentence, mentions))
                meeting_rows.append((meeting, start, sentence))
                self.recent.append((meeting, people))
                del self.recent[:-200]
            elif self.recent and rng.random() < EXTRA_SOURCE_RATE / (1 - MEETING_RATE):
                meeting, people = rng.choice(self.recent)
                start = draft.length
                sentence, mentions = self._fill(MEETING_AGAIN, start, meeting=people)
                add((sentence, mentions))
                meeting_rows.append((meeting, start, sentence))
            while draft.mentions < target:
                if rng.random() < 0.55:
                    add((rng.choice(FILLERS), []))
                add(self._fill(rng.choice(TEMPLATES), draft.length))
            # Sentences are joined by one space, or by a line break where a paragraph ends (the
            # same length, so the offsets computed above stay right).
            sentences = draft.sentences
            breaks = set(rng.sample(range(1, len(sentences)), min(3, len(sentences) - 1)))
            text_parts = []
            for n, (_, sentence, _) in enumerate(sentences):
                if n:
                    text_parts.append("\n" if n in breaks else " ")
                text_parts.append(sentence)
            text = "".join(text_parts) + f"\nRef. CT-{article:07d}."
            for s0, sentence, mentions in sentences:
                s1 = s0 + len(sentence)
                for actor, place, role, ms, me, words in mentions:
                    ids["mention"] += 1
                    wm(
                        f"{ids['mention']}\t{article}\t{nul(actor)}\t{nul(place)}\t{nul(role)}\t"
                        f"{words}\t{ms}\t{me}\t{s0}\t{s1}\t{published}\n"
                    )
            for meeting, s0, sentence in meeting_rows:
                ids["source"] += 1
                wsrc(f"{ids['source']}\t{meeting}\t{article}\t{s0}\t{s0 + len(sentence)}\n")
            self._events(article, published, sentences, wev, wes, wea)
            title, _ = self._fill(rng.choice(TITLE_TEMPLATES), 0)
            digest = self.hash(text)
            stamp = f"{published} 12:00:00+00"
            wa(
                f"{article}\t{title}\t{esc(text)}\thttps://news.example/report/{article}\t"
                f"{rng.choice(OUTLETS)}\t{published}\t{digest}\tdone\t\t1\t{stamp}\t{stamp}\t"
                f"{self.version}\t{digest}\t{stamp}\t{stamp}\t\\N\n"
            )
        return out

    def _events(self, article, published, sentences, wev, wes, wea) -> None:
        """About three events per article, each reported by a sentence that names its place,
        its perpetrator the sentence's first actor."""
        rng, ids = self.rng, self.ids
        placed = [
            (s0, sentence, mentions)
            for s0, sentence, mentions in sentences
            if any(m[1] is not None for m in mentions)
        ]
        count = min(rng.choice(EVENTS_PER_ARTICLE), len(placed))
        for s0, sentence, mentions in rng.sample(placed, count):
            place = next(m[1] for m in mentions if m[1] is not None)
            ids["event"] += 1
            ids["event_source"] += 1
            event, source = ids["event"], ids["event_source"]
            date = published - dt.timedelta(days=rng.randint(0, 2))
            stamp = f"{published} 12:00:00+00"
            wev(
                f"{event}\t{rng.choice(EVENT_TYPES)}\t{date}\tday\t{place}\t"
                f"{self.place_precision[place]}\t\t{stamp}\t{stamp}\n"
            )
            s1 = s0 + len(sentence)
            killed = rng.randint(1, 40) if rng.random() < 0.4 else None
            wounded = rng.randint(1, 60) if rng.random() < 0.25 else None
            wes(
                f"{source}\t{event}\t{article}\t{sentence}\t{s0}\t{s1}\t[[{s0}, {s1}]]\t"
                f"{nul(killed)}\t{nul(wounded)}\n"
            )
            actor = next((m[0] for m in mentions if m[0] is not None), None)
            if actor is not None and rng.random() < EVENT_PERPETRATOR_SHARE:
                ids["event_actor"] += 1
                name, key = self.actor_name[actor]
                wea(
                    f"{ids['event_actor']}\t{event}\t{source}\t{actor}\t{name}\t{key}\t"
                    "perpetrator\treported\n"
                )


def _copy(cursor, table: str, buffer: io.StringIO) -> None:
    buffer.seek(0)
    cursor.copy_expert(f"COPY {table} ({COLUMNS[table]}) FROM STDIN", buffer, size=1 << 20)


def _schema_drop(cursor) -> list[tuple[int, str]]:
    """Drop the secondary indexes and constraints of TABLES; return the DDL that re-creates them,
    with an order (unique and check constraints and indexes first, foreign keys last)."""
    ddl: list[tuple[int, str]] = []
    for table in TABLES:
        cursor.execute(
            "SELECT conname, contype, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE conrelid = %s::regclass AND contype <> 'p'",
            [table],
        )
        constraints = cursor.fetchall()
        owned = {name for name, kind, _ in constraints if kind in ("u", "x")}
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s "
            "AND indexname NOT LIKE '%%_pkey'",
            [table],
        )
        indexes = [(n, d) for n, d in cursor.fetchall() if n not in owned]
        for name, kind, definition in constraints:
            order = 2 if kind == "f" else 1
            ddl.append((order, f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}'))
            cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
        for name, definition in indexes:
            ddl.append((0, definition))
            cursor.execute(f'DROP INDEX "{name}"')
    return sorted(ddl, key=lambda item: item[0])


def build(
    *, articles: int, actors: int, places: int, chunk: int = 5000, seed: int = 20110315
) -> None:
    from django.db import connection, transaction

    started = time.monotonic()

    def say(message: str) -> None:
        print(f"[{time.monotonic() - started:7.1f} s] {message}", flush=True)

    rng = random.Random(seed)
    with connection.cursor() as cursor:
        cursor.execute("SELECT EXISTS (SELECT 1 FROM articles_article)")
        if cursor.fetchone()[0]:
            raise SystemExit("The database already has articles: pass --fresh to start over.")
    world = World(actors=actors, places=places, rng=rng)
    say(
        f"{len(world.actors)} actors ({len(world.actor_aliases)} spellings), "
        f"{len(world.places)} places ({len(world.place_aliases)} spellings), "
        f"{len(world.roles)} roles generated"
    )
    with connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit = off")
        cursor.execute("SET maintenance_work_mem = '1GB'")
        with transaction.atomic():
            ddl = _schema_drop(cursor)
            for table, buffer in world.buffers().items():
                _copy(cursor, table, buffer)
        say(f"entities written; {len(ddl)} indexes and constraints set aside")

        writer = Writer(world, articles=articles, rng=rng)
        chunks: queue.Queue = queue.Queue(maxsize=2)

        def produce() -> None:
            try:
                for first in range(1, articles + 1, chunk):
                    chunks.put((first, writer.chunk(first, min(articles, first + chunk - 1))))
            except BaseException as error:  # reported by the consumer
                chunks.put(error)
                return
            chunks.put(None)

        producer = threading.Thread(target=produce, daemon=True)
        producer.start()
        done = 0
        while (item := chunks.get()) is not None:
            if isinstance(item, BaseException):
                raise item
            first, buffers = item
            with transaction.atomic():
                for table in TABLES[5:]:
                    _copy(cursor, table, buffers[table])
            done = min(articles, first + chunk - 1)
            if done % (chunk * 10) == 0 or done == articles:
                rate = done / (time.monotonic() - started)
                say(
                    f"{done}/{articles} articles, {writer.ids['mention']} mentions, "
                    f"{writer.ids['meeting']} meetings, {writer.ids['event']} events "
                    f"({rate:.0f} articles/s)"
                )
        for table in TABLES:
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"COALESCE((SELECT MAX(id) FROM {table}), 1))"
            )
        for _, statement in ddl:
            begun = time.monotonic()
            cursor.execute(statement)
            say(f"{time.monotonic() - begun:6.1f} s  {statement[:110]}")
    say("VACUUM ANALYZE")
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    say("done")
