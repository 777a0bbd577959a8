// The channel tabs are links that reload the page with ?view=; with script they switch in place and keep that address.
(function () {
    "use strict";
    document.querySelectorAll("[data-channel-tabs]").forEach(function (tabs) {
        var links = tabs.querySelectorAll("a[data-channel]");
        function panelOf(link) {
            return document.getElementById("channel-" + link.getAttribute("data-channel"));
        }
        tabs.addEventListener("click", function (event) {
            var link = event.target.closest("a[data-channel]");
            if (!link || !panelOf(link) || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) {
                return;
            }
            event.preventDefault();
            links.forEach(function (other) {
                other.removeAttribute("aria-current");
                panelOf(other).hidden = true;
            });
            link.setAttribute("aria-current", "page");
            panelOf(link).hidden = false;
            history.replaceState(null, "", link.href);
        });
    });
})();
