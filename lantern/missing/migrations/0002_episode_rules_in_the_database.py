"""The dataset's rules for episodes, kept by the database itself (dataset.md, SSDA903):
episodes of one child never overlap, and an interview covers only its own child's episodes.

PostgreSQL: an exclusion constraint (btree_gist, a trusted extension the database owner may
create) and a trigger. SQLite: triggers. Both raise integrity errors, which the importer
reports as a problem, so a rejected import still changes nothing.
"""

from django.db import migrations

PG_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS btree_gist",
    """ALTER TABLE missing_episode ADD CONSTRAINT episode_no_overlap_for_one_child
       EXCLUDE USING gist (
           child_id WITH =,
           tstzrange(started_at, COALESCE(ended_at, 'infinity'::timestamptz), '[)') WITH &&
       ) DEFERRABLE INITIALLY DEFERRED""",
    """CREATE OR REPLACE FUNCTION interview_episode_same_child() RETURNS trigger AS $$
       BEGIN
           IF (SELECT child_id FROM missing_episode WHERE id = NEW.episode_id)
              IS DISTINCT FROM
              (SELECT child_id FROM missing_returninterview WHERE id = NEW.interview_id) THEN
               RAISE EXCEPTION 'an interview can only cover episodes of its own child'
                   USING ERRCODE = 'check_violation';
           END IF;
           RETURN NEW;
       END;
       $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER interview_episode_same_child
       BEFORE INSERT OR UPDATE ON missing_interviewepisode
       FOR EACH ROW EXECUTE FUNCTION interview_episode_same_child()""",
]
PG_BACKWARD = [
    "DROP TRIGGER IF EXISTS interview_episode_same_child ON missing_interviewepisode",
    "DROP FUNCTION IF EXISTS interview_episode_same_child()",
    "ALTER TABLE missing_episode DROP CONSTRAINT IF EXISTS episode_no_overlap_for_one_child",
]

_SQLITE_OVERLAP = """
    SELECT RAISE(ABORT, 'episodes of one child must not overlap')
    WHERE EXISTS (
        SELECT 1 FROM missing_episode other
        WHERE other.child_id = NEW.child_id AND other.id <> NEW.id
          AND other.started_at < COALESCE(NEW.ended_at, '9999-12-31')
          AND NEW.started_at < COALESCE(other.ended_at, '9999-12-31')
    );
"""
_SQLITE_SAME_CHILD = """
    SELECT RAISE(ABORT, 'an interview can only cover episodes of its own child')
    WHERE (SELECT child_id FROM missing_episode WHERE id = NEW.episode_id)
          IS NOT (SELECT child_id FROM missing_returninterview WHERE id = NEW.interview_id);
"""
SQLITE_FORWARD = [
    f"CREATE TRIGGER episode_no_overlap_insert BEFORE INSERT ON missing_episode BEGIN {_SQLITE_OVERLAP} END",
    f"""CREATE TRIGGER episode_no_overlap_update BEFORE UPDATE OF started_at, ended_at, child_id
        ON missing_episode BEGIN {_SQLITE_OVERLAP} END""",
    f"""CREATE TRIGGER interview_episode_same_child_insert BEFORE INSERT ON missing_interviewepisode
        BEGIN {_SQLITE_SAME_CHILD} END""",
    f"""CREATE TRIGGER interview_episode_same_child_update BEFORE UPDATE ON missing_interviewepisode
        BEGIN {_SQLITE_SAME_CHILD} END""",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS episode_no_overlap_insert",
    "DROP TRIGGER IF EXISTS episode_no_overlap_update",
    "DROP TRIGGER IF EXISTS interview_episode_same_child_insert",
    "DROP TRIGGER IF EXISTS interview_episode_same_child_update",
]


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for sql in PG_FORWARD if vendor == "postgresql" else SQLITE_FORWARD if vendor == "sqlite" else []:
        schema_editor.execute(sql, params=None)


def backward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for sql in PG_BACKWARD if vendor == "postgresql" else SQLITE_BACKWARD if vendor == "sqlite" else []:
        schema_editor.execute(sql, params=None)


class Migration(migrations.Migration):
    dependencies = [("missing", "0001_initial")]
    operations = [migrations.RunPython(forward, backward)]
