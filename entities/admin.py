from django import forms
from django.contrib import admin, messages
from django.template.response import TemplateResponse

from entities.models import (
    Actor,
    ActorAlias,
    Event,
    EventActor,
    EventSource,
    Meeting,
    MeetingParticipant,
    MeetingSource,
    Mention,
    Place,
    PlaceAlias,
    PlaceRedirect,
    Role,
)
from entities.services import MergeError, actor_merge, place_merge
from extraction.normalize import match_key, name_key


def _merge_action(*, label: str, merge, model_name: str):
    """An admin action that asks which selected record to keep, then merges the rest into it."""

    def action(modeladmin, request, queryset):
        records = list(queryset.order_by("pk"))
        if len(records) < 2:
            modeladmin.message_user(
                request, f"Select at least two {model_name}s to merge.", messages.WARNING
            )
            return None
        keep_id = request.POST.get("keep")
        if request.POST.get("confirm") and keep_id:
            keep = next((r for r in records if str(r.pk) == keep_id), None)
            if keep is None:
                modeladmin.message_user(
                    request, "The record to keep must be one of those selected.", messages.ERROR
                )
                return None
            try:
                merge(keep=keep, others=[r for r in records if r.pk != keep.pk])
            except MergeError as error:
                modeladmin.message_user(request, str(error), messages.ERROR)
                return None
            modeladmin.message_user(
                request,
                f"Merged {len(records) - 1} {model_name}(s) into “{keep}”.",
                messages.SUCCESS,
            )
            return None
        context = {
            **modeladmin.admin_site.each_context(request),
            "title": f"Merge {model_name}s",
            "records": records,
            "model_name": model_name,
            "action_name": request.POST.get("action"),
            "opts": modeladmin.model._meta,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/entities/merge_confirm.html", context)

    action.short_description = label
    action.__name__ = f"merge_{model_name}s"
    return action


class ActorForm(forms.ModelForm):
    class Meta:
        model = Actor
        fields = ["kind", "name", "key", "slug", "country", "description"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["key"].required = False
        self.fields["key"].help_text = "Left blank, it is derived from the name."

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("key") and cleaned.get("name"):
            cleaned["key"] = name_key(cleaned["name"])
        if cleaned.get("country"):
            cleaned["country"] = cleaned["country"].upper()
        return cleaned


class ActorAliasInline(admin.TabularInline):
    model = ActorAlias
    fields = ["name", "key", "kind"]
    readonly_fields = ["key", "kind"]
    extra = 0


class RoleInline(admin.TabularInline):
    model = Role
    fk_name = "actor"
    fields = ["title", "title_key", "country", "organization", "first_attested", "last_attested"]
    raw_id_fields = ["organization"]
    extra = 0


class CountersKeptMixin:
    """Saving an edited actor or place writes every column but the stored counters, which a
    worker storing facts meanwhile may have recounted (entities.services.counters)."""

    COUNTERS = {"mention_count", "article_count", "meeting_count", "event_count", "last_seen"}

    def save_model(self, request, obj, form, change):
        if not change:
            return super().save_model(request, obj, form, change)
        fields = [
            f.name
            for f in obj._meta.concrete_fields
            if not f.primary_key and f.name not in self.COUNTERS
        ]
        obj.save(update_fields=fields)


@admin.register(Actor)
class ActorAdmin(CountersKeptMixin, admin.ModelAdmin):
    form = ActorForm
    list_display = ["name", "kind", "country", "mention_count", "updated_at"]
    list_filter = ["kind", "country"]
    search_fields = ["name", "key", "aliases__name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [ActorAliasInline, RoleInline]
    actions = [
        _merge_action(label="Merge selected actors into one", merge=actor_merge, model_name="actor")
    ]

    def save_formset(self, request, form, formset, change):
        # Aliases carry the actor's kind and a normalized key so the unique constraint can hold.
        for alias in formset.save(commit=False):
            if isinstance(alias, ActorAlias):
                alias.kind = form.instance.kind
                alias.key = name_key(alias.name)
                alias.match_key = match_key(alias.name)[:300]
            alias.save()
        for obj in formset.deleted_objects:
            obj.delete()
        formset.save_m2m()


@admin.register(ActorAlias)
class ActorAliasAdmin(admin.ModelAdmin):
    list_display = ["name", "actor", "kind"]
    list_filter = ["kind"]
    search_fields = ["name", "key", "actor__name"]
    raw_id_fields = ["actor"]
    readonly_fields = ["key", "match_key", "kind"]

    def save_model(self, request, obj, form, change):
        # The keys follow the name and the kind the actor's, as the pipeline writes them.
        obj.kind = obj.actor.kind
        obj.key = name_key(obj.name)
        obj.match_key = match_key(obj.name)[:300]
        super().save_model(request, obj, form, change)


@admin.register(Role)
class RoleAdmin(admin.ModelAdmin):
    list_display = ["actor", "title", "country", "organization", "first_attested", "last_attested"]
    list_filter = ["country", "title_key"]
    search_fields = ["title", "actor__name", "organization__name"]
    list_select_related = ["actor", "organization"]
    raw_id_fields = ["actor", "organization"]


class PlaceAliasInline(admin.TabularInline):
    model = PlaceAlias
    fields = ["name", "key"]
    extra = 0


@admin.register(Place)
class PlaceAdmin(CountersKeptMixin, admin.ModelAdmin):
    list_display = [
        "name",
        "kind",
        "country_code",
        "parent",
        "latitude",
        "longitude",
        "geonames_id",
    ]
    list_filter = ["kind", "country_code"]
    search_fields = ["name", "key", "aliases__name"]
    list_select_related = ["parent"]
    raw_id_fields = ["parent"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [PlaceAliasInline]
    actions = [
        _merge_action(label="Merge selected places into one", merge=place_merge, model_name="place")
    ]

    def save_formset(self, request, form, formset, change):
        for alias in formset.save(commit=False):
            alias.key = name_key(alias.name)
            alias.save()
        for obj in formset.deleted_objects:
            obj.delete()
        formset.save_m2m()


@admin.register(PlaceRedirect)
class PlaceRedirectAdmin(admin.ModelAdmin):
    list_display = ["old_key", "place"]
    search_fields = ["old_key", "place__name"]
    raw_id_fields = ["place"]


class MeetingParticipantInline(admin.TabularInline):
    model = MeetingParticipant
    raw_id_fields = ["actor", "role"]
    extra = 0


class MeetingSourceInline(admin.TabularInline):
    model = MeetingSource
    fields = ["article", "sentence"]
    readonly_fields = ["article", "sentence"]
    extra = 0
    can_delete = True

    def get_queryset(self, request):
        return super().get_queryset(request).with_sentence()

    @admin.display(description="sentence")
    def sentence(self, source: MeetingSource) -> str:
        return source.sentence


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["__str__", "kind", "date", "date_precision", "place"]
    list_filter = ["kind", "date_precision", ("date", admin.DateFieldListFilter)]
    search_fields = ["place__name", "participants__name"]
    list_select_related = ["place"]
    raw_id_fields = ["place"]
    date_hierarchy = "date"
    inlines = [MeetingParticipantInline, MeetingSourceInline]


class EventSourceInline(admin.TabularInline):
    model = EventSource
    fields = ["article", "sentence", "killed", "killed_civilians", "wounded"]
    readonly_fields = ["article", "sentence"]
    extra = 0


class EventActorInline(admin.TabularInline):
    model = EventActor
    fields = ["side", "basis", "actor", "name", "source"]
    readonly_fields = ["source"]
    raw_id_fields = ["actor"]
    extra = 0


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["__str__", "type", "date", "place", "admin1", "geo_precision"]
    list_filter = ["type", "date_precision", "geo_precision", ("date", admin.DateFieldListFilter)]
    search_fields = ["place__name", "admin1", "actor_links__name"]
    list_select_related = ["place"]
    raw_id_fields = ["place"]
    date_hierarchy = "date"
    inlines = [EventActorInline, EventSourceInline]


@admin.register(Mention)
class MentionAdmin(admin.ModelAdmin):
    list_display = ["text", "actor", "place", "role", "article"]
    list_filter = [("actor", admin.EmptyFieldListFilter), ("place", admin.EmptyFieldListFilter)]
    search_fields = ["text", "actor__name", "place__name"]
    list_select_related = ["actor", "place", "role", "article"]
    raw_id_fields = ["article", "actor", "place", "role"]
