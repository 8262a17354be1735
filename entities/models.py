"""What analysts track: actors, places, meetings, and the mentions that prove each fact.

The database keeps the invariants: normalized unique keys, one alias spelling per kind, a mention
pointing at exactly one actor or place. Each index names the query that needs it.
"""

import datetime as dt

from django.conf import settings
from django.contrib.postgres.indexes import OpClass
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Exists, F, OrderBy, OuterRef, Q
from django.db.models.functions import Substr, Upper
from django.urls import reverse

from conflict_tracker.db_indexes import PostgresGinIndex, PostgresGistIndex, PostgresIndex


def trigram_index(model: str, *, with_key: bool = True) -> PostgresGinIndex:
    """GIN trigram index (PostgreSQL; pg_trgm) on `name`, and on `key` (the name without case,
    accents or punctuation) where there is one, for the name search: ILIKE '%q%' and the
    word-similarity operator (entities.selectors._name_search)."""
    fields = ["name", "key"] if with_key else ["name"]
    return PostgresGinIndex(
        fields=fields, opclasses=["gin_trgm_ops"] * len(fields), name=f"entities_{model}_name_trgm"
    )


def closest_index(model: str, field: str) -> PostgresGistIndex:
    """GiST trigram index (PostgreSQL) on `field`, for the name search's closest names: ordered
    by word distance (`field <->> 'q'`) and cut at a limit, the scan stops after that many rows
    instead of ranking every name that shares a trigram (entities.selectors._name_search)."""
    return PostgresGistIndex(
        fields=[field], opclasses=["gist_trgm_ops"], name=f"entities_{model}_{field}_gist"
    )


def prefix_index(model: str, owner: str) -> PostgresIndex:
    """B-tree (PostgreSQL) on an actor's or an alias table's key for the name search's "equals"
    and "starts with" (varchar_pattern_ops serves LIKE 'q%'), then the owner's id, so that both
    read it index-only. The trigram indexes serve a two-letter prefix badly: the planner took the GiST
    one for the aliases equal to "al" and rechecked 15,000 rows (12 ms at 50,000 actors)."""
    return PostgresIndex(
        fields=["key", owner],
        opclasses=["varchar_pattern_ops", "int8_ops"],
        name=f"entities_{model}_key_prefix",
    )


def name_prefix_index(model: str) -> PostgresIndex:
    """B-tree (PostgreSQL) on UPPER(name) for the name search's case-blind "starts with"
    (`name__istartswith`), which otherwise scans every row."""
    return PostgresIndex(
        OpClass(Upper("name"), name="text_pattern_ops"), name=f"entities_{model}_uname_prefix"
    )


class NullsLastIndex(models.Index):
    """An index on expressions ordered NULLS LAST, for a list sorted that way ("undated last").

    PostgreSQL uses it only when the null order matches the query's; SQLite cannot write NULLS
    LAST in an index, so there it gets the same columns and directions without it.
    """

    def create_sql(self, model, schema_editor, using="", **kwargs):
        if schema_editor.connection.vendor == "postgresql":
            return super().create_sql(model, schema_editor, using=using, **kwargs)
        plain = models.Index(
            *[
                OrderBy(e.expression, descending=e.descending) if isinstance(e, OrderBy) else e
                for e in self.expressions
            ],
            name=self.name,
        )
        return plain.create_sql(model, schema_editor, using=using, **kwargs)


def rollup_active_q(start: dt.date | None, end: dt.date | None) -> Q:
    """A filter for the monthly rollups (ActorMonth, PlaceMonth): months with a mention in an
    article published between `start` and `end` (either may be open).

    Exact to the day for a range that spans months: a row's first and last publication day
    inside its month decide the months the range cuts. Inside one month it is only necessary
    (a mention on the 1st and another on the 30th say nothing of the 15th): see
    `_ActivityQuerySet.active_between`.

    The plain month bounds repeat what the day tests imply: they give the planner a range of
    the (owner, month) index to read, where the ORs alone made it read every month of each row
    (at a million reports, "active in 2017" counted 48,000 actors in 210 ms; 120 ms with them).
    """
    cond = Q()
    if start is not None:
        first = start.replace(day=1)
        cond &= Q(month__gte=first) & (Q(month__gt=first) | Q(last_day__gte=start))
    if end is not None:
        last = end.replace(day=1)
        cond &= Q(month__lte=last) & (Q(month__lt=last) | Q(first_day__lte=end))
    return cond


class _ActivityQuerySet(models.QuerySet):
    rollup: str  # the monthly rollup model: "ActorMonth" or "PlaceMonth"
    owner: str  # its foreign key, and the Mention field: "actor" or "place"

    def active_between(self, start: dt.date | None, end: dt.date | None):
        """Rows named in an article published between `start` and `end`, either may be None.

        One EXISTS on the monthly rollup (index entities_<owner>month_month_idx), exact to the
        day, or on the yearly one for a range of whole years; a range inside one month also
        checks the candidates' mentions in it, a bounded probe of the (owner, published,
        article) index of mentions.
        """
        if start is None and end is None:
            return self
        rollup = self.model._meta.apps.get_model("entities", self.rollup)
        months = rollup.objects.filter(rollup_active_q(start, end), **{self.owner: OuterRef("pk")})
        active = Exists(months)
        # A range of whole calendar years: one probe of the yearly rollup per row, exact (at a
        # million reports "active in 2017" counted its actors in 40 ms, 210 ms from the
        # months). Other ranges stay on the months: an OR of the two probes is slower than either.
        whole = (start is None or (start.month, start.day) == (1, 1)) and (
            end is None or (end.month, end.day) == (12, 31)
        )
        if whole:
            years = self.model._meta.apps.get_model(
                "entities", self.rollup.replace("Month", "Year")
            )
            inside = Q()
            if start is not None:
                inside &= Q(year__gte=start)
            if end is not None:
                inside &= Q(year__lte=end.replace(month=1, day=1))
            active = Exists(years.objects.filter(inside, **{self.owner: OuterRef("pk")}))
        found = self.filter(active)
        if start is not None and end is not None and start.replace(day=1) == end.replace(day=1):
            named = Mention.objects.filter(
                **{self.owner: OuterRef("pk")},
                published__gte=start,
                published__lte=end,
            )
            found = found.filter(Exists(named))
        return found


