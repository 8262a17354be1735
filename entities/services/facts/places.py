"""Places: the gazetteer's places, their parents and aliases."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import F, Q

from entities.models import (
    Place,
    PlaceAlias,
)
from entities.services.facts.rows import clip, country_code, row_create, rows_insert, slugs_new
from extraction.normalize import name_key

if TYPE_CHECKING:
    from extraction.types import (
        PlaceFact,
    )


PLACE_KINDS = {choice.value for choice in Place.Kind}


def places_store(facts: list[PlaceFact]) -> dict[str, Place]:
    """Each place and its parents (city -> governorate -> country), by gazetteer key."""
    nodes: dict[str, PlaceFact] = {}
    parent_of: dict[str, str] = {}
    for fact in facts:
        chain = [node for node in [fact, *fact.parents] if node.key and node.kind in PLACE_KINDS]
        for position, node in enumerate(chain):
            nodes.setdefault(node.key, node)
            if position + 1 < len(chain) and chain[position + 1].key != node.key:
                parent_of.setdefault(node.key, chain[position + 1].key)
    if not nodes:
        return {}
    found = _places_fetch(nodes)
    missing = sorted(key for key in nodes if key not in found)
    if missing:
        slugs = slugs_new(Place, [nodes[key].name for key in missing], "place")
        rows = [_place_row(nodes[key], slug) for key, slug in zip(missing, slugs, strict=True)]
        if rows_insert(Place, rows):
            found.update((place.key, place) for place in rows)
        else:
            Place.objects.bulk_create(rows, ignore_conflicts=True)
        if any(key not in found for key in missing):
            found = _places_fetch(nodes)
        for key in missing:
            if key not in found:  # its slug was taken (or a racing worker took it)
                row = _place_row(nodes[key], "")
                fields = {
                    f: getattr(row, f)
                    for f in (
                        "name",
                        "kind",
                        "country_code",
                        "latitude",
                        "longitude",
                        "geo_precision",
                        "geonames_id",
                    )
                }
                found[key] = row_create(Place, {"key": key}, fields, nodes[key].name, "place")

    # A place found under its own key gets the gazetteer's parent when it has none yet. One found
    # through a redirect or a GeoNames id is another place: the chain is not about it.
    parent_ids = {place.pk: place.parent_id for place in found.values()}
    orphans = []
    for key, parent_key in parent_of.items():
        place, parent = found[key], found.get(parent_key)
        if (
            place.key == key
            and place.parent_id is None
            and parent is not None
            and not _is_ancestor(place.pk, of=parent.pk, parent_ids=parent_ids)
        ):
            place.parent = parent
            parent_ids[place.pk] = parent.pk
            orphans.append(place)
    if orphans:
        Place.objects.bulk_update(orphans, ["parent"])
    _points_improve(nodes, found)

    aliases = {}
    for fact in facts:
        place = found.get(fact.key)
        if place is None:
            continue
        for spelling in [fact.name, *fact.aliases]:
            spelling = " ".join((spelling or "").split())[:300]
            key = name_key(spelling)[:300]
            if key:
                aliases.setdefault((place.pk, key), PlaceAlias(place=place, name=spelling, key=key))
    if aliases:
        PlaceAlias.objects.bulk_create([aliases[k] for k in sorted(aliases)], ignore_conflicts=True)
    return found


def _points_improve(nodes: dict[str, PlaceFact], found: dict[str, Place]) -> None:
    """Give a stored place the report's better point: a village placed at its governorate's
    point by one report takes the town another report puts it near; one with no point takes
    any. Points of precision 1 (the gazetteer's own) never move. Also links each located place
    to the place whose point it took. One UPDATE for all, when anything moves."""
    improved = []
    for key, node in nodes.items():
        place = found.get(key)
        precision = _precision(node)
        if place is None or place.key != key or precision is None:
            continue
        near = found.get(node.located_by) if node.located_by else None
        stored = place.geo_precision if place.latitude is not None else None
        better = stored is None or precision < stored
        relink = precision > 1 and precision == stored and place.located_near_id is None and near
        if not (better or relink):
            continue
        if better:
            place.latitude, place.longitude, place.geo_precision = node.lat, node.lon, precision
            if not place.country_code:
                place.country_code = country_code(node.country)
        place.located_near = (
            near if precision > 1 and near is not None and near.pk != place.pk else None
        )
        improved.append(place)
    if improved:
        Place.objects.bulk_update(
            improved,
            ["latitude", "longitude", "geo_precision", "country_code", "located_near"],
        )


def _precision(fact: PlaceFact) -> int | None:
    """The fact's geo_precision when it has a usable point, else None."""
    lat, lon = fact.lat, fact.lon
    if lat is None or lon is None or not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    precision = fact.geo_precision or Place.GeoPrecision.POINT
    return precision if precision in Place.GeoPrecision.values else None


def _is_ancestor(candidate: int, *, of: int, parent_ids: dict[int, int | None]) -> bool:
    """Whether `candidate` is `of` or above it, as far as the loaded places tell."""
    node, steps = of, 0
    while node is not None and steps < 10:
        if node == candidate:
            return True
        node, steps = parent_ids.get(node), steps + 1
    return False


def _places_fetch(nodes: dict[str, PlaceFact]) -> dict[str, Place]:
    """Stored places by gazetteer key: the key itself, else a merged place's redirect (an analyst
    merged it into another), else the GeoNames id. One query: a place comes once per redirect."""
    keys = list(nodes)
    geonames = {node.geonames_id: key for key, node in nodes.items() if node.geonames_id}
    rows = list(
        Place.objects.filter(
            Q(key__in=keys) | Q(geonames_id__in=list(geonames)) | Q(redirects__old_key__in=keys)
        ).annotate(redirected_from=F("redirects__old_key"))
    )
    places = {place.pk: place for place in rows}  # one instance per place
    by_key = {place.key: place for place in places.values() if place.key in nodes}
    for row in rows:
        if row.redirected_from in nodes and row.redirected_from not in by_key:
            by_key[row.redirected_from] = places[row.pk]
    for place in places.values():
        key = geonames.get(place.geonames_id)
        if key is not None:
            by_key.setdefault(key, place)
    return by_key


def _place_row(fact: PlaceFact, slug: str) -> Place:
    precision = _precision(fact)
    lat, lon = (fact.lat, fact.lon) if precision is not None else (None, None)
    geonames_id = fact.geonames_id if fact.geonames_id and fact.geonames_id > 0 else None
    return Place(
        key=fact.key[:120],
        name=clip(fact.name, 300),
        kind=fact.kind,
        slug=slug,
        country_code=country_code(fact.country),
        latitude=lat,
        longitude=lon,
        geo_precision=precision,
        geonames_id=geonames_id,
    )
