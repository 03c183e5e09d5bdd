/* The widget configurator: builds both snippets from the form and previews the widget. */
(function (d) {
  var cfg = JSON.parse(d.getElementById("isw-config").textContent);
  var form = d.getElementById("isw-form");
  var preview = d.getElementById("isw-preview");
  var status = d.getElementById("isw-status");
  var keys = ["lang", "color", "limit", "sort", "project", "department", "area", "topic"];

  function esc(value) {
    return String(value).replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
  }

  function field(key, view) {
    // Projects and inputs sort by different keys: each view has its own list.
    return form.elements[key === "sort" && view === "inputs" ? "isort" : key];
  }

  function chosen(view) {
    return keys.filter(function (k) {
      var input = field(k, view);
      var box = input && input.closest("[data-views]");
      var used = !box || box.getAttribute("data-views").split(" ").indexOf(view) >= 0;
      return input && used && input.value && input.value !== (cfg.defaults[k] || "");
    }).map(function (k) { return [k, field(k, view).value]; });
  }

  function update() {
    var view = form.elements.view.value;
    form.querySelectorAll("[data-views]").forEach(function (box) {
      box.hidden = box.getAttribute("data-views").split(" ").indexOf(view) < 0;
    });
    var options = chosen(view);
    var attrs = options.map(function (o) { return " data-inspraak-" + o[0] + '="' + esc(o[1]) + '"'; });
    d.getElementById("isw-script").value = "<script src=\"" + cfg.base + "embed.js\" data-inspraak-view=\"" +
      view + "\"" + attrs.join("") + " async></" + "script>";
    var query = new URLSearchParams(options).toString();
    d.getElementById("isw-iframe").value = "<iframe src=\"" + cfg.base + "frame/" + view +
      (query ? "?" + esc(query) : "") + "\" title=\"" + esc(cfg.title) + "\" loading=\"lazy\" " +
      "style=\"width:100%;height:" + (view === "button" ? 80 : 480) + "px;border:0\"></iframe>";
    preview.textContent = "";
    var script = d.createElement("script");
    script.src = cfg.preview + "embed.js";
    script.async = true;
    script.setAttribute("data-inspraak-view", view);
    options.forEach(function (o) { script.setAttribute("data-inspraak-" + o[0], o[1]); });
    preview.appendChild(script);
  }

  form.addEventListener("change", update);
  d.querySelectorAll("[data-copy]").forEach(function (button) {
    button.addEventListener("click", function () {
      var field = d.getElementById(button.getAttribute("data-copy"));
      field.select();
      var done = function () { status.textContent = cfg.copied; };
      if (navigator.clipboard) navigator.clipboard.writeText(field.value).then(done, done);
      else { d.execCommand("copy"); done(); }
    });
  });
  update();
})(document);
