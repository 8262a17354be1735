"""The Analysts group: signed-in users in it correct the facts (merge duplicates, say two records
are not the same, reject an alias); everyone else only reads. Add a user to it in the admin."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Analysts"
# (app label, codename): what an analyst may do from the workbench and the admin.
PERMISSIONS = [
    ("entities", "view_actor"),
    ("entities", "change_actor"),
    ("entities", "delete_actor"),
    ("entities", "view_place"),
    ("entities", "change_place"),
    ("entities", "delete_place"),
    ("entities", "view_correction"),
    ("entities", "add_correction"),
    ("entities", "add_actordistinct"),
    ("entities", "add_placedistinct"),
    ("entities", "add_aliasrejection"),
]


def analysts_create(apps, schema_editor):
    # Permissions are normally created after the last migration; the group needs them now.
    for label in {label for label, _ in PERMISSIONS} | {"auth", "contenttypes"}:
        config = apps.get_app_config(label)
        # The migration state's app configs have no models module; create_permissions skips
        # an app without one.
        models_module = getattr(config, "models_module", None)
        config.models_module = models_module or True
        create_permissions(config, verbosity=0, apps=apps)
        config.models_module = models_module
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    group, _ = group_model.objects.get_or_create(name=GROUP)
    for label, codename in PERMISSIONS:
        group.permissions.add(
            permission_model.objects.get(content_type__app_label=label, codename=codename)
        )


def analysts_remove(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("entities", "0006_correction_distinct_pairs_alias_rejection"),
    ]

    operations = [migrations.RunPython(analysts_create, analysts_remove)]
