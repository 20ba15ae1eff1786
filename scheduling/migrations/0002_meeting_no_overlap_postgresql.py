"""On PostgreSQL, the database itself refuses two final meetings of one owner that overlap.

The scheduling service checks this on every database; this constraint is the last line of
defence against a race. SQLite has no exclusion constraints, and serializes writers instead.
"""

from django.db import migrations

CREATE = """
CREATE EXTENSION IF NOT EXISTS btree_gist;
ALTER TABLE scheduling_meeting ADD CONSTRAINT meeting_owner_no_overlap
    EXCLUDE USING gist (owner_id WITH =, tstzrange("start", "end", '[)') WITH &&)
    WHERE (status = 'final');
"""
DROP = "ALTER TABLE scheduling_meeting DROP CONSTRAINT IF EXISTS meeting_owner_no_overlap;"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("scheduling", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
