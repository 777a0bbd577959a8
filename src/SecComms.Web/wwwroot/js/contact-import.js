// The contact import's progress bar: the file is sent with XMLHttpRequest so the page can show how much has gone up.
// The server imports the file as it arrives, so what has been uploaded has been imported, up to the last batch. The
// answer is the page itself, whose result replaces the one shown. Without this script the form posts as usual.
(() => {
    "use strict";

    const form = document.querySelector("form[data-contact-import]");
    const progress = form?.querySelector("[data-import-progress]");
    const bar = progress?.querySelector("progress");
    const status = progress?.querySelector("[data-import-status]");
    const button = form?.querySelector("button[type='submit']");
    if (!form || !progress || !bar || !status || !button || !window.FormData || !window.DOMParser) {
        return;
    }

    const show = (percent, text) => {
        bar.value = percent;
        bar.textContent = `${percent}%`;
        status.textContent = text;
    };

    // The page's result region from the answer; an error page's heading and explanation when the answer is one.
    const result = answer => {
        const fresh = answer?.getElementById("import-result");
        if (fresh) {
            return document.importNode(fresh, true);
        }
        const region = document.createElement("div");
        region.id = "import-result";
        const alert = document.createElement("div");
        alert.className = "alert alert-error";
        alert.setAttribute("role", "alert");
        for (const text of [answer?.querySelector("main h1")?.textContent ?? "The import failed.", answer?.querySelector("main h1 + p")?.textContent ?? ""]) {
            const line = document.createElement("p");
            line.textContent = text;
            alert.append(line);
        }
        region.append(alert);
        return region;
    };

    form.addEventListener("submit", event => {
        event.preventDefault();
        const request = new XMLHttpRequest();
        request.open("POST", form.action || window.location.href);
        request.responseType = "document";
        request.upload.addEventListener("progress", e => {
            if (e.lengthComputable) {
                const percent = Math.floor((e.loaded / e.total) * 100);
                show(percent, `${percent}% uploaded and imported.`);
            }
        });
        request.upload.addEventListener("load", () => show(100, "Uploaded; importing the last rows…"));
        request.addEventListener("load", () => {
            button.disabled = false;
            const current = document.getElementById("import-result");
            if (current) {
                current.replaceWith(result(request.response));
            }
            if (request.status >= 200 && request.status < 300) {
                show(100, "Done.");
            } else {
                show(bar.value, "The import was refused; see the message below.");
            }
        });
        request.addEventListener("error", () => {
            button.disabled = false;
            show(bar.value, "The upload was interrupted. Nothing after the last complete batch was imported; import the file again to finish.");
        });
        progress.hidden = false;
        button.disabled = true;
        show(0, "Starting the upload…");
        request.send(new FormData(form));
    });
})();
