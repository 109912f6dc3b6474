// Progressive enhancement only: every page works without this file.
import { initAll } from '/static/govuk/govuk-frontend.min.js'
initAll()

// Radios that reveal a field for the chosen option (the report's period). GOV.UK Frontend's
// own reveal sets aria-expanded on each radio, which ARIA does not allow on a radio (axe:
// aria-allowed-attr), so this shows the chosen option's fields and hides the others; without
// JavaScript every option's fields show.
for (const group of document.querySelectorAll('[data-lantern-reveal]')) {
  const radios = group.querySelectorAll('input[type="radio"][data-reveal]')
  const update = () => {
    for (const radio of radios) {
      const panel = document.getElementById(radio.dataset.reveal)
      if (panel) panel.classList.toggle('govuk-radios__conditional--hidden', !radio.checked)
    }
  }
  for (const radio of radios) radio.addEventListener('change', update)
  update()
}
