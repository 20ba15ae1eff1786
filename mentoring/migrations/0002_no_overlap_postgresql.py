"""On PostgreSQL the database itself refuses overlaps, whatever the code path.

- two availabilities of one mentor;
- two live (Pending or Confirmed) sessions of one mentor, or of one mentee.

The services check all of this under row locks on every database; these constraints are the
last line of defence against a race. SQLite has none of this and serializes writers instead.
"""

from django.db import migrations

CREATE = """
CREATE EXTENSION IF NOT EXISTS btree_gist;
ALTER TABLE mentoring_mentoravailability ADD CONSTRAINT availability_mentor_no_overlap
    EXCLUDE USING gist (mentor_id WITH =, tstzrange(start_time, end_time, '[)') WITH &&);
ALTER TABLE mentoring_session ADD CONSTRAINT session_mentor_no_overlap
    EXCLUDE USING gist (mentor_id WITH =, tstzrange(start_time, end_time, '[)') WITH &&)
    WHERE (status IN ('Pending', 'Confirmed'));
ALTER TABLE mentoring_session ADD CONSTRAINT session_mentee_no_overlap
    EXCLUDE USING gist (mentee_id WITH =, tstzrange(start_time, end_time, '[)') WITH &&)
    WHERE (status IN ('Pending', 'Confirmed'));
"""
DROP = """
ALTER TABLE mentoring_session DROP CONSTRAINT IF EXISTS session_mentee_no_overlap;
ALTER TABLE mentoring_session DROP CONSTRAINT IF EXISTS session_mentor_no_overlap;
ALTER TABLE mentoring_mentoravailability DROP CONSTRAINT IF EXISTS availability_mentor_no_overlap;
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("mentoring", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
