// The assessment form's score as you go (docs/risk-assessments.md). Progressive enhancement:
// without JavaScript "Work out the score" asks the server. The rule comes from the form's
// data-live-score attribute (risk.selectors.live_score_rules, the same as the server's):
// score = the sum of each indicator's points for the recency chosen; the suggested level is
// the band with the highest lowest score the score reaches. The region is aria-live="polite".

function scoreOf (form, rules, prefix) {
  let total = 0
  for (const [code, points] of Object.entries(rules.points)) {
    const chosen = form.querySelector(`input[name="${prefix}${code}"]:checked`)
    if (chosen && chosen.value) total += points[chosen.value] || 0
  }
  return total
}

function bandOf (rules, score) {
  let band = null
  for (const b of rules.bands) if (score >= b.min) band = b
  return band || { level: 'none', label: 'None', tag: 'grey' }
}

function show (region, score, band) {
  const strong = document.createElement('strong')
  strong.textContent = String(score)
  const tag = document.createElement('strong')
  tag.className = `govuk-tag govuk-tag--${band.tag}`
  tag.textContent = band.label
  region.replaceChildren('Score: ', strong, '. Suggested level: ', tag)
  region.dataset.score = String(score)
  region.dataset.level = band.level
}

for (const form of document.querySelectorAll('form[data-live-score]')) {
  let rules
  try {
    rules = JSON.parse(form.dataset.liveScore)
  } catch (e) {
    continue
  }
  const prefix = form.dataset.indicatorPrefix || ''
  const region = form.querySelector('#score')
  if (!region) continue
  let last = null
  const update = () => {
    const score = scoreOf(form, rules, prefix)
    if (score === last) return // announce only a change
    last = score
    show(region, score, bandOf(rules, score))
  }
  form.addEventListener('change', (event) => {
    if (event.target.name && event.target.name.startsWith(prefix)) update()
  })
  // After a draft is restored (drafts.js runs first) or a submit, show what is chosen now.
  if (form.querySelector(`input[name^="${prefix}"]:checked:not([value=""])`)) update()
}
