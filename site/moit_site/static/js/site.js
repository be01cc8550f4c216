/* moit-wagtail public site: consent notice, external embeds after consent, high contrast.
 *
 * Everything here is an enhancement: without JavaScript the pages work, nothing from another
 * host loads, maps are plain links and the contrast follows the system's prefers-contrast.
 * Choices live in localStorage (not cookies) so the server's shared page cache is unaffected.
 */
(function () {
    "use strict";

    var CONSENT_KEY = "moit-consent"; // "all" | "essential"
    var CONTRAST_KEY = "moit-contrast"; // "high" | "normal"
    var root = document.documentElement;

    function read(key) {
        try { return window.localStorage.getItem(key); } catch (e) { return null; }
    }

    function write(key, value) {
        try { window.localStorage.setItem(key, value); } catch (e) { /* private mode: not kept */ }
    }

    // -- external content (maps), only after consent --------------------------------------

    function loadEmbeds() {
        var frames = document.querySelectorAll("[data-map-embed]");
        Array.prototype.forEach.call(frames, function (holder) {
            if (holder.querySelector("iframe")) { return; }
            var iframe = document.createElement("iframe");
            iframe.src = holder.getAttribute("data-map-embed");
            iframe.title = holder.getAttribute("data-map-title") || "";
            iframe.loading = "lazy";
            iframe.referrerPolicy = "no-referrer";
            iframe.className = "map__iframe";
            holder.insertBefore(iframe, holder.firstChild);
            holder.classList.add("map__frame--loaded");
            var ask = holder.querySelector("[data-map-ask]");
            if (ask) { ask.hidden = true; }
        });
    }

    function offerEmbeds() {
        var asks = document.querySelectorAll("[data-map-ask]");
        Array.prototype.forEach.call(asks, function (ask) { ask.hidden = false; });
    }

    // -- the consent notice ------------------------------------------------------------------

    function banner() { return document.querySelector("[data-consent-banner]"); }

    function showBanner(focus) {
        var box = banner();
        if (!box) { return; }
        box.hidden = false;
        if (focus) {
            var first = box.querySelector("button");
            if (first) { first.focus(); }
        }
    }

    function choose(value) {
        write(CONSENT_KEY, value);
        root.setAttribute("data-consent", value);
        var box = banner();
        if (box) { box.hidden = true; }
        if (value === "all") { loadEmbeds(); } else { offerEmbeds(); }
    }

    function setUpConsent() {
        var stored = read(CONSENT_KEY);
        if (stored === "all" || stored === "essential") {
            root.setAttribute("data-consent", stored);
        } else {
            showBanner(false);
        }
        if (stored === "all") { loadEmbeds(); } else { offerEmbeds(); }
        document.addEventListener("click", function (event) {
            var target = event.target.closest ? event.target.closest("[data-consent-choice],[data-consent-open]") : null;
            if (!target) { return; }
            if (target.hasAttribute("data-consent-open")) {
                showBanner(true);
            } else {
                choose(target.getAttribute("data-consent-choice"));
            }
        });
    }

    // -- high contrast -----------------------------------------------------------------------

    function setUpContrast() {
        var toggles = document.querySelectorAll("[data-contrast-toggle]");
        function render() {
            var on = root.classList.contains("high-contrast");
            Array.prototype.forEach.call(toggles, function (button) {
                button.setAttribute("aria-pressed", on ? "true" : "false");
            });
        }
        Array.prototype.forEach.call(toggles, function (button) {
            button.hidden = false;
            button.addEventListener("click", function () {
                var on = root.classList.toggle("high-contrast");
                write(CONTRAST_KEY, on ? "high" : "normal");
                render();
            });
        });
        render();
    }

    // -- the category menu on narrow screens -------------------------------------------------

    function setUpMenu() {
        var nav = document.querySelector("[data-collapsible-nav]");
        var button = nav && nav.querySelector(".site-nav__toggle");
        if (!button) { return; }
        nav.classList.add("site-nav--collapsible");
        button.hidden = false;
        button.addEventListener("click", function () {
            var open = nav.classList.toggle("is-open");
            button.setAttribute("aria-expanded", open ? "true" : "false");
        });
    }

    function start() {
        setUpMenu();
        setUpContrast();
        setUpConsent();
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", start);
    } else {
        start();
    }
}());
