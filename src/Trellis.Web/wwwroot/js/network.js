// Progressive enhancement for /network: the year slider shows its value and reloads the view on release.
// Without JavaScript the "Show" button does the same.
(() => {
  const slider = document.getElementById("year");
  const out = document.getElementById("year-out");
  const form = document.getElementById("network-form");
  if (!slider || !form) return;
  slider.addEventListener("input", () => { if (out) out.textContent = slider.value; });
  slider.addEventListener("change", () => {
    const asOf = form.querySelector("input[name=asOf]");
    if (asOf) asOf.remove();
    form.requestSubmit();
  });
})();
