// Progressive enhancement for /map (issue 11 §6). Without JavaScript the page is the same server-drawn map and
// its form: latitude, longitude, radius, date, view and layers, submitted with "Show". With it:
// - zoom: the "Zoom in" / "Zoom out" / "Whole view" buttons, the mouse wheel (about the pointer), drag to pan;
// - a click on the map (not a drag) sets the reach point and shows the reach there;
// - the layer boxes show or hide their ties at once, and the address keeps the choice.
// Facility names on hover or keyboard focus need no script (CSS, :hover and :focus).
(() => {
  const svg = document.getElementById("map-svg");
  const form = document.getElementById("map-form");
  if (!svg || !form) return;

  const home = svg.getAttribute("data-view").split(/\s+/).map(Number); // x y width height
  const tools = document.getElementById("map-tools");
  if (tools) tools.hidden = false;

  const view = () => svg.getAttribute("viewBox").split(/\s+/).map(Number);
  const setView = (x, y, w, h) => {
    // Never wider than the whole view, never narrower than a sixteenth of it; never past its edges.
    w = Math.min(home[2], Math.max(home[2] / 16, w));
    h = w * home[3] / home[2];
    x = Math.min(home[0] + home[2] - w, Math.max(home[0], x));
    y = Math.min(home[1] + home[3] - h, Math.max(home[1], y));
    svg.setAttribute("viewBox", [x, y, w, h].map(v => +v.toFixed(3)).join(" "));
  };
  const zoom = (factor, cx, cy) => {
    const [x, y, w, h] = view();
    if (cx === undefined) { cx = x + w / 2; cy = y + h / 2; }
    setView(cx - (cx - x) * factor, cy - (cy - y) * factor, w * factor, h * factor);
  };
  const toMap = (event) => {
    const p = svg.createSVGPoint();
    p.x = event.clientX; p.y = event.clientY;
    return p.matrixTransform(svg.getScreenCTM().inverse());
  };

  const on = (id, f) => { const b = document.getElementById(id); if (b) b.addEventListener("click", f); };
  on("zoom-in", () => zoom(0.5));
  on("zoom-out", () => zoom(2));
  on("zoom-reset", () => setView(...home));
  svg.addEventListener("wheel", (event) => {
    event.preventDefault();
    const p = toMap(event);
    zoom(event.deltaY < 0 ? 0.8 : 1.25, p.x, p.y);
  }, { passive: false });

  // Drag to pan; a press and release without moving is a click that sets the reach point.
  let drag = null;
  svg.addEventListener("pointerdown", (event) => {
    if (event.button !== 0) return;
    drag = { x: event.clientX, y: event.clientY, view: view(), moved: false, ctm: svg.getScreenCTM().inverse() };
  });
  svg.addEventListener("pointermove", (event) => {
    if (!drag) return;
    const dx = event.clientX - drag.x, dy = event.clientY - drag.y;
    if (!drag.moved && Math.hypot(dx, dy) < 4) return;
    if (!drag.moved) { drag.moved = true; svg.setPointerCapture(event.pointerId); svg.classList.add("panning"); }
    const [x, y, w, h] = drag.view;
    setView(x - dx * drag.ctm.a, y - dy * drag.ctm.d, w, h);
  });
  const end = (event) => {
    if (!drag) return;
    const click = !drag.moved && event.type === "pointerup";
    drag = null;
    svg.classList.remove("panning");
    if (!click) return;
    const p = toMap(event);
    // x is a longitude in the view's frame (the Pacific view reads 99° W as 261): back into −180..180.
    const lon = ((((p.x + 180) % 360) + 360) % 360) - 180;
    const lat = Math.max(-90, Math.min(90, -p.y));
    form.querySelector("#lat").value = lat.toFixed(2);
    form.querySelector("#lon").value = lon.toFixed(2);
    form.requestSubmit();
  };
  svg.addEventListener("pointerup", end);
  svg.addEventListener("pointercancel", end);

  // Layers: hide or show the ties drawn; a layer the server left out needs the page again.
  const drawn = new Set((svg.getAttribute("data-layers") || "").split(",").filter(Boolean));
  for (const box of form.querySelectorAll("input[name=layers]")) {
    box.addEventListener("change", () => {
      if (box.checked && !drawn.has(box.value)) { form.requestSubmit(); return; }
      for (const arc of svg.querySelectorAll(`path.arc[data-layer="${box.value}"]`)) arc.classList.toggle("layer-off", !box.checked);
      const url = new URL(window.location.href);
      url.searchParams.delete("layers");
      const checked = [...form.querySelectorAll("input[name=layers]:checked")].map(b => b.value);
      if (checked.length < form.querySelectorAll("input[name=layers]").length) for (const l of checked) url.searchParams.append("layers", l);
      history.replaceState(null, "", url);
    });
  }
})();
