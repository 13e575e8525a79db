// Pan and zoom for the inline org chart SVG (progressive enhancement: without this script
// the chart scrolls). Same-origin file because the CSP allows no inline scripts or CDNs.
(function () {
  "use strict";
  var canvas = document.getElementById("orgchart-canvas");
  if (!canvas) { return; }
  var svg = canvas.querySelector("svg");
  if (!svg || !svg.viewBox || !svg.viewBox.baseVal) { return; }
  var base = svg.viewBox.baseVal;
  var home = { x: base.x, y: base.y, w: base.width, h: base.height };
  var view = { x: home.x, y: home.y, w: home.w, h: home.h };
  svg.removeAttribute("width");
  svg.removeAttribute("height");
  canvas.classList.add("zoomable");

  function apply() { svg.setAttribute("viewBox", [view.x, view.y, view.w, view.h].join(" ")); }
  function zoom(factor, cx, cy) {
    var w = view.w * factor, h = view.h * factor;
    if (w < home.w / 40 || w > home.w * 8) { return; }
    view.x = cx - (cx - view.x) * factor;
    view.y = cy - (cy - view.y) * factor;
    view.w = w; view.h = h;
    apply();
  }
  function centre() { return [view.x + view.w / 2, view.y + view.h / 2]; }
  function toSvg(evt) {
    var r = svg.getBoundingClientRect();
    var scale = Math.max(view.w / r.width, view.h / r.height);
    var offX = (r.width * scale - view.w) / 2, offY = (r.height * scale - view.h) / 2;
    return [view.x - offX + (evt.clientX - r.left) * scale, view.y - offY + (evt.clientY - r.top) * scale, scale];
  }

  var tools = document.createElement("div");
  tools.className = "orgchart-tools";
  [["+", "Zoom in", function () { var c = centre(); zoom(0.8, c[0], c[1]); }],
   ["\u2212", "Zoom out", function () { var c = centre(); zoom(1.25, c[0], c[1]); }],
   ["Fit", "Show the whole chart", function () { view = { x: home.x, y: home.y, w: home.w, h: home.h }; apply(); }]
  ].forEach(function (spec) {
    var b = document.createElement("button");
    b.type = "button"; b.textContent = spec[0]; b.title = spec[1]; b.setAttribute("aria-label", spec[1]);
    b.addEventListener("click", spec[2]);
    tools.appendChild(b);
  });
  canvas.parentNode.insertBefore(tools, canvas);

  canvas.addEventListener("wheel", function (evt) {
    evt.preventDefault();
    var p = toSvg(evt);
    zoom(evt.deltaY < 0 ? 0.85 : 1 / 0.85, p[0], p[1]);
  }, { passive: false });

  var drag = null;
  canvas.addEventListener("pointerdown", function (evt) {
    if (evt.target.closest && evt.target.closest("a")) { return; }
    drag = { x: evt.clientX, y: evt.clientY, vx: view.x, vy: view.y, scale: toSvg(evt)[2] };
    canvas.classList.add("dragging");
    canvas.setPointerCapture(evt.pointerId);
  });
  canvas.addEventListener("pointermove", function (evt) {
    if (!drag) { return; }
    view.x = drag.vx - (evt.clientX - drag.x) * drag.scale;
    view.y = drag.vy - (evt.clientY - drag.y) * drag.scale;
    apply();
  });
  function stop() { drag = null; canvas.classList.remove("dragging"); }
  canvas.addEventListener("pointerup", stop);
  canvas.addEventListener("pointercancel", stop);
  canvas.addEventListener("keydown", function (evt) {
    var c = centre();
    if (evt.key === "+" || evt.key === "=") { zoom(0.8, c[0], c[1]); }
    if (evt.key === "-") { zoom(1.25, c[0], c[1]); }
  });
  canvas.tabIndex = 0;
})();
