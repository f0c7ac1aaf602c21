// The dashboard's only script. Two jobs: ask before a form with data-confirm posts, and refresh the parts of a page
// marked data-live every few seconds (a short poll of the page itself, swapped in by id), so lists of runs and counts
// update without a reload. Without JavaScript the pages still work; they just do not refresh or ask.
(function () {
    "use strict";
    document.addEventListener("submit", function (event) {
        var form = event.target;
        var question = form.getAttribute("data-confirm");
        if (question && !window.confirm(question)) event.preventDefault();
    });

    var live = document.querySelectorAll("[data-live]");
    if (live.length === 0) return;
    var every = parseInt(document.body.getAttribute("data-refresh") || "3000", 10);
    var busy = false;

    function refresh() {
        if (busy || document.hidden) return;
        busy = true;
        fetch(window.location.href, { credentials: "same-origin" })
            .then(function (response) {
                if (!response.ok || response.redirected) throw new Error("refresh answered " + response.status);
                return response.text();
            })
            .then(function (html) {
                var fresh = new DOMParser().parseFromString(html, "text/html");
                document.querySelectorAll("[data-live]").forEach(function (part) {
                    var replacement = fresh.getElementById(part.id);
                    if (replacement) part.replaceWith(document.importNode(replacement, true));
                });
                document.documentElement.setAttribute("data-refreshed", new Date().toISOString());
            })
            .catch(function () { /* the next tick tries again */ })
            .finally(function () { busy = false; });
    }

    window.setInterval(refresh, every);
})();
