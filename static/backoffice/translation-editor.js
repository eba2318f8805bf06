// wagtail-localize 1.14.5 builds a few labels in its bundle without gettext ("<source> to <target>
// translation", "More actions"); put the Thai text the server rendered in their place. Wagtail loads
// admin scripts in <head>, so wait for the page; this listener runs after wagtail-localize's.
document.addEventListener('DOMContentLoaded', () => {
    const strings = document.getElementById('backoffice-translation-strings');
    const editor = document.querySelector('.js-translation-editor');
    if (!strings || !editor) {
        return;
    }
    const props = JSON.parse(editor.dataset.props);
    const heading = `${props.sourceLocale.displayName} to ${props.locale.displayName} translation`;
    const relabel = () => {
        editor.querySelectorAll('section h3').forEach((el) => {
            if (el.textContent === heading) {
                el.textContent = strings.dataset.heading;
            }
        });
        editor.querySelectorAll('.w-dropdown__toggle .w-sr-only').forEach((el) => {
            if (el.textContent === 'More actions' && strings.dataset.moreActions !== 'More actions') {
                el.textContent = strings.dataset.moreActions;
            }
        });
    };
    new MutationObserver(relabel).observe(editor, { childList: true, subtree: true });
    relabel();
});
