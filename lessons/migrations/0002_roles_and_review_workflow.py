"""Groups "Trainers" and "Centre staff", their permissions, and the "Review by centre staff" workflow.

Page permissions are given on the tree root (depth 1), which always exists, so they cover every site and
catalogue created later. Trainers can add and edit pages and submit them for review, but not publish; the
workflow on the root page sends every change to a centre staff approval task.
"""

from django.db import migrations

TRAINERS = "Trainers"
CENTRE_STAFF = "Centre staff"
WORKFLOW = "Review by centre staff"
TASK = "Centre staff approval"

PAGE_PERMISSIONS = {
    TRAINERS: ["add_page", "change_page"],
    CENTRE_STAFF: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
}
COLLECTION_PERMISSIONS = {
    TRAINERS: [
        ("wagtailimages", "image", "add"),
        ("wagtailimages", "image", "choose"),
        ("wagtaildocs", "document", "add"),
        ("wagtaildocs", "document", "choose"),
    ],
    CENTRE_STAFF: [
        ("wagtailimages", "image", "add"),
        ("wagtailimages", "image", "change"),
        ("wagtailimages", "image", "choose"),
        ("wagtaildocs", "document", "add"),
        ("wagtaildocs", "document", "change"),
        ("wagtaildocs", "document", "choose"),
    ],
}
MODEL_PERMISSIONS = {
    TRAINERS: [
        ("wagtailadmin", "admin", "access_admin"),
        ("wagtail_localize", "translation", "submit_translation"),
        ("lessons", "topic", "view_topic"),
    ],
    CENTRE_STAFF: [
        ("wagtailadmin", "admin", "access_admin"),
        ("wagtail_localize", "translation", "submit_translation"),
        ("lessons", "topic", "view_topic"),
        ("lessons", "topic", "add_topic"),
        ("lessons", "topic", "change_topic"),
    ],
}


def _permission(apps, app_label, model, codename):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": codename.replace("_", " ").capitalize()}
    )
    return permission


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    root_page = Page.objects.filter(depth=1).order_by("path").first()
    root_collection = Collection.objects.filter(depth=1).order_by("path").first()
    groups = {}
    for name in (TRAINERS, CENTRE_STAFF):
        group, _ = Group.objects.get_or_create(name=name)
        groups[name] = group
        for app_label, model, codename in MODEL_PERMISSIONS[name]:
            group.permissions.add(_permission(apps, app_label, model, codename))
        if root_page is not None:
            for codename in PAGE_PERMISSIONS[name]:
                GroupPagePermission.objects.get_or_create(
                    group=group, page=root_page, permission=_permission(apps, "wagtailcore", "page", codename)
                )
        if root_collection is not None:
            for app_label, model, action in COLLECTION_PERMISSIONS[name]:
                GroupCollectionPermission.objects.get_or_create(
                    group=group,
                    collection=root_collection,
                    permission=_permission(apps, app_label, model, f"{action}_{model}"),
                )

    task_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")
    task = GroupApprovalTask.objects.filter(name=TASK).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK, content_type=task_type, active=True)
    task.groups.add(groups[CENTRE_STAFF])
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    if root_page is not None:
        WorkflowPage.objects.update_or_create(page=root_page, defaults={"workflow": workflow})


def remove_roles(apps, schema_editor):
    Workflow = apps.get_model("wagtailcore", "Workflow")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    Group = apps.get_model("auth", "Group")
    Workflow.objects.filter(name=WORKFLOW).delete()
    GroupApprovalTask.objects.filter(name=TASK).delete()
    Group.objects.filter(name=TRAINERS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("lessons", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
