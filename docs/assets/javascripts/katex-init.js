// Render math with the KaTeX copy served by this site (no CDN): on day pages the
// .arithmatex spans that pymdownx.arithmatex leaves, on notebook pages the
// markdown cells ($...$ and $$...$$). Material swaps pages without a reload,
// so render again on every page it shows.
function renderMath() {
  var delimiters = [
    { left: "$$", right: "$$", display: true },
    { left: "\\[", right: "\\]", display: true },
    { left: "\\(", right: "\\)", display: false },
    { left: "$", right: "$", display: false },
  ];
  document.querySelectorAll(".arithmatex, .jupyter-wrapper .jp-MarkdownCell").forEach(function (el) {
    renderMathInElement(el, { delimiters: delimiters, throwOnError: false });
  });
}
if (typeof document$ !== "undefined") {
  document$.subscribe(renderMath);
} else {
  document.addEventListener("DOMContentLoaded", renderMath);
}
