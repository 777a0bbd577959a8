// The delivery report's live progress: while the dispatch sends, the page asks for its counts every two seconds and
// updates them in place; once every recipient has an outcome it reloads once, for the final per-organization table.
// Without this script the Refresh link does the same.
(() => {
    "use strict";

    const interval = 2000;
    const panel = document.querySelector("[data-dispatch-progress]");
    if (!panel || panel.dataset.complete === "true") {
        return;
    }
    const url = panel.dataset.dispatchProgress;
    const bar = panel.querySelector("progress");
    const field = name => panel.querySelector(`[data-field='${name}']`);

    const show = result => {
        for (const [name, value] of Object.entries(result.counts)) {
            const count = panel.querySelector(`[data-count='${name}']`);
            if (count) {
                count.textContent = String(value);
            }
        }
        bar.value = result.percent;
        bar.textContent = `${result.percent}%`;
        field("percent").textContent = `${result.percent}%`;
        field("state").textContent = result.state;
        field("last-error").hidden = !result.lastError;
        field("last-error-text").textContent = result.lastError ?? "";
    };

    const poll = async () => {
        try {
            const response = await fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } });
            if (response.ok) {
                const result = await response.json();
                show(result);
                if (result.complete) {
                    window.location.reload();
                    return;
                }
            }
        } catch {
            // A dropped connection is tried again at the next tick.
        }
        setTimeout(poll, interval);
    };
    setTimeout(poll, interval);
})();
