// The import's progress bar: asks the server how far it is once a second, and reloads the
// page when the check or import has ended (the server then leads to the next screen).
(() => {
  const bar = document.getElementById("moit-import-progress");
  if (!bar) return;
  const label = document.getElementById("moit-import-progress-label");
  const poll = async () => {
    try {
      const response = await fetch(bar.dataset.statusUrl, {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      });
      if (response.ok) {
        const state = await response.json();
        if (!state.running) {
          window.location.reload(); // ended: the server leads to the next screen
          return;
        }
        bar.max = state.total || 1;
        bar.value = state.done || 0;
        label.textContent = state.label;
      } else if (response.status === 404) {
        window.location.reload(); // discarded or expired: the server says so
        return;
      } // otherwise the server is busy or restarting: ask again
    } catch (error) {
      // no answer (the network, a restart): ask again
    }
    window.setTimeout(poll, 1000);
  };
  window.setTimeout(poll, 1000);
})();
