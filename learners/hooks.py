"""The seam learners offers to higher apps.

* ``learner_erasing(sender=User, user)`` — a Django signal sent inside the erasure transaction, just before
  the account is deleted (``learners.privacy.erase_user``). Apps that hold progress connect a receiver in
  their ``AppConfig.ready()`` and write anonymous rows (e.g. ``lessons.AnonymousProgress``); a receiver that
  raises rolls the whole erasure back.
"""

from django.dispatch import Signal

learner_erasing = Signal()
