"""Open Badges 3.0 credentials for certificates.

Every certificate has one ``OpenBadgeCredential`` (W3C VC Data Model 2.0 + the 1EdTech OB 3.0 context),
secured as VC-JWT (a compact JWS, RS256; see ``signing.py`` for why). The credential is built from the
certificate row each time it is served, so a name correction (re-issue) gives a new credential and an
erased learner's name is never served again; only the random status-list index and subject id are stored
(``BadgeCredential``). Revocation travels through a Bitstring Status List computed from the certificates'
status. Keys: ``keys.py``; building: ``credential.py``; images and baking: ``images.py``; checking an
uploaded credential: ``verify.py``.
"""
