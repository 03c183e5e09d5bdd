/* Inspraak widget: renders a view of the participation platform after this script tag,
   inside a shadow root so the page's styles and the widget's never touch. */
(function (d) {
  var keys = ["lang", "color", "limit", "sort", "project", "department", "area", "topic"];
  d.querySelectorAll("script[data-inspraak-view]:not([data-inspraak-done])").forEach(function (s) {
    s.setAttribute("data-inspraak-done", "");
    var url = new URL("fragment/" + encodeURIComponent(s.getAttribute("data-inspraak-view")), s.src);
    keys.forEach(function (k) {
      var v = s.getAttribute("data-inspraak-" + k);
      if (v) url.searchParams.set(k, v);
    });
    var host = d.createElement("div");
    host.className = "inspraak-widget";
    s.parentNode.insertBefore(host, s.nextSibling);
    var root = host.attachShadow({ mode: "open" });
    fetch(url, { credentials: "omit" })
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.text(); })
      .then(function (html) { root.innerHTML = html; })
      .catch(function () { host.remove(); });
  });
})(document);