class ActorQuerySet(_ActivityQuerySet):
    """Reads of actors shared by the pages and the API."""

    rollup, owner = "ActorMonth", "actor"

    def with_aliases(self) -> "ActorQuerySet":
        """Prefetch the aliases, by name, into `alias_list` (one query for any number of rows)."""
        return self.prefetch_related(
            models.Prefetch(
                "aliases", queryset=ActorAlias.objects.order_by("name"), to_attr="alias_list"
            )
        )

    def by_mentions(self) -> "ActorQuerySet":
        """Most mentioned first (stored counter; index entities_actor_mentions_idx)."""
        return self.order_by("-mention_count", "name", "pk")

    def by_last_seen(self) -> "ActorQuerySet":
        """Most recently named first, never named last (index entities_actor_last_seen_idx)."""
        return self.order_by(F("last_seen").desc(nulls_last=True), "name", "pk")


class PlaceQuerySet(_ActivityQuerySet):
    """Reads of places shared by the pages and the API."""

    rollup, owner = "PlaceMonth", "place"

    def with_aliases(self) -> "PlaceQuerySet":
        """Prefetch the aliases, by name, into `alias_list` (one query for any number of rows)."""
        return self.prefetch_related(
            models.Prefetch(
                "aliases", queryset=PlaceAlias.objects.order_by("name"), to_attr="alias_list"
            )
        )

    def by_mentions(self) -> "PlaceQuerySet":
        """Most mentioned first (stored counter; index entities_place_mentions_idx)."""
        return self.order_by("-mention_count", "name", "pk")


def article_sentence() -> Substr:
    """The sentence a row points at (`sentence_start`, `sentence_end` in its article's text), cut
    by the database from the article's text, so a list of rows never carries whole texts."""
    return Substr("article__text", F("sentence_start") + 1, F("sentence_end") - F("sentence_start"))


class SentenceQuerySet(models.QuerySet):
    """Rows that point at a sentence of their article by offsets instead of keeping a copy."""

    def with_sentence(self) -> "SentenceQuerySet":
        """Annotate `sentence`, cut from the article's text in the same query (a join on the
        article; its text stays in the database)."""
        return self.annotate(sentence=article_sentence())


class Actor(models.Model):
    class Kind(models.TextChoices):
        PERSON = "person", "Person"
        ORGANIZATION = "organization", "Organization"
        ARMED_GROUP = "armed_group", "Armed group"

    kind = models.CharField(max_length=20, choices=Kind.choices)
    name = models.CharField(max_length=300, help_text="Display name, e.g. Sergei Shoigu.")
    key = models.CharField(max_length=300, help_text="Normalized lookup key, unique per kind.")
    slug = models.SlugField(max_length=320, unique=True)
    country = models.CharField(
        max_length=2, blank=True, help_text="ISO 3166-1 alpha-2 code of affiliation."
    )
    description = models.TextField(blank=True)
    # Set by an analyst's correction (entities.services.corrections.actor_fix): processing of
    # later articles leaves the kind or the country as the analyst set it.
    kind_fixed = models.BooleanField(default=False, help_text="An analyst set the kind.")
    country_fixed = models.BooleanField(default=False, help_text="An analyst set the country.")
    # Stored counters, recomputed by entities.services.counters whenever the facts change
    # (mentions, distinct articles, meetings, newest article's publication date).
    mention_count = models.PositiveIntegerField(default=0, editable=False)
    article_count = models.PositiveIntegerField(default=0, editable=False)
    meeting_count = models.PositiveIntegerField(
        default=0, editable=False, help_text="Meetings it took part in."
    )
    last_seen = models.DateField(
        null=True, blank=True, editable=False, help_text="Newest article naming it, by date."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ActorQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "key"], name="entities_actor_unique_kind_key"),
            models.CheckConstraint(
                condition=Q(kind__in=["person", "organization", "armed_group"]),
                name="entities_actor_valid_kind",
            ),
        ]
        indexes = [
            # Actor list filtered by kind and country of affiliation.
            models.Index(fields=["kind", "country"], name="entities_actor_kind_cc_idx"),
            # The default order of actor lists and the API (Meta.ordering, ?ordering=name).
            models.Index(fields=["name"], name="entities_actor_name_idx"),
            # Name search, pages and API ?q= (selectors.actor_search).
            trigram_index("actor"),
            # The closest names first (selectors._name_search).
            closest_index("actor", "key"),
            # Names starting with the query (selectors._name_search): as written, and as keys.
            name_prefix_index("actor"),
            prefix_index("actor", "id"),
            # Actor list and API most mentioned first (ActorQuerySet.by_mentions).
            models.Index(
                F("mention_count").desc(), "name", "id", name="entities_actor_mentions_idx"
            ),
            # Actor list sorted by last seen, never seen last (ActorQuerySet.by_last_seen).
            NullsLastIndex(
                F("last_seen").desc(nulls_last=True),
                "name",
                "id",
                name="entities_actor_last_seen_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("actor_detail", args=[self.slug])


class ActorAlias(models.Model):
    """One spelling seen for an actor. A spelling belongs to one actor of a kind."""

    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="aliases")
    kind = models.CharField(
        max_length=20, choices=Actor.Kind.choices, help_text="Copied from the actor."
    )
    name = models.CharField(max_length=300)
    key = models.CharField(max_length=300)
    match_key = models.CharField(
        max_length=300,
        blank=True,
        help_text="Transliteration-neutral key (extraction.normalize.match_key): spellings that "
        "are one name share it, across kinds.",
    )

    class Meta:
        verbose_name_plural = "actor aliases"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "key"], name="entities_actoralias_unique_kind_key"
            ),
        ]
        indexes = [
            # facts._actor_owners: the actors already known by any spelling of a batch's names.
            models.Index(fields=["match_key"], name="entities_actoralias_match_idx"),
            # Name search by any spelling (selectors.actor_search).
            trigram_index("actoralias"),
            # The closest names first (selectors._name_search).
            closest_index("actoralias", "key"),
            # Spellings equal to or starting with the query (selectors._name_search).
            prefix_index("actoralias", "actor"),
        ]

    def __str__(self) -> str:
        return self.name


