from django.db import migrations, models

SQLITE = [
    "CREATE VIRTUAL TABLE search_entry_fts USING fts5(folded, content='search_entry', content_rowid='id')",
    "CREATE TRIGGER search_entry_ai AFTER INSERT ON search_entry BEGIN "
    "INSERT INTO search_entry_fts(rowid, folded) VALUES (new.id, new.folded); END",
    "CREATE TRIGGER search_entry_ad AFTER DELETE ON search_entry BEGIN "
    "INSERT INTO search_entry_fts(search_entry_fts, rowid, folded) VALUES ('delete', old.id, old.folded); END",
    "CREATE TRIGGER search_entry_au AFTER UPDATE ON search_entry BEGIN "
    "INSERT INTO search_entry_fts(search_entry_fts, rowid, folded) VALUES ('delete', old.id, old.folded); "
    "INSERT INTO search_entry_fts(rowid, folded) VALUES (new.id, new.folded); END",
]
# A stored tsvector: matching then reads it instead of computing to_tsvector for every candidate row.
POSTGRES = [
    "ALTER TABLE search_entry ADD COLUMN search_vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple', folded)) STORED",
    "CREATE INDEX search_entry_vector ON search_entry USING GIN (search_vector)",
]


def full_text(apps, schema_editor):
    statements = SQLITE if schema_editor.connection.vendor == "sqlite" else POSTGRES
    for sql in statements:
        schema_editor.execute(sql)


def drop_full_text(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS search_entry_fts")
    else:
        schema_editor.execute("ALTER TABLE search_entry DROP COLUMN IF EXISTS search_vector")


class Migration(migrations.Migration):
    initial = True
    dependencies = [("plans", "0005_historicalcommune_historicalindicator_historicalplan_and_more")]

    operations = [
        migrations.CreateModel(
            name="Entry",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("kind", models.CharField(max_length=12)),
                ("object_id", models.BigIntegerField()),
                ("commune", models.ForeignKey(on_delete=models.deletion.CASCADE, related_name="+", to="plans.commune")),
                ("url", models.CharField(max_length=300)),
                ("title", models.TextField()),
                ("body", models.TextField(blank=True)),
                ("folded_title", models.TextField()),
                ("folded", models.TextField()),
            ],
            options={"constraints": [models.UniqueConstraint(fields=("kind", "object_id"), name="search_entry_once")]},
        ),
        migrations.RunPython(full_text, drop_full_text),
    ]
