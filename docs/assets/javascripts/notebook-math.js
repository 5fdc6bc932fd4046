// Loaded by notebook pages in place of MathJax (mkdocs-jupyter's custom_mathjax_url).
// Nothing to do here: katex-init.js renders their math with the site's own KaTeX.
