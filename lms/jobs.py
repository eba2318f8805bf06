"""What the jobs staff wait for (issuing certificates to a course, creating a class's accounts) have in common."""


class JobStatusMixin:
    """For a model whose ``status`` is one of its ``Status`` choices, among them ``DONE`` and ``FAILED``."""

    @property
    def finished(self):
        """The task has done all it will: its page stops refreshing and shows the outcome."""
        return self.status in (self.Status.DONE, self.Status.FAILED)
