// Accessibility fixes for markup that Material and KaTeX build at runtime, where no template override reaches.
(function () {
  // Material wraps each code block's copy button in a <nav>: a page with twenty blocks had twenty unnamed
  // navigation landmarks for screen-reader users to step through (axe-core: landmark-unique). A copy button
  // is not navigation: the wrapper keeps its layout and loses the landmark role.
  function unlandmark(root) {
    if (!root.querySelectorAll) return;
    root.querySelectorAll("nav.md-code__nav:not([role])").forEach(function (nav) {
      nav.setAttribute("role", "none");
    });
  }

  // A box that scrolls sideways (an equation too wide for a phone, a long code line) must be reachable by
  // keyboard to be scrolled (axe-core: scrollable-region-focusable). Whether it scrolls depends on the
  // width, the tab shown and the details opened, so look again whenever one of those changes.
  var SCROLLERS = ".md-typeset .katex-display, .md-typeset pre > code";
  function focusable() {
    document.querySelectorAll(SCROLLERS).forEach(function (el) {
      var scrolls = el.getClientRects().length > 0 && el.scrollWidth > el.clientWidth + 1;
      if (scrolls && !el.hasAttribute("tabindex")) {
        el.setAttribute("tabindex", "0");
        el.setAttribute("data-a11y-scroll", "");
      } else if (!scrolls && el.hasAttribute("data-a11y-scroll")) {
        el.removeAttribute("tabindex");
        el.removeAttribute("data-a11y-scroll");
      }
    });
  }
  var pending = null;
  function later() {
    if (pending) cancelAnimationFrame(pending);
    pending = requestAnimationFrame(function () { pending = null; focusable(); });
  }

  unlandmark(document);
  new MutationObserver(function (records) {
    records.forEach(function (record) {
      record.addedNodes.forEach(function (node) {
        if (node.nodeType !== 1) return;
        if (node.matches("nav.md-code__nav")) unlandmark(node.parentNode || document);
        else unlandmark(node);
      });
    });
  }).observe(document.documentElement, { childList: true, subtree: true });

  // after katex-init.js has rendered the page's math (it subscribes first)
  if (typeof document$ !== "undefined") document$.subscribe(later);
  else document.addEventListener("DOMContentLoaded", later);
  window.addEventListener("resize", later);
  document.addEventListener("change", later, true);   // a tab chosen
  document.addEventListener("toggle", later, true);   // a <details> opened
})();
