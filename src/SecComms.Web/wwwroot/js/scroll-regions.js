// A wide table scrolls sideways in its own box on a narrow screen. When it does, the box becomes a region a keyboard
// can reach and scroll, named after the table's caption; when everything fits, it is no stop on the way. Boxes the
// server already made regions (the tables of a published body) are left as they are.
(function () {
    "use strict";

    function fit(box) {
        if (box.hasAttribute("role") && !box.hasAttribute("data-scroll-region")) {
            return;
        }
        if (box.scrollWidth > box.clientWidth + 1) {
            var caption = box.querySelector("caption");
            box.setAttribute("data-scroll-region", "");
            box.setAttribute("tabindex", "0");
            box.setAttribute("role", "region");
            box.setAttribute("aria-label", caption ? caption.textContent.trim() : "Table");
        } else if (box.hasAttribute("data-scroll-region")) {
            ["data-scroll-region", "tabindex", "role", "aria-label"].forEach(function (name) { box.removeAttribute(name); });
        }
    }

    function fitAll() {
        document.querySelectorAll(".table-scroll").forEach(fit);
    }

    fitAll();
    window.addEventListener("resize", fitAll);
})();
