"""Class accounts are created by a background task: each batch records its progress. Batches made before were
created in their request, so they are done."""

from django.db import migrations, models

STATUSES = [
    ("pending", "Waiting to start"),
    ("running", "Creating the accounts"),
    ("done", "Finished"),
    ("failed", "Nothing was created"),
]


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0004_account_batch"),
    ]

    operations = [
        migrations.AddField(
            model_name="accountbatch",
            name="done",
            field=models.PositiveIntegerField(default=0),
        ),
        migrations.AddField(
            model_name="accountbatch",
            name="status",
            field=models.CharField(choices=STATUSES, default="done", max_length=10),
        ),
        migrations.AlterField(
            model_name="accountbatch",
            name="status",
            field=models.CharField(choices=STATUSES, default="pending", max_length=10),
        ),
    ]
