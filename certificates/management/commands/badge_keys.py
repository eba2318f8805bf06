"""List the badge signing keys, or generate a new one (rotation: older keys stay and keep verifying)."""

from django.core.management.base import BaseCommand

from certificates.badges import keys


class Command(BaseCommand):
    help = "Show the Open Badges signing keys; --generate writes a new key that signs from now on."

    def add_arguments(self, parser):
        parser.add_argument("--generate", action="store_true", help="write a new private key into BADGES_KEY_DIR")

    def handle(self, *args, generate=False, **options):
        if generate:
            path = keys.generate_key_file()
            self.stdout.write(f"new signing key: {path} (back it up; keep older keys so their badges verify)")
        current = keys.current()
        for kid in current.public:
            marker = "signs" if kid == current.signing_kid else "verifies"
            self.stdout.write(f"{marker:8} {kid}")
