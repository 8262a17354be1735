# The network's pairs of actors with their number of shared meetings, kept by PostgreSQL triggers
# on the participants (see entities.models.MeetingPair). SQLite keeps no pairs: the network joins
# the participants there.

import django.db.models.deletion
from django.db import migrations, models

# One statement's participants in, out or moved (transition tables: one pass for a COPY or a bulk
# insert). A pair gains a meeting for each inserted or new-version row with each other row of
# its meeting as the table holds it after the statement, a pair of two such rows counted once
# (from its smaller actor); it loses one for each deleted or old-version row with each other row
# as the table held it before (the rows the statement did not touch, and the other removed
# rows). A role changed in place moves nothing: its pairs are lost and gained again. Pairs left
# with no meeting are deleted.
PAIRS_SQL = """
CREATE FUNCTION entities_meetingpair_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        DELETE FROM entities_meetingpair;
        RETURN NULL;
    END IF;
    IF TG_OP = 'INSERT' THEN
        INSERT INTO entities_meetingpair (first_id, second_id, meeting_count)
        SELECT LEAST(n.actor_id, p.actor_id), GREATEST(n.actor_id, p.actor_id), count(*)
        FROM added_rows n
        JOIN entities_meetingparticipant p
            ON p.meeting_id = n.meeting_id AND p.actor_id <> n.actor_id
        WHERE NOT EXISTS (
            SELECT 1 FROM added_rows m WHERE m.id = p.id AND m.actor_id < n.actor_id
        )
        GROUP BY 1, 2
        ORDER BY 1, 2
        ON CONFLICT (first_id, second_id) DO UPDATE
            SET meeting_count = entities_meetingpair.meeting_count + EXCLUDED.meeting_count;
        RETURN NULL;
    END IF;
    IF TG_OP = 'DELETE' THEN
        WITH lost AS (
            SELECT LEAST(o.actor_id, p.actor_id) AS a, GREATEST(o.actor_id, p.actor_id) AS b
            FROM removed_rows o
            JOIN entities_meetingparticipant p
                ON p.meeting_id = o.meeting_id AND p.actor_id <> o.actor_id
            UNION ALL
            SELECT o.actor_id, q.actor_id
            FROM removed_rows o
            JOIN removed_rows q ON q.meeting_id = o.meeting_id AND q.actor_id > o.actor_id
        )
        INSERT INTO entities_meetingpair (first_id, second_id, meeting_count)
        SELECT a, b, -count(*) FROM lost GROUP BY 1, 2 ORDER BY 1, 2
        ON CONFLICT (first_id, second_id) DO UPDATE
            SET meeting_count = entities_meetingpair.meeting_count + EXCLUDED.meeting_count;
    ELSE  -- UPDATE
        WITH changed AS (
            SELECT LEAST(n.actor_id, p.actor_id) AS a, GREATEST(n.actor_id, p.actor_id) AS b,
                1 AS d
            FROM added_rows n
            JOIN entities_meetingparticipant p
                ON p.meeting_id = n.meeting_id AND p.actor_id <> n.actor_id
            WHERE NOT EXISTS (
                SELECT 1 FROM added_rows m WHERE m.id = p.id AND m.actor_id < n.actor_id
            )
            UNION ALL
            SELECT LEAST(o.actor_id, p.actor_id), GREATEST(o.actor_id, p.actor_id), -1
            FROM removed_rows o
            JOIN entities_meetingparticipant p
                ON p.meeting_id = o.meeting_id AND p.actor_id <> o.actor_id
            WHERE NOT EXISTS (SELECT 1 FROM removed_rows r WHERE r.id = p.id)
            UNION ALL
            SELECT o.actor_id, q.actor_id, -1
            FROM removed_rows o
            JOIN removed_rows q ON q.meeting_id = o.meeting_id AND q.actor_id > o.actor_id
        )
        INSERT INTO entities_meetingpair (first_id, second_id, meeting_count)
        SELECT a, b, sum(d) FROM changed GROUP BY 1, 2 HAVING sum(d) <> 0 ORDER BY 1, 2
        ON CONFLICT (first_id, second_id) DO UPDATE
            SET meeting_count = entities_meetingpair.meeting_count + EXCLUDED.meeting_count;
    END IF;
    DELETE FROM entities_meetingpair WHERE meeting_count <= 0;
    RETURN NULL;
END;
$$;
CREATE TRIGGER entities_meetingpair_insert AFTER INSERT ON entities_meetingparticipant
    REFERENCING NEW TABLE AS added_rows
    FOR EACH STATEMENT EXECUTE FUNCTION entities_meetingpair_apply();
CREATE TRIGGER entities_meetingpair_delete AFTER DELETE ON entities_meetingparticipant
    REFERENCING OLD TABLE AS removed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION entities_meetingpair_apply();
CREATE TRIGGER entities_meetingpair_update AFTER UPDATE ON entities_meetingparticipant
    REFERENCING OLD TABLE AS removed_rows NEW TABLE AS added_rows
    FOR EACH STATEMENT EXECUTE FUNCTION entities_meetingpair_apply();
CREATE TRIGGER entities_meetingpair_truncate AFTER TRUNCATE ON entities_meetingparticipant
    FOR EACH STATEMENT EXECUTE FUNCTION entities_meetingpair_apply();
"""

# The pairs of the meetings already stored: the same self-join the network ran.
FILL_SQL = """
INSERT INTO entities_meetingpair (first_id, second_id, meeting_count)
SELECT a.actor_id, b.actor_id, count(*)
FROM entities_meetingparticipant a
JOIN entities_meetingparticipant b ON b.meeting_id = a.meeting_id AND b.actor_id > a.actor_id
GROUP BY 1, 2;
"""

DROP_SQL = """
DROP TRIGGER entities_meetingpair_insert ON entities_meetingparticipant;
DROP TRIGGER entities_meetingpair_delete ON entities_meetingparticipant;
DROP TRIGGER entities_meetingpair_update ON entities_meetingparticipant;
DROP TRIGGER entities_meetingpair_truncate ON entities_meetingparticipant;
DROP FUNCTION entities_meetingpair_apply();
"""


def create_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(PAIRS_SQL)
        schema_editor.execute(FILL_SQL)


def drop_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP_SQL)


class Migration(migrations.Migration):
    dependencies = [
        ("entities", "0024_actor_key_prefix_index"),
    ]

    operations = [
        migrations.CreateModel(
            name="MeetingPair",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("meeting_count", models.IntegerField()),
                (
                    "first",
                    models.ForeignKey(
                        db_constraint=False,
                        db_index=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="entities.actor",
                    ),
                ),
                (
                    "second",
                    models.ForeignKey(
                        db_constraint=False,
                        db_index=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="entities.actor",
                    ),
                ),
            ],
            options={
                "indexes": [
                    models.Index(
                        fields=["-meeting_count", "first", "second"],
                        name="entities_meetingpair_top_idx",
                    )
                ],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("first", "second"), name="entities_meetingpair_unique"
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("first__lt", models.F("second"))),
                        name="entities_meetingpair_ordered",
                    ),
                ],
            },
        ),
        migrations.RunPython(create_triggers, drop_triggers),
    ]