class Place(models.Model):
    class Kind(models.TextChoices):
        COUNTRY = "country", "Country"
        REGION = "region", "Region"
        CITY = "city", "City, town or village"
        SITE = "site", "Site"
        WATER = "water", "Water"

    class GeoPrecision(models.IntegerChoices):
        # ACLED's geo_precision of a place's point. A village no gazetteer lists takes the point
        # of what the report locates it by ("al-Msheirfeh, east of Homs city").
        POINT = 1, "Its own point"
        NEAR_TOWN = 2, "The point of the town the report puts it in or near"
        GOVERNORATE = 3, "The point of the governorate the report puts it in"

    kind = models.CharField(max_length=10, choices=Kind.choices)
    name = models.CharField(max_length=300)
    key = models.CharField(
        max_length=120, help_text="Gazetteer key, e.g. gn:166365 or syria:hmeimim-airbase."
    )
    slug = models.SlugField(max_length=320, unique=True)
    country_code = models.CharField(max_length=2, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    geo_precision = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        choices=GeoPrecision.choices,
        help_text="How its point was found (ACLED's geo_precision); empty when it has none.",
    )
    located_near = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The town or governorate whose point it was given, from a report's own words.",
    )
    geonames_id = models.PositiveIntegerField(null=True, blank=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children"
    )
    # Stored counters, recomputed by entities.services.counters whenever the facts change
    # (mentions, distinct articles, meetings, newest article's publication date).
    mention_count = models.PositiveIntegerField(default=0, editable=False)
    article_count = models.PositiveIntegerField(default=0, editable=False)
    meeting_count = models.PositiveIntegerField(
        default=0, editable=False, help_text="Meetings held there."
    )
    event_count = models.PositiveIntegerField(
        default=0, editable=False, help_text="Events that happened there."
    )
    last_seen = models.DateField(
        null=True, blank=True, editable=False, help_text="Newest article naming it, by date."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PlaceQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["key"], name="entities_place_unique_key"),
            models.UniqueConstraint(
                fields=["geonames_id"],
                condition=Q(geonames_id__isnull=False),
                name="entities_place_unique_geonames_id",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=["country", "region", "city", "site", "water"]),
                name="entities_place_valid_kind",
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True) | Q(latitude__gte=-90, latitude__lte=90),
                name="entities_place_latitude_range",
            ),
            models.CheckConstraint(
                condition=Q(longitude__isnull=True) | Q(longitude__gte=-180, longitude__lte=180),
                name="entities_place_longitude_range",
            ),
        ]
        indexes = [
            # Place list filtered by country and kind; map and bounding-box queries.
            models.Index(fields=["country_code", "kind"], name="entities_place_cc_kind_idx"),
            # The default order of place lists and the API (Meta.ordering, ?ordering=name).
            models.Index(fields=["name"], name="entities_place_name_idx"),
            models.Index(fields=["latitude", "longitude"], name="entities_place_latlon_idx"),
            # Name search, pages and API ?q= (selectors.place_search); `key` is the gazetteer's.
            trigram_index("place", with_key=False),
            # The closest names first (selectors._name_search).
            closest_index("place", "name"),
            # Names starting with the query (selectors._name_search).
            name_prefix_index("place"),
            # Place list, API and map most mentioned first (PlaceQuerySet.by_mentions).
            models.Index(
                F("mention_count").desc(), "name", "id", name="entities_place_mentions_idx"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("place_detail", args=[self.slug])

    @property
    def approximate(self) -> bool:
        """Placed at another place's point: the map and the page say so."""
        return self.geo_precision is not None and self.geo_precision > self.GeoPrecision.POINT


class PlaceAlias(models.Model):
    # Indexed by entities_placealias_unique_place_key, which starts with it.
    place = models.ForeignKey(
        Place, on_delete=models.CASCADE, related_name="aliases", db_index=False
    )
    name = models.CharField(max_length=300)
    key = models.CharField(max_length=300)

    class Meta:
        verbose_name_plural = "place aliases"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["place", "key"], name="entities_placealias_unique_place_key"
            ),
        ]
        indexes = [
            # Search of places by any spelling: the exact key (selectors.place_search).
            models.Index(fields=["key"], name="entities_placealias_key_idx"),
            # ... and the name, by trigrams (selectors.place_search).
            trigram_index("placealias"),
            # The closest names first (selectors._name_search).
            closest_index("placealias", "key"),
        ]

    def __str__(self) -> str:
        return self.name


class PlaceRedirect(models.Model):
    """A gazetteer key whose place an analyst merged into another one.

    Re-processing an article that names the merged place follows the redirect instead of
    re-creating the place the analyst removed.
    """

    old_key = models.CharField(max_length=120)
    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="redirects")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["old_key"], name="entities_placeredirect_unique_old_key"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.old_key} -> {self.place}"


class Role(models.Model):
    """A title an actor held, for a country or an organization, as sources attested it."""

    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="roles")
    title = models.CharField(max_length=200, help_text="e.g. Defense Minister.")
    title_key = models.CharField(max_length=200)
    country = models.CharField(max_length=2, blank=True, help_text="Country the title is held for.")
    organization = models.ForeignKey(
        Actor, null=True, blank=True, on_delete=models.SET_NULL, related_name="office_holders"
    )
    first_attested = models.DateField(null=True, blank=True)
    last_attested = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-last_attested", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["actor", "title_key", "country"],
                condition=Q(organization__isnull=True),
                name="entities_role_unique_for_country",
            ),
            models.UniqueConstraint(
                fields=["actor", "title_key", "organization"],
                condition=Q(organization__isnull=False),
                name="entities_role_unique_for_organization",
            ),
            models.CheckConstraint(
                condition=Q(first_attested__isnull=True)
                | Q(last_attested__isnull=True)
                | Q(first_attested__lte=models.F("last_attested")),
                name="entities_role_attested_in_order",
            ),
        ]

    def __str__(self) -> str:
        held_for = self.organization.name if self.organization_id else self.country
        return f"{self.title} ({held_for})" if held_for else self.title


class Meeting(models.Model):
    class Kind(models.TextChoices):
        IN_PERSON = "in_person", "In person"
        PHONE = "phone", "Phone call"
        VIDEO = "video", "Video call"
        LETTER = "letter", "Letter"

    class Precision(models.TextChoices):
        DAY = "day", "Day"
        WEEK = "week", "Week"
        MONTH = "month", "Month"
        YEAR = "year", "Year"
        UNKNOWN = "unknown", "Unknown"

    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.IN_PERSON)
    date = models.DateField(null=True, blank=True)
    date_precision = models.CharField(
        max_length=8, choices=Precision.choices, default=Precision.UNKNOWN
    )
    # Indexed by entities_meeting_place_idx (place, date), which starts with it.
    place = models.ForeignKey(
        Place,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meetings",
        db_index=False,
    )
    participants = models.ManyToManyField(
        Actor, through="MeetingParticipant", related_name="meetings"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["in_person", "phone", "video", "letter"]),
                name="entities_meeting_valid_kind",
            ),
            models.CheckConstraint(
                condition=Q(date__isnull=False) | Q(date_precision="unknown"),
                name="entities_meeting_precision_needs_date",
            ),
        ]
        indexes = [
            # Meeting lists by date range; matching a new report against meetings on nearby dates.
            # Every meetings list (selectors.meeting_rows): newest first, undated last, paginated.
            NullsLastIndex(
                F("date").desc(nulls_last=True), F("id").desc(), name="entities_meeting_newest_idx"
            ),
            models.Index(fields=["kind", "date"], name="entities_meeting_date_idx"),
            models.Index(fields=["place", "date"], name="entities_meeting_place_idx"),
        ]

    def __str__(self) -> str:
        where = f" in {self.place}" if self.place_id else ""
        when = f" on {self.date:%Y-%m-%d}" if self.date else ""
        return f"Meeting #{self.pk}{where}{when}"

    def get_absolute_url(self) -> str:
        return reverse("meeting_detail", args=[self.pk])


