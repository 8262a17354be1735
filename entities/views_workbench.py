"""The analyst's workbench pages: exports of the lists, and the duplicates queue.

Exports parse the query string exactly as the list page does and read with the page's own
selector, so a download holds what the page shows, filters and order included, every page of it.
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from entities import exports, selectors, workbench
from entities.feeds import following_feed_token
from entities.filters import ActorFilter, PlaceFilter, page_filter
from entities.models import Actor, Meeting, Place
from entities.services import corrections as services
from entities.services import follows
from entities.services.corrections import WHY_MAX_CHARS, CorrectionError
from entities.services.undo import correction_undo
from entities.views import _choice, meeting_filter, meeting_filter_problems


def _actors(request: HttpRequest):
    actors = page_filter(ActorFilter, request.GET, Actor.objects.all())[1]
    sort = _choice(request.GET.get("sort", ""), ["mentions", "last_seen", "name"]) or "mentions"
    return exports.pages_all(
        lambda n: selectors.actor_search_page(
            actors=actors, sort=sort, page=n, per_page=exports.EXPORT_PAGE_SIZE
        )
    )


def _places(request: HttpRequest):
    places = page_filter(PlaceFilter, request.GET, Place.objects.all())[1]
    return exports.pages_all(
        lambda n: selectors.place_search_page(
            places=places, page=n, per_page=exports.EXPORT_PAGE_SIZE
        )
    )


def _bad_filters(filterset) -> HttpResponse:
    """A 400 naming each filter of the address that could not be used, and why."""
    problems = "\n".join(f"- {line}" for line in meeting_filter_problems(filterset))
    return HttpResponseBadRequest(
        f"Nothing was exported: some filters could not be used.\n{problems}\n"
        "Correct them on the list page and export again.\n",
        content_type="text/plain; charset=utf-8",
    )


def actor_export_csv(request: HttpRequest) -> StreamingHttpResponse:
    absolute = exports.absolute_for(request)
    rows = (exports.actor_row(actor, absolute=absolute) for actor in _actors(request))
    return exports.csv_response(filename="actors.csv", columns=exports.ACTOR_COLUMNS, rows=rows)


def place_export_csv(request: HttpRequest) -> StreamingHttpResponse:
    absolute = exports.absolute_for(request)
    rows = (exports.place_row(place, absolute=absolute) for place in _places(request))
    return exports.csv_response(filename="places.csv", columns=exports.PLACE_COLUMNS, rows=rows)


def place_export_geojson(request: HttpRequest) -> StreamingHttpResponse:
    absolute = exports.absolute_for(request)
    features = (exports.place_feature(place, absolute=absolute) for place in _places(request))
    return exports.geojson_response(
        filename="places.geojson", features=(f for f in features if f is not None)
    )


def meeting_export_csv(request: HttpRequest) -> HttpResponse:
    filterset, meetings = meeting_filter(request, queryset=selectors.meeting_rows())
    if filterset.errors:
        return _bad_filters(filterset)
    absolute = exports.absolute_for(request)
    rows = (
        exports.meeting_row(meeting, absolute=absolute)
        for meeting in exports.queryset_all(meetings)
    )
    return exports.csv_response(filename="meetings.csv", columns=exports.MEETING_COLUMNS, rows=rows)


def meeting_export_geojson(request: HttpRequest) -> HttpResponse:
    filterset, meetings = meeting_filter(request, queryset=selectors.meeting_rows())
    if filterset.errors:
        return _bad_filters(filterset)
    absolute = exports.absolute_for(request)
    features = (
        exports.meeting_feature(meeting, absolute=absolute)
        for meeting in exports.queryset_all(meetings)
    )
    return exports.geojson_response(
        filename="meetings.geojson", features=(f for f in features if f is not None)
    )


# --- The duplicates queue ---------------------------------------------------------------------


def duplicates(request: HttpRequest) -> HttpResponse:
    """Likely duplicate actors and places, best first, with a merge and a "not the same" button
    for analysts; readers see the queue; anonymous visitors are asked to sign in."""
    context = {"analyst": workbench.is_analyst(request.user), "why_max": WHY_MAX_CHARS}
    if request.user.is_authenticated:
        context["actor_rows"] = workbench.duplicate_queue_get(kind="actor")
        context["place_rows"] = workbench.duplicate_queue_get(kind="place")
    return render(request, "entities/workbench/duplicates.html", context)


def _ids(request: HttpRequest, *names: str) -> list[int]:
    try:
        return [int(request.POST.get(name, "")) for name in names]
    except ValueError:
        raise CorrectionError("The form was incomplete: reload the queue and try again.") from None


def _back(request: HttpRequest, default: str) -> str:
    """The page the form was on (its `next` field, if it is one of this site's), else `default`."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


def _analyst_post(view):
    """POST only, signed in (else the login page), in the Analysts group (else 403). A
    CorrectionError becomes a message on the page the analyst came from."""

    @wraps(view)
    @require_POST
    @login_required
    def guarded(request: HttpRequest, **kwargs) -> HttpResponse:
        if not workbench.is_analyst(request.user):
            raise PermissionDenied("Only analysts can correct the facts.")
        try:
            return view(request, **kwargs)
        except CorrectionError as error:
            messages.error(request, str(error))
            slug = kwargs.get("slug")
            if kwargs.get("kind") == "place" and slug:
                default = reverse("place_detail", args=[slug])
            elif slug:
                default = reverse("actor_detail", args=[slug])
            elif kwargs.get("pk") and Meeting.objects.filter(pk=kwargs["pk"]).exists():
                default = reverse("meeting_detail", args=[kwargs["pk"]])
            elif kwargs.get("pk"):
                default = reverse("meeting_list")  # rejected since the page was shown
            else:
                default = reverse("duplicates")
            return redirect(_back(request, default))

    return guarded


@_analyst_post
def duplicate_merge(request: HttpRequest) -> HttpResponse:
    keep_id, other_id = _ids(request, "keep", "other")
    correction = services.duplicate_merge(
        kind=request.POST.get("kind", ""),
        keep_id=keep_id,
        other_id=other_id,
        user=request.user,
        why=request.POST.get("why", ""),
    )
    messages.success(request, correction.what)
    return redirect("duplicates")


@_analyst_post
def duplicate_dismiss(request: HttpRequest) -> HttpResponse:
    first_id, second_id = _ids(request, "keep", "other")
    correction = services.duplicate_dismiss(
        kind=request.POST.get("kind", ""),
        first_id=first_id,
        second_id=second_id,
        user=request.user,
        why=request.POST.get("why", ""),
    )
    messages.success(request, f"{correction.what} They will not be proposed again.")
    return redirect("duplicates")


@_analyst_post
def alias_reject(request: HttpRequest, slug: str) -> HttpResponse:
    """Reject one of an actor's aliases from the actor page."""
    actor = get_object_or_404(Actor.objects.only("pk", "slug"), slug=slug)
    (alias_id,) = _ids(request, "alias")
    correction = services.alias_reject(
        actor_id=actor.pk, alias_id=alias_id, user=request.user, why=request.POST.get("why", "")
    )
    messages.success(request, correction.what)
    return redirect(f"{actor.get_absolute_url()}#corrections")


def _actor_of(slug: str) -> Actor:
    return get_object_or_404(Actor.objects.only("pk", "slug"), slug=slug)


def _done(request: HttpRequest, correction, default: str) -> HttpResponse:
    messages.success(request, correction.what)
    return redirect(_back(request, default))


@_analyst_post
def role_reject(request: HttpRequest, slug: str) -> HttpResponse:
    """Reject an office wrongly attached to an actor, from the actor page's roles."""
    actor = _actor_of(slug)
    (role_id,) = _ids(request, "role")
    correction = services.role_reject(
        actor_id=actor.pk, role_id=role_id, user=request.user, why=request.POST.get("why", "")
    )
    return _done(request, correction, f"{actor.get_absolute_url()}#corrections")


@_analyst_post
def alias_split(request: HttpRequest, slug: str) -> HttpResponse:
    """Split a wrong spelling off into an actor of its own, from the actor page."""
    actor = _actor_of(slug)
    (alias_id,) = _ids(request, "alias")
    correction = services.alias_split(
        actor_id=actor.pk, alias_id=alias_id, user=request.user, why=request.POST.get("why", "")
    )
    return _done(request, correction, f"{actor.get_absolute_url()}#corrections")


@_analyst_post
def actor_fix(request: HttpRequest, slug: str) -> HttpResponse:
    """Set an actor's kind and country, from the actor page."""
    actor = _actor_of(slug)
    correction = services.actor_fix(
        actor_id=actor.pk,
        kind=request.POST.get("kind", ""),
        country=request.POST.get("country", ""),
        user=request.user,
        why=request.POST.get("why", ""),
    )
    return _done(request, correction, f"{actor.get_absolute_url()}#corrections")


@_analyst_post
def mention_unlink(request: HttpRequest, kind: str, slug: str) -> HttpResponse:
    """Say a sentence's words do not name this actor or place, from its page's sentences."""
    model = Actor if kind == "actor" else Place
    target = get_object_or_404(model.objects.only("pk", "slug"), slug=slug)
    (mention_id,) = _ids(request, "mention")
    correction = services.mention_unlink(
        mention_id=mention_id,
        user=request.user,
        why=request.POST.get("why", ""),
        **{f"{kind}_id": target.pk},
    )
    return _done(request, correction, f"{target.get_absolute_url()}#corrections")


@_analyst_post
def participant_reject(request: HttpRequest, pk: int) -> HttpResponse:
    (actor_id,) = _ids(request, "actor")
    correction = services.participant_reject(
        meeting_id=pk, actor_id=actor_id, user=request.user, why=request.POST.get("why", "")
    )
    return _done(request, correction, reverse("meeting_detail", args=[pk]))


@_analyst_post
def participant_add(request: HttpRequest, pk: int) -> HttpResponse:
    correction = services.participant_add(
        meeting_id=pk,
        name=request.POST.get("name", ""),
        user=request.user,
        why=request.POST.get("why", ""),
    )
    return _done(request, correction, reverse("meeting_detail", args=[pk]))


@_analyst_post
def meeting_reject(request: HttpRequest, pk: int) -> HttpResponse:
    """Reject a whole meeting; its page is gone, so the analyst lands on the first participant's
    page, where the correction (and its undo) is listed."""
    correction = services.meeting_reject(
        meeting_id=pk, user=request.user, why=request.POST.get("why", "")
    )
    messages.success(request, correction.what)
    if correction.actor_id:
        return redirect(f"{correction.actor.get_absolute_url()}#corrections")
    return redirect("meeting_list")


@_analyst_post
def undo(request: HttpRequest, correction_pk: int) -> HttpResponse:
    """Undo a correction from the list of corrections where it is shown."""
    done = correction_undo(
        correction_id=correction_pk, user=request.user, why=request.POST.get("why", "")
    )
    return _done(request, done, reverse("home"))


# --- Following -------------------------------------------------------------------------------


@login_required
@require_POST
def follow_toggle(request: HttpRequest, kind: str, slug: str) -> HttpResponse:
    """Follow an actor or place from its page, or stop following it."""
    model = Actor if kind == "actor" else Place
    target = get_object_or_404(model.objects.only("pk", "slug", "name"), slug=slug)
    now_following = follows.follow_toggle(user=request.user, **{kind: target})
    messages.success(
        request,
        f"Following {target.name}: new reports and meetings appear under Following."
        if now_following
        else f"No longer following {target.name}.",
    )
    return redirect(target.get_absolute_url())


@login_required
def following(request: HttpRequest) -> HttpResponse:
    """Since you last looked: the new reports and meetings of what the analyst follows."""
    news = selectors.follow_news(user=request.user)
    return render(
        request,
        "entities/workbench/following.html",
        {"news": news, "feed_token": following_feed_token(request.user)},
    )


@login_required
@require_POST
def following_seen(request: HttpRequest) -> HttpResponse:
    """Mark everything listed as seen: the next visit lists only what came after."""
    follows.follows_mark_seen(user=request.user)
    messages.success(request, "Marked as seen. New reports will show up here.")
    return redirect("following")
