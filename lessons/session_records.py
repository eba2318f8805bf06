"""What an anonymous visitor starts on a lesson page (a practice run, a practice quiz attempt), kept in the
session only: nothing reaches the database and nothing counts towards progress."""


class SessionRecord:
    """One record at ``session[session_key][key]``. Subclasses name ``session_key`` and the fresh state."""

    session_key = None

    def __init__(self, session, key):
        self.session = session
        self._key = key

    def fresh_state(self):
        raise NotImplementedError

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
        records[self._key] = {**self.fresh_state(), "finished": False}
        self.session[self.session_key] = records
        self.session.modified = True

    def _finish(self, **result):
        self._state.update({"finished": True, **result})
        self.session.modified = True
