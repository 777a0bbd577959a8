// A wide table scrolls sideways in its own box on a narrow screen. When it does, the box becomes a region a keyboard
// can reach and scroll, named after the table's caption; when everything fits, it is no stop on the way.
(function () {
    "use strict";

    function fit(box) {
        var scrolls = box.scrollWidth > box.clientWidth + 1;
        if (scrolls) {
            var caption = box.querySelector("caption");
            box.setAttribute("tabindex", "0");
            box.setAttribute("role", "region");
            box.setAttribute("aria-label", caption ? caption.textContent.trim() : "Table");
        } else {
            box.removeAttribute("tabindex");
            box.removeAttribute("role");
            box.removeAttribute("aria-label");
        }
    }

    function fitAll() {
        document.querySelectorAll(".table-scroll").forEach(fit);
    }

    fitAll();
    window.addEventListener("resize", fitAll);
})();
