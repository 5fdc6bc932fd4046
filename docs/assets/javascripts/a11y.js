// Accessibility fixes for markup that Material builds at runtime, so no template override reaches it.
// Material wraps each code block's copy button in a <nav>: a page with twenty blocks had twenty unnamed
// navigation landmarks for screen-reader users to step through (axe-core: landmark-unique). A copy button
// is not navigation: the wrapper keeps its layout and loses the landmark role.
(function () {
  function fix(root) {
    if (!root.querySelectorAll) return;
    root.querySelectorAll("nav.md-code__nav:not([role])").forEach(function (nav) {
      nav.setAttribute("role", "none");
    });
  }
  fix(document);
  new MutationObserver(function (records) {
    records.forEach(function (record) {
      record.addedNodes.forEach(function (node) {
        if (node.nodeType !== 1) return;
        if (node.matches("nav.md-code__nav")) fix(node.parentNode || document);
        else fix(node);
      });
    });
  }).observe(document.documentElement, { childList: true, subtree: true });
})();
