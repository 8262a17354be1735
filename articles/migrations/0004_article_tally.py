# The article count the overview and the article list show, kept by PostgreSQL triggers
# (see articles.models.ArticleTally). SQLite keeps no tally and counts its rows.

from django.db import migrations, models

# Each statement adds the rows it inserted or deleted (transition tables: one UPDATE for a COPY
# or a bulk insert of thousands). When the row is missing it is written from a full count,
# taken after the statement, so it is right whatever happened before.
TRIGGERS = """
CREATE FUNCTION articles_tally_add() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    delta bigint;
BEGIN
    IF TG_OP = 'INSERT' THEN
        SELECT count(*) INTO delta FROM changed_rows;
    ELSIF TG_OP = 'DELETE' THEN
        SELECT -count(*) INTO delta FROM changed_rows;
    ELSE
        delta := NULL;  -- TRUNCATE: the table is empty
    END IF;
    IF delta IS NULL THEN
        INSERT INTO articles_articletally (id, total) VALUES (1, 0)
        ON CONFLICT (id) DO UPDATE SET total = 0;
    ELSIF delta <> 0 THEN
        UPDATE articles_articletally SET total = total + delta WHERE id = 1;
        IF NOT FOUND THEN
            INSERT INTO articles_articletally (id, total)
            SELECT 1, count(*) FROM articles_article
            ON CONFLICT (id) DO UPDATE SET total = EXCLUDED.total;
        END IF;
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER articles_tally_insert AFTER INSERT ON articles_article
    REFERENCING NEW TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION articles_tally_add();
CREATE TRIGGER articles_tally_delete AFTER DELETE ON articles_article
    REFERENCING OLD TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION articles_tally_add();
CREATE TRIGGER articles_tally_truncate AFTER TRUNCATE ON articles_article
    FOR EACH STATEMENT EXECUTE FUNCTION articles_tally_add();
INSERT INTO articles_articletally (id, total) SELECT 1, count(*) FROM articles_article;
"""

DROP_TRIGGERS = """
DROP TRIGGER articles_tally_insert ON articles_article;
DROP TRIGGER articles_tally_delete ON articles_article;
DROP TRIGGER articles_tally_truncate ON articles_article;
DROP FUNCTION articles_tally_add();
"""


def create_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(TRIGGERS)


def drop_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP_TRIGGERS)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0003_status_published_index"),
    ]

    operations = [
        migrations.CreateModel(
            name="ArticleTally",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("total", models.BigIntegerField()),
            ],
        ),
        migrations.RunPython(create_triggers, drop_triggers),
    ]
