// Every <time datetime> the server writes in UTC is read in the reader's own time zone and language, with how long ago
// or how soon it is; the UTC time the server wrote stays in the title, shown on hover.
(function () {
    "use strict";
    var absolute = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
    var relative = new Intl.RelativeTimeFormat(undefined, { numeric: "auto" });
    var units = [["year", 31536000], ["month", 2592000], ["week", 604800], ["day", 86400], ["hour", 3600], ["minute", 60]];

    function ago(seconds) {
        for (var i = 0; i < units.length; i++) {
            if (Math.abs(seconds) >= units[i][1]) {
                return relative.format(Math.round(seconds / units[i][1]), units[i][0]);
            }
        }
        return relative.format(0, "second");
    }

    function show(element) {
        var at = new Date(element.getAttribute("datetime"));
        if (isNaN(at.getTime()) || element.getAttribute("datetime").length < 16) {
            return;
        }
        if (!element.hasAttribute("data-utc")) {
            element.setAttribute("data-utc", element.textContent.trim());
            element.title = element.textContent.trim();
        }
        element.textContent = ago((at.getTime() - Date.now()) / 1000) + " (" + absolute.format(at) + ")";
    }

    function showAll() {
        document.querySelectorAll("time[datetime]").forEach(show);
    }

    showAll();
    setInterval(showAll, 60000);
})();
