/*
 * The page slug follows the title with the server's Thai slug rule (moit_wagtail/pages/slugs.py).
 *
 * Wagtail's title field still announces its changes on the `w-sync` channel, and Wagtail
 * still decides when it may drive the slug (a page not yet published). This controller,
 * on the slug input in place of Wagtail's `w-slug`, answers those events: it asks the server
 * for the slug (debounced), writes it, and stops following once the editor types a slug.
 */
(() => {
  const { Controller } = window.StimulusModule;

  class PageSlugController extends Controller {
    static values = { url: String, delay: { type: Number, default: 300 } };

    connect() {
      this.follows = !this.element.value;
      this.request = 0;
      this.timer = null;
      const title = this.titleInput();
      if (this.element.value && title) {
        // Reopened page: follow on only if its slug is one its title made.
        this.fetchSlug(title.value).then((answer) => {
          if (!answer || !answer.follows) return;
          this.follows = true;
          if (this.titleDrivesSlug(title) && answer.slug !== this.element.value) {
            this.write(answer.slug);
          }
        });
      }
    }

    disconnect() {
      clearTimeout(this.timer);
    }

    titleInput() {
      const sources = document.querySelectorAll('[data-controller~="w-sync"]');
      return [...sources].find((source) => {
        const selector = source.getAttribute('data-w-sync-target-value');
        return selector && this.element.matches(selector);
      });
    }

    titleDrivesSlug(title) {
      return (title.getAttribute('data-action') || '').includes('w-sync#apply');
    }

    /* The title got focus: Wagtail asks whether the slug still follows it. */
    check(event) {
      if (!this.follows && this.element.value) event.preventDefault();
    }

    /* The editor typed in the slug field: their slug stays, unless they emptied it. */
    edited() {
      this.follows = !this.element.value;
      this.request += 1; // an answer still on its way must not overwrite the typing
    }

    /* The title changed (Wagtail's `w-sync:apply`, already prevented from writing the raw title). */
    follow(event) {
      if (!this.follows && this.element.value) return;
      this.follows = true;
      const title = (event.detail && event.detail.value) || '';
      clearTimeout(this.timer);
      this.timer = setTimeout(() => {
        this.fetchSlug(title).then((answer) => {
          if (answer && this.follows) this.write(answer.slug);
        });
      }, this.delayValue);
    }

    fetchSlug(title) {
      this.request += 1;
      const request = this.request;
      const query = new URLSearchParams({
        title,
        current: this.element.value,
        path: window.location.pathname,
      });
      return fetch(`${this.urlValue}?${query}`, {
        credentials: 'same-origin',
        headers: { Accept: 'application/json' },
      })
        .then((response) => (response.ok ? response.json() : null))
        .then((answer) => (request === this.request ? answer : null))
        .catch(() => null);
    }

    write(slug) {
      if (this.element.value === slug) return;
      this.element.value = slug;
      this.element.dispatchEvent(new Event('change', { bubbles: true }));
    }
  }

  window.wagtail.app.register('moit-slug', PageSlugController);
})();
