// Progressive enhancement of the query textarea with Yasqe (SPARQL highlighting).
// Without JavaScript, or if Yasqe fails to load, the plain textarea and form still work.
// Yasqe's network features (prefix.cc and LOV autocompletion, persistence) are turned off:
// the machines running this are offline and queries stay on this site.
(function () {
  "use strict";
  var area = document.querySelector("textarea[data-editor=sparql]");
  if (!area || typeof window.Yasqe === "undefined") { return; }
  try {
    var editor = window.Yasqe.fromTextArea
      ? window.Yasqe.fromTextArea(area, { persistenceId: null, showQueryButton: false, autocompleters: [], resizeable: true, editorHeight: "320px" })
      : null;
    if (!editor) { return; }
    var form = area.form;
    editor.setOption("extraKeys", Object.assign({}, editor.getOption("extraKeys") || {}, {
      "Ctrl-Enter": function () { editor.save(); form.submit(); },
      "Cmd-Enter": function () { editor.save(); form.submit(); }
    }));
    form.addEventListener("submit", function () { editor.save(); });
    document.documentElement.classList.add("yasqe-on");
  } catch (err) {
    if (window.console) { window.console.warn("Yasqe enhancement disabled:", err); }
  }
})();
