// The vulnerability editor's live CVSS score: as a vector is typed, the page scores it and the words beside the input
// change. Without this script the "Compute scores" button does the same with a full page load.
(() => {
    "use strict";

    const delay = 250;

    for (const form of document.querySelectorAll("form[data-live-score]")) {
        const url = form.dataset.liveScore;
        const token = form.querySelector("input[name='__RequestVerificationToken']");
        if (!url || !token) {
            continue;
        }
        for (const input of form.querySelectorAll("input[data-cvss-version]")) {
            const output = document.getElementById(input.dataset.cvssOutput);
            if (!output) {
                continue;
            }
            let timer = 0;
            let pending = null;
            const show = (text, classes) => {
                output.textContent = text;
                output.className = classes;
            };
            const unavailable = () => show("The score could not be computed here; use Compute scores.", "cvss-score cvss-score-none");
            const score = async () => {
                pending?.abort();
                pending = new AbortController();
                const body = new URLSearchParams({
                    vector: input.value,
                    version: input.dataset.cvssVersion,
                    __RequestVerificationToken: token.value,
                });
                try {
                    const response = await fetch(url, {
                        method: "POST",
                        body,
                        credentials: "same-origin",
                        headers: { Accept: "application/json" },
                        signal: pending.signal,
                    });
                    if (!response.ok) {
                        unavailable();
                        return;
                    }
                    const result = await response.json();
                    show(result.text, result.cssClass);
                } catch (error) {
                    if (error.name !== "AbortError") {
                        unavailable();
                    }
                }
            };
            input.addEventListener("input", () => {
                clearTimeout(timer);
                timer = setTimeout(score, delay);
            });
        }
    }
})();
