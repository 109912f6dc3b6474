// Warn a couple of minutes before the idle sign-out, offer "Stay signed in", and when the time
// is up go to "You have been signed out" (drafts.js has kept what was being typed).
// Activity in any tab counts: the last time the server was reached is shared via localStorage.

const WARN_BEFORE_MS = 2 * 60 * 1000
const KEY = 'lantern-last-activity'

function start () {
  const body = document.body
  if (!body.hasAttribute('data-signed-in')) return
  const idleMs = parseInt(body.dataset.idleMinutes, 10) * 60 * 1000
  if (!(idleMs > 0)) return
  const banner = document.getElementById('idle-warning')
  const form = document.getElementById('keep-alive-form')

  const loadedAt = Date.now()
  const touch = () => {
    try { window.localStorage.setItem(KEY, String(Date.now())) } catch (e) {}
  }
  const lastActivity = () => {
    let last = 0
    try { last = parseInt(window.localStorage.getItem(KEY), 10) || 0 } catch (e) {}
    return Math.max(last, loadedAt)
  }
  touch()

  if (form) {
    form.addEventListener('submit', (event) => {
      event.preventDefault()
      window.fetch(form.action, {
        method: 'POST',
        body: new window.FormData(form),
        headers: { 'X-Requested-With': 'fetch' },
        credentials: 'same-origin'
      }).then((response) => {
        if (response.ok) {
          touch()
          banner.hidden = true
        } else {
          window.location.assign('/accounts/session-ended/?next=' + encodeURIComponent(window.location.pathname))
        }
      })
    })
  }

  const check = () => {
    const left = idleMs - (Date.now() - lastActivity())
    if (left <= 0) {
      window.location.assign('/accounts/session-ended/?next=' + encodeURIComponent(window.location.pathname))
      return
    }
    if (banner) banner.hidden = left > WARN_BEFORE_MS
    window.setTimeout(check, Math.min(15000, Math.max(1000, left - WARN_BEFORE_MS)))
  }
  check()
}

start()
