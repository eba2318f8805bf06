"""Demo certificate settings: a sample signatory so demo certificates look complete. Safe to run again."""

from wagtail.models import Site

from .models import CertificateSettings

DEMO_SIGNATORY = "นายวิชัย ศรีสุข (ตัวอย่าง)"


def load(stdout):
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return
    settings = CertificateSettings.for_site(site)
    if not settings.signatory_name:
        settings.signatory_name = DEMO_SIGNATORY
        settings.save()
    stdout.write(f"Certificates: signed by {settings.signatory_name}; verify at /th/verify/")
