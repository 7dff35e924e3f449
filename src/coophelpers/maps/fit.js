// coophelpers: draw and fit the map whenever its frame gets a size or changes size.
// A map created inside a hidden or zero-size frame (a notebook output not yet shown, a lazily
// rendered cell) would otherwise keep Leaflet's zoom 0; until the reader moves the map, every
// change of the frame's size re-measures the map and fits it again: to ``bounds`` (the map's own
// fit_bounds) when given, else back to the centre and zoom the map was made with.
function coophelpersFit(map, bounds) {
  var container = map.getContainer();
  var touched = false;
  function fit() {
    if (!container.clientWidth || !container.clientHeight) { return; }
    map.invalidateSize({animate: false});
    if (touched) { return; }
    if (bounds) {
      map.fitBounds(bounds, {animate: false});
    } else if (map.options.center) {
      map.setView(map.options.center, map.options.zoom, {animate: false});
    }
  }
  ["pointerdown", "wheel", "keydown", "touchstart"].forEach(function (type) {
    container.addEventListener(type, function () { touched = true; }, {passive: true});
  });
  if (window.ResizeObserver) { new ResizeObserver(fit).observe(container); }
  if (window.IntersectionObserver) {
    new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) { if (entry.isIntersecting) { fit(); } });
    }).observe(container);
  }
  window.addEventListener("resize", fit);
  document.addEventListener("visibilitychange", fit);
  fit();
  // Notebook frontends may lay a frame out, or skip its rendering, without any of the events
  // above reaching it; until the reader moves the map, check for a while that the map was fitted
  // at the frame's current size.
  var fittedAt = "", checks = 0;
  var timer = setInterval(function () {
    checks += 1;
    if (touched || checks > 60) { clearInterval(timer); return; }
    var size = container.clientWidth + "x" + container.clientHeight;
    if (size !== fittedAt && container.clientWidth && container.clientHeight) {
      fittedAt = size;
      fit();
    }
  }, 250);
}
