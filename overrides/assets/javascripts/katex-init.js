// Typesets the formulas pymdownx.arithmatex (generic mode) leaves as \( … \)
// and \[ … \] in .arithmatex elements, with the self-hosted KaTeX.
// Loaded only on pages that have a formula (overrides/main.html).
document$.subscribe(({ body }) => {
  for (const element of body.querySelectorAll(".arithmatex")) {
    renderMathInElement(element, {
      delimiters: [
        { left: "\\(", right: "\\)", display: false },
        { left: "\\[", right: "\\]", display: true },
      ],
      throwOnError: true,
    })
  }
})
