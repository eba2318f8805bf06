// Wagtail fills a new page's address (slug) from its title as it is typed, but its slugify drops Thai vowel and
// tone marks ("ตอบแชตลูกค้าให้ไว" → "ตอบแชตลกคาใหไว"), while the server saves the romanised title
// ("top-chaet-lukkha-hai-wai", lms/slugs.py). Where Wagtail would sync (a page not yet live), ask the server for
// the slug it will save and show that instead. Once the trainer types an address themselves, it is left alone.
(() => {
    const slugUrl = document.currentScript.dataset.slugUrl;
    const start = () => {
        const title = document.querySelector('input#id_title');
        const slug = document.querySelector('input#id_slug');
        const actions = (title && title.dataset.action) || '';
        if (!slug || !actions.includes('w-sync#apply')) {
            return;
        }
        // Stop Wagtail's own sync (Stimulus drops the actions when the attribute changes).
        title.dataset.action = actions.split(' ').filter((action) => !action.includes('w-sync#')).join(' ');
        let following = !slug.value;
        let timer = null;
        const fetchSlug = async (text) => {
            try {
                const response = await fetch(`${slugUrl}?title=${encodeURIComponent(text)}`, {
                    credentials: 'same-origin',
                    headers: { Accept: 'application/json' },
                });
                return response.ok ? (await response.json()).slug : null;
            } catch {
                return null; // offline or leaving the page: the server fills the address on save
            }
        };
        const update = async () => {
            const text = title.value;
            const value = await fetchSlug(text);
            if (following && value !== null && title.value === text) {
                slug.value = value;
                slug.dispatchEvent(new Event('change', { bubbles: true }));
            }
        };
        if (slug.value && title.value) {
            fetchSlug(title.value).then((value) => {
                following = value === slug.value;
            });
        }
        slug.addEventListener('input', () => {
            following = !slug.value;
        });
        title.addEventListener('input', () => {
            clearTimeout(timer);
            timer = setTimeout(update, 250);
        });
    };
    if (document.readyState === 'loading') {
        document.addEventListener('DOMContentLoaded', start);
    } else {
        start();
    }
})();
