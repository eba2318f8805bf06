"""What an anonymous visitor starts on a lesson page (a practice run, a practice quiz attempt), kept in the
session only: nothing reaches the database and nothing counts towards progress."""

import copy


class SessionRecord:
    """One record at ``session[session_key][key]``. Subclasses name ``session_key`` and ``fresh_state``, what a
    new record holds besides ``finished``."""

    session_key = None
    fresh_state = {}

    def __init__(self, session, key):
        self.session = session
        self._key = key

    @property
    def _state(self):
        return self.session.get(self.session_key, {}).get(self._key)

    @property
    def started(self):
        return self._state is not None

    @property
    def finished(self):
        return bool(self._state and self._state.get("finished"))

    def restart(self):
        records = self.session.get(self.session_key, {})
        records[self._key] = {**copy.deepcopy(self.fresh_state), "finished": False}
        self.session[self.session_key] = records
        self.session.modified = True

    def _finish(self, **result):
        self._state.update({"finished": True, **result})
        self.session.modified = True
