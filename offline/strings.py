"""The texts the offline scripts show, translated on the server and put in every page as JSON data
(``{% offline_head %}``): the banner and the saved copies of pages need them with no connection, and
the Content-Security-Policy forbids inline scripts. ``{name}`` placeholders are filled in by the script."""

from django.utils.translation import gettext_lazy as _

STRINGS = {
    "offline": _("You are offline. Saved courses still open."),
    "waiting": _("Waiting to send ({count})"),
    "sendNow": _("Send now"),
    "sending": _("Sending…"),
    "sent": _("Sent: {count} accepted."),
    "refused": _("Not accepted: {title}. {message}"),
    "sendFailed": _("Could not send yet. We will try again when you are online."),
    "doneQueued": _("Saved on this device. It will be sent when you are back online."),
    "sizeQuestion": _("This course needs about {size} on this device."),
    "download": _("Download ({size})"),
    "downloadWithAudio": _("Download with read-aloud audio ({size})"),
    "cancel": _("Cancel"),
    "saving": _("Saving… {done} of {total}"),
    "saved": _("Saved for offline use ({size}). Its lessons open without a connection."),
    "remove": _("Remove"),
    "removed": _("Removed from this device."),
    "storageFull": _(
        "There is not enough space on this device to save this course. Nothing was saved. "
        "Remove a saved course or free some space, then try again."
    ),
    "failed": _("The download stopped before the end. Nothing was saved; please try again with a connection."),
    "savedBadge": _("Saved for offline use"),
    "noneSaved": _("No course is saved on this device yet."),
    "megabytes": _("{size} MB"),
    "quizOffline": _(
        "You are offline. Answer the questions now: your answers are saved on this device and checked when "
        "you are back online."
    ),
    "saveAnswers": _("Save my answers"),
    "answersQueued": _("Your answers are saved on this device. They will be checked when you are back online."),
    "chooseAnswer": _("Please choose an answer for at least one question."),
    "quizPassed": _("{title}: checked. Your score {score}%. You passed!"),
    "quizNotPassed": _("{title}: checked. Your score {score}%. Not passed yet: open the quiz to see why."),
    "answersChecked": _("{title}: {count} answers checked."),
    "courseComplete": _("Course completed: {title}."),
    "offlineUnavailable": _("You are offline and this page is not saved on this device."),
}


def strings():
    return {key: str(value) for key, value in STRINGS.items()}
