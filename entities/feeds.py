"""Atom feeds of an actor, of a place, and of what an analyst follows: the newest reports that
name them, with the sentences.

A feed reader or a script polls `/actors/<slug>/feed/` or `/places/<slug>/feed/` instead of the
page (Django's syndication framework). Each entry is one report; its link jumps to the first
sentence that names the actor or place; its summary quotes those sentences.

A feed reader cannot sign in, so the feed of what an analyst follows lives at a private address,
`/following/feed/<token>/`: the token is the analyst's id signed with the site's SECRET_KEY
(django.core.signing), shown on their Following page. Changing SECRET_KEY revokes every token.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.contrib.syndication.views import Feed
from django.core import signing
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from entities import selectors
from entities.models import Actor, Follow, Mention, Place

FEED_ENTRIES = 30
FOLLOWING_SALT = "entities.feeds.following"


class _ReportsFeed(Feed):
    feed_type = Atom1Feed
    what = ""

    def title(self, obj) -> str:
        return f"{obj.name}: new reports · Conflict Tracker"

    def subtitle(self, obj) -> str:
        return f"The newest reports that name {obj.name}, with the sentences that do."

    def link(self, obj) -> str:
        return obj.get_absolute_url()

    def items(self, obj):
        return list(self.reports(obj)[:FEED_ENTRIES])

    def item_title(self, article) -> str:
        return article.title

    def item_description(self, article) -> str:
        seen, quoted = set(), []
        for mention in article.found_mentions:
            if mention.sentence_start not in seen:
                seen.add(mention.sentence_start)
                quoted.append(mention.sentence)
        return "\n\n".join(quoted)

    def item_link(self, article) -> str:
        first = article.found_mentions[0].sentence_start if article.found_mentions else None
        anchor = f"#s-{first}" if first is not None else ""
        return f"{article.get_absolute_url()}{anchor}"

    def item_pubdate(self, article) -> dt.datetime | None:
        if article.published is None:
            return None
        return dt.datetime.combine(article.published, dt.time.min, tzinfo=dt.UTC)

    def item_author_name(self, article) -> str:
        return article.source_name or None


class ActorFeed(_ReportsFeed):
    def get_object(self, request, slug: str) -> Actor:
        return get_object_or_404(Actor, slug=slug)

    def reports(self, actor: Actor):
        return selectors.actor_sentence_list(actor=actor)


class PlaceFeed(_ReportsFeed):
    def get_object(self, request, slug: str) -> Place:
        return get_object_or_404(Place, slug=slug)

    def reports(self, place: Place):
        return selectors.place_sentence_list(place=place)


def following_feed_token(user) -> str:
    """The private token of `user`'s following feed: the same address every time it is shown
    (no timestamp in it, unlike `signing.dumps`), so the address a reader subscribed to stays valid."""
    return signing.Signer(salt=FOLLOWING_SALT).sign_object(user.pk)


class FollowingFeed(_ReportsFeed):
    """The newest reports naming any actor or place the token's analyst follows."""

    def get_object(self, request, token: str):
        try:
            user_id = signing.Signer(salt=FOLLOWING_SALT).unsign_object(token)
        except signing.BadSignature:
            raise Http404("No such feed: the address is incomplete or was revoked.") from None
        return get_object_or_404(get_user_model(), pk=user_id, is_active=True)

    def title(self, user) -> str:
        return f"Followed by {user.get_username()}: new reports · Conflict Tracker"

    def subtitle(self, user) -> str:
        return "The newest reports that name the actors and places you follow."

    def link(self, user) -> str:
        return reverse("following")

    def reports(self, user):
        follows = Follow.objects.filter(user=user)
        actors = follows.exclude(actor=None).values("actor_id")
        places = follows.exclude(place=None).values("place_id")
        mentions = Mention.objects.filter(Q(actor_id__in=actors) | Q(place_id__in=places))
        return selectors.followed_sentence_list(mentions=mentions)