class MeetingParticipantQuerySet(models.QuerySet):
    def pair_counts(self, **other_lookups) -> models.QuerySet:
        """Each of these participants with each other participant of the same meeting whose
        actor id is larger, counted per pair: rows of actor_id, other and weight (the meetings
        they shared). `other_lookups` narrow the other participant (`actor_id__in=...`): they
        go in the same filter() call as the join to it, so there is one join.

        One row per pair and meeting: a meeting lists an actor once (the unique constraint), so
        a plain count is the number of meetings, without COUNT(DISTINCT)'s sort (half the
        query's time at a million reports)."""
        others = {f"meeting__participations__{k}": v for k, v in other_lookups.items()}
        return (
            self.filter(meeting__participations__actor_id__gt=F("actor_id"), **others)
            .order_by()
            .values("actor_id", other=F("meeting__participations__actor_id"))
            .annotate(weight=models.Count("meeting_id"))
        )


class MeetingParticipant(models.Model):
    # Both indexed by a composite that starts with them: meeting by the unique (meeting, actor),
    # actor by entities_participant_actor_idx (actor, meeting).
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="participations", db_index=False
    )
    actor = models.ForeignKey(
        Actor, on_delete=models.CASCADE, related_name="participations", db_index=False
    )
    role = models.ForeignKey(
        Role,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        help_text="The role held at the time.",
    )

    objects = MeetingParticipantQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "actor"], name="entities_meetingparticipant_unique"
            ),
        ]
        indexes = [
            # An actor's meetings and counterparts.
            models.Index(fields=["actor", "meeting"], name="entities_participant_actor_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.actor} at {self.meeting}"


class MeetingPair(models.Model):
    """Two actors who took part in the same meetings, and in how many: the network's edges over
    all meetings, read by their count from an index instead of joining every participant to
    every other (the self-join of 68,000 participants took 50 ms at a million reports).

    Kept by PostgreSQL triggers on entities_meetingparticipant (migration 0025): every statement
    that inserts, deletes or moves participants, whoever runs it (the pipeline, a correction,
    a merge, a cascade from a deleted meeting or article, COPY, SQL by hand), adds and removes
    its pairs in its own transaction. SQLite has no such triggers and the network joins the
    participants there; a date, country or focus filter joins them everywhere. `manage.py
    counters_rebuild` rebuilds it. The pair is stored smaller actor id first."""

    # Plain ids: the triggers, not Django's cascades, remove a pair when its meetings go.
    first = models.ForeignKey(
        Actor, on_delete=models.DO_NOTHING, db_constraint=False, db_index=False, related_name="+"
    )
    second = models.ForeignKey(
        Actor, on_delete=models.DO_NOTHING, db_constraint=False, db_index=False, related_name="+"
    )
    meeting_count = models.IntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["first", "second"], name="entities_meetingpair_unique"),
            models.CheckConstraint(
                condition=Q(first__lt=models.F("second")), name="entities_meetingpair_ordered"
            ),
        ]
        indexes = [
            # The most frequent pairs first (selectors.network_graph), and the triggers' sweep of
            # pairs left with no meeting (meeting_count <= 0, read from the index's end).
            models.Index(
                fields=["-meeting_count", "first", "second"], name="entities_meetingpair_top_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.first_id} and {self.second_id}: {self.meeting_count} meetings"


class MeetingSource(models.Model):
    """A sentence of an article that reports a meeting, by its offsets in the article's text
    (`MeetingSource.objects.with_sentence()` reads the sentence)."""

    # Indexed by the unique (meeting, article, sentence_start), which starts with it.
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="sources", db_index=False
    )
    # Its own index: replacing what one article produced before (all of its rows) and the
    # article page's meetings.
    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="meeting_sources"
    )
    sentence_start = models.PositiveIntegerField()
    sentence_end = models.PositiveIntegerField()

    objects = SentenceQuerySet.as_manager()

    class Meta:
        ordering = ["article_id", "sentence_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "article", "sentence_start"],
                name="entities_meetingsource_unique_sentence",
            ),
            models.CheckConstraint(
                condition=Q(sentence_start__lte=models.F("sentence_end")),
                name="entities_meetingsource_span_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.article_id}: {self.sentence_start}-{self.sentence_end}"


class Mention(models.Model):
    """Where an article names an actor or a place: the provenance of every fact.

    The sentence is kept as offsets in the article's text, not as a copy (about 30 mentions an
    article); `Mention.objects.with_sentence()` reads it.
    """

    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="mentions"
    )
    # Indexed by entities_mention_actor_pub_idx (actor, published, article), which starts with it.
    actor = models.ForeignKey(
        Actor,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="mentions",
        db_index=False,
    )
    # Indexed by entities_mention_place_pub_idx (place, published, article), which starts with it.
    place = models.ForeignKey(
        Place,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="mentions",
        db_index=False,
    )
    # Indexed by entities_mention_role_pub_idx (role, published, id), for the few that have one.
    role = models.ForeignKey(
        Role,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="mentions",
        help_text="The role this mention attests, if any.",
        db_index=False,
    )
    text = models.CharField(max_length=300, help_text="The words as written.")
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    sentence_start = models.PositiveIntegerField()
    sentence_end = models.PositiveIntegerField()
    published = models.DateField(
        null=True,
        blank=True,
        editable=False,
        help_text="Its article's publication date, copied by the fact store in the same "
        "transaction (and moved with the article's date), so an actor's or place's newest "
        "articles and its mentions in a period are one range of its index.",
    )

    objects = SentenceQuerySet.as_manager()

    class Meta:
        ordering = ["article_id", "start"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(actor__isnull=False) & Q(place__isnull=True))
                | (Q(actor__isnull=True) & Q(place__isnull=False)),
                name="entities_mention_one_target",
            ),
            models.CheckConstraint(
                condition=Q(start__lt=models.F("end")), name="entities_mention_span_order"
            ),
        ]
        indexes = [
            # An actor's or place's articles newest first (selectors._article_sentence_list,
            # _recent_article_ids: a backward range scan that stops after a page), its
            # mentions in a period or a month (the rollups' recount, active_between), and
            # everything filtering on the actor or the place alone (a prefix).
            models.Index(
                fields=["actor", "published", "article"], name="entities_mention_actor_pub_idx"
            ),
            models.Index(
                fields=["place", "published", "article"], name="entities_mention_place_pub_idx"
            ),
            # A role's sources newest first (selectors._role_recent_sources ranks them from the
            # index alone, not from every source's article) and counted; only the mentions
            # that attest a role, a few in a hundred, are in it.
            models.Index(
                fields=["role", "published", "id"],
                condition=Q(role__isnull=False),
                name="entities_mention_role_pub_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.text


class _MonthRollup(models.Model):
    """How often an actor or a place is named in one calendar month, summed from its mentions.

    Kept by entities.services.counters whenever the facts change (the fact store recounts the
    touched (row, month) pairs of a batch; merges, deletions and alias rejections recount what
    they moved), and rebuilt by `manage.py counters_rebuild`. Pages read it instead of the
    mentions: monthly timelines, "active between" dates, the most active of a period, and the
    stored counters (sums of it) on Actor and Place. Articles without a date have no month and
    no row here.
    """

    month = models.DateField(help_text="First day of the month.")
    mention_count = models.PositiveIntegerField()
    article_count = models.PositiveIntegerField(help_text="Distinct articles naming it.")
    first_day = models.DateField(help_text="Earliest publication date in the month naming it.")
    last_day = models.DateField(help_text="Latest publication date in the month naming it.")

    class Meta:
        abstract = True


class ActorMonth(_MonthRollup):
    # Indexed by entities_actormonth_unique (actor, month), which starts with it.
    actor = models.ForeignKey(
        Actor, on_delete=models.CASCADE, related_name="months", db_index=False
    )

    class Meta:
        ordering = ["actor", "month"]
        constraints = [
            # Also the index of an actor's timeline and of its recount (actor, month).
            models.UniqueConstraint(fields=["actor", "month"], name="entities_actormonth_unique"),
        ]
        indexes = [
            # The most active actors of a period (selectors.active_actor_list) and "active
            # between" (ActorQuerySet.active_between): a range of months, index-only.
            models.Index(
                fields=["month", "actor", "article_count"], name="entities_actormonth_month_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.actor_id} in {self.month:%Y-%m}: {self.article_count} articles"


class PlaceMonth(_MonthRollup):
    # Indexed by entities_placemonth_unique (place, month), which starts with it.
    place = models.ForeignKey(
        Place, on_delete=models.CASCADE, related_name="months", db_index=False
    )

    class Meta:
        ordering = ["place", "month"]
        constraints = [
            # Also the index of a place's timeline and of its recount (place, month).
            models.UniqueConstraint(fields=["place", "month"], name="entities_placemonth_unique"),
        ]
        indexes = [
            # The most active places of a period and the map (selectors.active_place_list,
            # map_place_list), and PlaceQuerySet.active_between.
            models.Index(
                fields=["month", "place", "article_count"], name="entities_placemonth_month_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.place_id} in {self.month:%Y-%m}: {self.article_count} articles"


class _YearRollup(models.Model):
    """The monthly rollup summed over a calendar year (an article has one date, so the distinct
    articles of a year are the sum of its months'). Kept beside the months by
    entities.services.counters; read by the most active of a period and "active between" when
    the period holds whole years: a year of a million reports is 48,000 actor rows here, where
    its months are 280,000."""

    year = models.DateField(help_text="First day of the year.")
    mention_count = models.PositiveIntegerField()
    article_count = models.PositiveIntegerField(help_text="Distinct articles naming it.")

    class Meta:
        abstract = True


class ActorYear(_YearRollup):
    # Indexed by entities_actoryear_unique (actor, year), which starts with it.
    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="years", db_index=False)

    class Meta:
        ordering = ["actor", "year"]
        constraints = [
            models.UniqueConstraint(fields=["actor", "year"], name="entities_actoryear_unique"),
        ]
        indexes = [
            # The most active actors of one year: the index read backwards, no grouping.
            models.Index(
                fields=["year", "article_count", "actor"], name="entities_actoryear_year_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.actor_id} in {self.year:%Y}: {self.article_count} articles"


class PlaceYear(_YearRollup):
    # Indexed by entities_placeyear_unique (place, year), which starts with it.
    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="years", db_index=False)

    class Meta:
        ordering = ["place", "year"]
        constraints = [
            models.UniqueConstraint(fields=["place", "year"], name="entities_placeyear_unique"),
        ]
        indexes = [
            models.Index(
                fields=["year", "article_count", "place"], name="entities_placeyear_year_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.place_id} in {self.year:%Y}: {self.article_count} articles"


class PlaceEventMonth(models.Model):
    """How many events a place saw in one calendar month, by the events' own dates (not their
    reports'). Kept by entities.services.counters: the fact store recounts the (place, month)
    pairs its new and orphaned events fall in, and every recount of a place's counters
    (merges, corrections, their undoing) recounts all its months; rebuilt by `manage.py
    counters_rebuild`. The overview's "towns in play" of whole months reads it: a year of the
    synthetic million is 71,000 rows here, where its events are 360,000.
    Undated events have no month and no row here."""

    # Indexed by entities_placeeventmonth_unique (place, month), which starts with it.
    place = models.ForeignKey(
        Place, on_delete=models.CASCADE, related_name="event_months", db_index=False
    )
    month = models.DateField(help_text="First day of the month.")
    event_count = models.PositiveIntegerField()

    class Meta:
        ordering = ["place", "month"]
        constraints = [
            models.UniqueConstraint(
                fields=["place", "month"], name="entities_placeeventmonth_unique"
            ),
        ]
        indexes = [
            # Towns in play (selectors.towns_in_play): a range of months, index-only.
            models.Index(
                fields=["month", "place", "event_count"], name="entities_placeeventmonth_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.place_id} in {self.month:%Y-%m}: {self.event_count} events"


class Event(models.Model):
    """Something the reports say happened at a place on a day: a strike, a clash, a capture.

    Two reports of the same event (same type, place and day, overlapping actors) are one Event
    with two sources; each source keeps its own report's toll.
    """

    class Type(models.TextChoices):
        # ACLED sub-event types, by the extractor's names (extraction/data/events.json).
        AIRSTRIKE = "airstrike", "Air/drone strike"
        SHELLING = "shelling", "Shelling/artillery/missile attack"
        EXPLOSIVE = "explosive", "Remote explosive/landmine/IED"
        SUICIDE_BOMBING = "suicide_bombing", "Suicide bomb"
        CHEMICAL_ATTACK = "chemical_attack", "Chemical weapon"
        ARMED_CLASH = "armed_clash", "Armed clash"
        TERRITORY_CAPTURED = "territory_captured", "Territory captured"
        WITHDRAWAL = "withdrawal", "Withdrawal"
        ATTACK = "attack", "Attack"
        EXECUTION = "execution", "Execution"
        ABDUCTION = "abduction", "Abduction/forced disappearance"
        ARREST = "arrest", "Arrests"
        AGREEMENT = "agreement", "Agreement"
        PROTEST = "protest", "Peaceful protest"

    class GeoPrecision(models.IntegerChoices):
        # ACLED's geo_precision, from the kind of the stored place (entities/services/facts/events.py).
        TOWN = 1, "Town, village, district or site"
        AREA = 2, "Area or part of a region near the place"
        REGION = 3, "Governorate, region or country only"

    type = models.CharField(max_length=20, choices=Type.choices)
    date = models.DateField(null=True, blank=True)
    date_precision = models.CharField(
        max_length=8, choices=Meeting.Precision.choices, default=Meeting.Precision.UNKNOWN
    )
    # Indexed by entities_event_place_idx (place, type, date), which starts with it.
    place = models.ForeignKey(
        Place,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
        db_index=False,
    )
    geo_precision = models.PositiveSmallIntegerField(
        null=True, blank=True, choices=GeoPrecision.choices
    )
    admin1 = models.CharField(
        max_length=100, blank=True, help_text="Governorate as reported, e.g. Idlib."
    )
    actors = models.ManyToManyField(Actor, through="EventActor", related_name="events")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    type__in=[
                        "airstrike",
                        "shelling",
                        "explosive",
                        "suicide_bombing",
                        "chemical_attack",
                        "armed_clash",
                        "territory_captured",
                        "withdrawal",
                        "attack",
                        "execution",
                        "abduction",
                        "arrest",
                        "agreement",
                        "protest",
                    ]
                ),
                name="entities_event_valid_type",
            ),
            models.CheckConstraint(
                condition=Q(date__isnull=False) | Q(date_precision="unknown"),
                name="entities_event_precision_needs_date",
            ),
            models.CheckConstraint(
                condition=Q(geo_precision__isnull=True) | Q(geo_precision__in=[1, 2, 3]),
                name="entities_event_geo_precision_range",
            ),
            models.CheckConstraint(
                condition=Q(place__isnull=False) | Q(geo_precision__isnull=True),
                name="entities_event_geo_precision_needs_place",
            ),
        ]
        indexes = [
            # Every events list (selectors.event_rows): newest first, undated last, paginated.
            NullsLastIndex(
                F("date").desc(nulls_last=True), F("id").desc(), name="entities_event_newest_idx"
            ),
            # Storing a report: the stored events of its type, place and day (services.facts.events);
            # a place's "what happened here" and control timeline.
            models.Index(fields=["place", "type", "date"], name="entities_event_place_idx"),
            # The events list and API filtered by type (and a date range), in the list's order:
            # a page is read in order from the index instead of sorting every match.
            NullsLastIndex(
                F("type"),
                F("date").desc(nulls_last=True),
                F("id").desc(),
                name="entities_event_type_newest_idx",
            ),
            # The same filtered by governorate (EventFilter: case-insensitive, UPPER(admin1)).
            NullsLastIndex(
                Upper("admin1"),
                F("date").desc(nulls_last=True),
                F("id").desc(),
                name="entities_event_gov_newest_idx",
            ),
            # The governorates of the filter (selectors.event_governorate_list: a loose scan).
            models.Index(fields=["admin1", "date"], name="entities_event_admin1_idx"),
            # The overview's towns in play: events of a period counted per place, index-only.
            models.Index(fields=["date", "place"], name="entities_event_date_place_idx"),
        ]

    def __str__(self) -> str:
        where = f" in {self.place}" if self.place_id else ""
        when = f" on {self.date:%Y-%m-%d}" if self.date else ""
        return f"{self.get_type_display()}{where}{when}"

    def get_absolute_url(self) -> str:
        return reverse("event_detail", args=[self.pk])

    @property
    def event_id_cnty(self) -> str:
        """ACLED's event id: the country's ISO alpha-3 code and a number."""
        return f"SYR{self.pk}"

    def _links(self) -> list["EventActor"]:
        links = getattr(self, "link_list", None)  # prefetched by entities.selectors.event_rows
        if links is None:
            links = list(self.actor_links.select_related("actor").order_by("side", "name", "pk"))
        return links

    def _sides(self, side: str) -> list["EventActor"]:
        """One link per actor (or name) of the side over all reports; of several reports'
        bases, the firmest (reported, then claimed, then accused)."""
        firmness = {"reported": 0, "claimed": 1, "accused": 2}
        chosen: dict[tuple, EventActor] = {}
        for link in self._links():
            if link.side != side:
                continue
            identity = ("actor", link.actor_id) if link.actor_id else ("name", link.name_key)
            kept = chosen.get(identity)
            if kept is None or firmness[link.basis] < firmness[kept.basis]:
                chosen[identity] = link
        return sorted(chosen.values(), key=lambda link: link.label.lower())

    @property
    def perpetrator_list(self) -> list["EventActor"]:
        return self._sides("perpetrator")

    @property
    def target_list(self) -> list["EventActor"]:
        return self._sides("target")

    def toll_ranges(self) -> list[tuple[str, str, int, int]]:
        """(field, label, lowest, highest) of each toll figure some report gives, over the
        prefetched `source_list` (entities.selectors.event_detail_get)."""
        ranges = []
        for name, label in TOLL_LABELS:
            figures = [getattr(s, name) for s in self.source_list if getattr(s, name) is not None]
            if figures:
                ranges.append((name, label, min(figures), max(figures)))
        return ranges


TOLL_LABELS = [
    ("killed", "Killed"),
    ("killed_civilians", "Civilians killed"),
    ("killed_children", "Children killed"),
    ("killed_women", "Women killed"),
    ("killed_combatants", "Combatants killed"),
    ("wounded", "Wounded"),
]


class EventSource(models.Model):
    """One article's report of an event: its sentences and the toll that report gives."""

    # Indexed by the unique (event, article), which starts with it.
    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="sources", db_index=False
    )
    # Indexed by entities_eventsource_art_idx (Meta), named for the query that needs it.
    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="event_sources", db_index=False
    )
    sentence = models.TextField(help_text="The report's sentences, in article order.")
    sentence_start = models.PositiveIntegerField(help_text="Start of the first sentence.")
    sentence_end = models.PositiveIntegerField(help_text="End of the last sentence.")
    spans = models.JSONField(
        default=list, help_text="[start, end] of each sentence that reports it, in the article."
    )
    killed = models.PositiveIntegerField(null=True, blank=True)
    killed_civilians = models.PositiveIntegerField(null=True, blank=True)
    killed_children = models.PositiveIntegerField(null=True, blank=True)
    killed_women = models.PositiveIntegerField(null=True, blank=True)
    killed_combatants = models.PositiveIntegerField(null=True, blank=True)
    wounded = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["article_id", "sentence_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "article"], name="entities_eventsource_unique_report"
            ),
            models.CheckConstraint(
                condition=Q(sentence_start__lte=models.F("sentence_end")),
                name="entities_eventsource_span_order",
            ),
        ]
        indexes = [
            # Replacing what one article produced before: all of its rows.
            models.Index(fields=["article"], name="entities_eventsource_art_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.article_id}: {self.sentence[:80]}"


class EventActor(models.Model):
    """A perpetrator or target of an event, as one report names it.

    Each row belongs to one report (source), so re-processing an article replaces exactly what it
    said, and an event's sides are the union over its reports. The side is an Actor when the
    article's extraction has one by that name (a country too: "Russia" is the article's Russia
    actor when it has one); otherwise only the name as reported ("Syrian government forces") is
    kept, in `name`, which every row carries for display.
    """

    class Side(models.TextChoices):
        PERPETRATOR = "perpetrator", "Perpetrator"
        TARGET = "target", "Target"

    class Basis(models.TextChoices):
        REPORTED = "reported", "Reported"
        CLAIMED = "claimed", "Claimed"
        ACCUSED = "accused", "Accused"

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="actor_links")
    # source and actor are indexed by the composites that start with them (Meta).
    source = models.ForeignKey(
        EventSource, on_delete=models.CASCADE, related_name="actor_links", db_index=False
    )
    actor = models.ForeignKey(
        Actor,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="event_links",
        db_index=False,
    )
    name = models.CharField(max_length=300, help_text="The side as the report names it.")
    name_key = models.CharField(max_length=300, help_text="Normalized name, for matching.")
    side = models.CharField(max_length=12, choices=Side.choices)
    basis = models.CharField(max_length=10, choices=Basis.choices, default=Basis.REPORTED)

    class Meta:
        ordering = ["side", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "side", "name_key"], name="entities_eventactor_unique_side"
            ),
            models.CheckConstraint(
                condition=Q(side__in=["perpetrator", "target"]),
                name="entities_eventactor_valid_side",
            ),
            models.CheckConstraint(
                condition=Q(basis__in=["reported", "claimed", "accused"]),
                name="entities_eventactor_valid_basis",
            ),
            models.CheckConstraint(condition=~Q(name_key=""), name="entities_eventactor_named"),
        ]
        indexes = [
            # An actor's events as perpetrator or target; the events list filtered by perpetrator.
            models.Index(fields=["actor", "side", "event"], name="entities_eventactor_actor_idx"),
            # Events list filtered by a perpetrator stored by name only.
            models.Index(fields=["name_key", "side"], name="entities_eventactor_name_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.side}) in {self.event_id}"

    @property
    def label(self) -> str:
        """The actor's display name when linked, else the name as reported."""
        return self.actor.name if self.actor_id else self.name


# --- The analyst's corrections ----------------------------------------------------------------


class Correction(models.Model):
    """An analyst's correction of what the extractor stored: who, when, what and why.

    `actor`/`place` is the record the correction is shown on (the one kept by a merge), and
    `other_actor`/`other_place` the second record of a pair. `what` says it in words at the time,
    so it stays readable after a merge deletes the other record.
    """

    class Action(models.TextChoices):
        MERGE = "merge", "Merged"
        NOT_SAME = "not_same", "Not the same"
        REJECT_ALIAS = "reject_alias", "Alias rejected"
        REJECT_ROLE = "reject_role", "Role rejected"
        REJECT_PARTICIPANT = "reject_participant", "Participant rejected"
        ADD_PARTICIPANT = "add_participant", "Participant added"
        REJECT_MEETING = "reject_meeting", "Meeting rejected"
        REJECT_MENTION = "reject_mention", "Mention unlinked"
        FIX_ACTOR = "fix_actor", "Kind or country fixed"
        SPLIT_ALIAS = "split_alias", "Alias split off"
        UNDO = "undo", "Undone"

    action = models.CharField(max_length=20, choices=Action.choices)
    # Indexed by entities_correction_actor_idx, which starts with it.
    actor = models.ForeignKey(
        Actor,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="corrections",
        db_index=False,
    )
    other_actor = models.ForeignKey(
        Actor, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Indexed by entities_correction_place_idx, which starts with it.
    place = models.ForeignKey(
        Place,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="corrections",
        db_index=False,
    )
    other_place = models.ForeignKey(
        Place, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Indexed by entities_correction_meet_idx, which starts with it.
    meeting = models.ForeignKey(
        "Meeting",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="corrections",
        db_index=False,
    )
    # What undoing it needs: the rows as they were before (entities.services.undo).
    state = models.JSONField(default=dict, blank=True, encoder=DjangoJSONEncoder)
    # On an undo: the correction it undid. One undo per correction, by the unique key.
    # PROTECT: an undo always names the correction it undid (the check constraint below).
    undo_of = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="undone_by"
    )
    what = models.TextField()
    why = models.TextField(blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="corrections",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    action__in=[
                        "merge",
                        "not_same",
                        "reject_alias",
                        "reject_role",
                        "reject_participant",
                        "add_participant",
                        "reject_meeting",
                        "reject_mention",
                        "fix_actor",
                        "split_alias",
                        "undo",
                    ]
                ),
                name="entities_correction_valid_action",
            ),
            models.CheckConstraint(
                condition=Q(action="undo", undo_of__isnull=False) | ~Q(action="undo"),
                name="entities_correction_undo_names_its_correction",
            ),
        ]
        indexes = [
            # The corrections listed on an actor's or a place's page, newest first (the other
            # side of a pair is found by its foreign key's own index).
            models.Index(fields=["actor", "created_at"], name="entities_correction_actor_idx"),
            models.Index(fields=["place", "created_at"], name="entities_correction_place_idx"),
            # The corrections listed on a meeting's page.
            models.Index(fields=["meeting", "created_at"], name="entities_correction_meet_idx"),
        ]

    def __str__(self) -> str:
        return self.what

    @property
    def undoable(self) -> bool:
        """Not an undo itself, and not undone yet (the lists select_related `undone_by`)."""
        return self.action != self.Action.UNDO and not hasattr(self, "undone_by")


class DistinctPair(models.Model):
    """Two records an analyst said are not the same: the duplicates queue never proposes them.
    Subclasses name the model of `first` and `second`; the pair is stored smaller id first."""

    class Meta:
        abstract = True
        constraints = [
            # Also the index of the queue's lookup of dismissed pairs.
            models.UniqueConstraint(
                fields=["first", "second"], name="%(app_label)s_%(class)s_unique_pair"
            ),
            models.CheckConstraint(
                condition=Q(first__lt=models.F("second")),
                name="%(app_label)s_%(class)s_ordered_pair",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.first_id} ≠ {self.second_id}"


class ActorDistinct(DistinctPair):
    # Indexed by the unique pair, which starts with it.
    first = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="+", db_index=False)
    second = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="+")


class PlaceDistinct(DistinctPair):
    first = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="+", db_index=False)
    second = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="+")


class AliasRejection(models.Model):
    """A spelling an analyst said is not this actor: processing never attaches it again."""

    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="alias_rejections")
    key = models.CharField(max_length=300, help_text="name_key of the rejected spelling.")
    name = models.CharField(max_length=300, help_text="The spelling as it was shown.")

    class Meta:
        constraints = [
            # Also the index of the fact-storing service's lookup by spelling key.
            models.UniqueConstraint(
                fields=["key", "actor"], name="entities_aliasrejection_unique_key_actor"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ≠ {self.actor_id}"


class RoleRejection(models.Model):
    """An office an analyst said this actor does not hold: processing never attaches it again."""

    # Indexed by entities_rolerejection_idx (actor, title_key), which starts with it.
    actor = models.ForeignKey(
        Actor, on_delete=models.CASCADE, related_name="role_rejections", db_index=False
    )
    title_key = models.CharField(max_length=200)
    country = models.CharField(max_length=2, blank=True)
    organization = models.ForeignKey(
        Actor, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    correction = models.ForeignKey(Correction, on_delete=models.CASCADE, related_name="+")

    class Meta:
        indexes = [
            # The fact store's lookup of a batch's actors' rejected roles (facts.roles).
            models.Index(fields=["actor", "title_key"], name="entities_rolerejection_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.title_key} ≠ {self.actor_id}"


class ParticipantRejection(models.Model):
    """An actor an analyst said did not take part in this meeting: re-processing its reports
    does not add them again."""

    # Indexed by the unique pair, which starts with it.
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="participant_rejections", db_index=False
    )
    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="+")
    correction = models.ForeignKey(Correction, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            # Also the index of the fact store's lookup of a batch's meetings.
            models.UniqueConstraint(
                fields=["meeting", "actor"], name="entities_partrejection_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.actor_id} not at {self.meeting_id}"


class MeetingRejection(models.Model):
    """A sentence that reported a meeting an analyst rejected: processing the article again
    does not make a meeting of it (the meeting itself is deleted; `Correction.state` keeps it)."""

    # Indexed by entities_meetingrejection_idx (article, sentence_start), which starts with it.
    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    sentence_start = models.PositiveIntegerField()
    # The rejected meeting's participants: a sentence that reports two meetings loses only the
    # report of these people (the store's own rule for "the same meeting").
    participants = models.JSONField(default=list, help_text="Actor ids.")
    correction = models.ForeignKey(Correction, on_delete=models.CASCADE, related_name="+")

    class Meta:
        indexes = [
            # The fact store's lookup of a batch's articles (facts.meetings).
            models.Index(
                fields=["article", "sentence_start"], name="entities_meetingrejection_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.article_id}@{self.sentence_start}"


class MentionRejection(models.Model):
    """Words of an article an analyst said do not name this actor or place: processing the
    article again does not link them to it."""

    # Indexed by entities_mentionrejection_idx (article, start), which starts with it.
    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    actor = models.ForeignKey(
        Actor, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    place = models.ForeignKey(
        Place, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    correction = models.ForeignKey(Correction, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(Q(actor__isnull=False) & Q(place__isnull=True))
                | (Q(actor__isnull=True) & Q(place__isnull=False)),
                name="entities_mentionrejection_one_target",
            ),
        ]
        indexes = [
            # The fact store's lookup of a batch's articles (facts.mentions).
            models.Index(fields=["article", "start"], name="entities_mentionrejection_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.article_id}@{self.start} ≠ {self.actor_id or self.place_id}"


# --- Following -------------------------------------------------------------------------------


class Follow(models.Model):
    """An analyst follows an actor or a place; `seen_at` is when they last looked at what is new
    about it ("Since you last looked", entities.selectors.follow_news)."""

    # Indexed by entities_follow_user_idx, which starts with it.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows", db_index=False
    )
    actor = models.ForeignKey(
        Actor, null=True, blank=True, on_delete=models.CASCADE, related_name="followers"
    )
    place = models.ForeignKey(
        Place, null=True, blank=True, on_delete=models.CASCADE, related_name="followers"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    seen_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(actor__isnull=False, place__isnull=True)
                | Q(actor__isnull=True, place__isnull=False),
                name="entities_follow_one_target",
            ),
            models.UniqueConstraint(
                fields=["user", "actor"],
                condition=Q(actor__isnull=False),
                name="entities_follow_unique_actor",
            ),
            models.UniqueConstraint(
                fields=["user", "place"],
                condition=Q(place__isnull=False),
                name="entities_follow_unique_place",
            ),
        ]
        indexes = [
            # "Since you last looked" and the follow buttons: one user's follows.
            models.Index(fields=["user", "seen_at"], name="entities_follow_user_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} follows {self.actor_id or self.place_id}"
