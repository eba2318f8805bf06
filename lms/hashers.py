"""Password hashing: Argon2id at OWASP's minimum cost, so a sign-in spends milliseconds, not a second.

Django's PBKDF2 default (1,000,000+ iterations) costs about 1 s of CPU per sign-in on a centre's server.
OWASP's password storage cheat sheet gives Argon2id with 19 MiB of memory, 2 iterations and 1 lane as the
minimum configuration; memory cost, not CPU time, is what makes it expensive for an attacker's GPUs.
The algorithm name stays "argon2", so Django re-hashes an older PBKDF2 (or differently tuned Argon2) hash
the next time its owner signs in.
"""

from django.contrib.auth.hashers import Argon2PasswordHasher


class OwaspArgon2PasswordHasher(Argon2PasswordHasher):
    time_cost = 2
    memory_cost = 19 * 1024  # KiB
    parallelism = 1
