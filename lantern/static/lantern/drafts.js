// Keep what someone is typing in this browser until the form is saved, so an idle sign-out,
// a crash or a lost connection loses nothing. Forms opt in with data-draft="<name>"
// (data-draft-key="<name>" works too).
// The storage key is the account's opaque draft id (data-draft-owner on <body>, an HMAC of
// the account's id: never a name), the page's path and that name. A draft is only ever
// restored to the account that typed it; drafts of any other account are deleted as soon as
// someone else signs in on this browser, every draft goes when someone signs out on purpose,
// and any draft older than a day is dropped. Passwords, files and hidden fields (the CSRF
// token) are never kept.

const PREFIX = 'lantern-draft:'
const SUBMITTED = 'lantern-draft-submitted'
const MAX_AGE_MS = 24 * 60 * 60 * 1000
const OWNER = document.body.dataset.draftOwner || ''

function storage () {
  try {
    const s = window.localStorage
    s.setItem(PREFIX + 'test', '1')
    s.removeItem(PREFIX + 'test')
    return s
  } catch (e) {
    return null
  }
}

function keyFor (form) {
  const name = form.dataset.draft || form.dataset.draftKey
  return PREFIX + OWNER + ':' + window.location.pathname + '#' + name
}

function kept (field) {
  if (!field.name || field.disabled) return false
  const type = (field.type || '').toLowerCase()
  return !['password', 'file', 'hidden', 'submit', 'button', 'reset', 'image'].includes(type)
}

function read (form) {
  const values = {}
  for (const field of form.elements) {
    if (!kept(field)) continue
    const type = field.type.toLowerCase()
    if (type === 'checkbox' || type === 'radio') {
      values[field.name] = values[field.name] || []
      if (field.checked) values[field.name].push(field.value)
    } else if (field.tagName === 'SELECT' && field.multiple) {
      values[field.name] = Array.from(field.selectedOptions).map((o) => o.value)
    } else {
      values[field.name] = field.value
    }
  }
  return values
}

function write (form, values) {
  for (const field of form.elements) {
    if (!kept(field) || !(field.name in values)) continue
    const value = values[field.name]
    const type = field.type.toLowerCase()
    if (type === 'checkbox' || type === 'radio') {
      field.checked = Array.isArray(value) && value.includes(field.value)
    } else if (field.tagName === 'SELECT' && field.multiple) {
      for (const option of field.options) option.selected = value.includes(option.value)
    } else if (typeof value === 'string') {
      field.value = value
    }
  }
}

function same (a, b) {
  return JSON.stringify(a) === JSON.stringify(b)
}

function forgetOld (store) {
  const now = Date.now()
  const mine = PREFIX + OWNER + ':'
  for (let i = store.length - 1; i >= 0; i--) {
    const key = store.key(i)
    if (!key || !key.startsWith(PREFIX)) continue
    if (!key.startsWith(mine)) {
      // Another account's draft (or one from before drafts had owners): never shown here.
      store.removeItem(key)
      continue
    }
    try {
      const saved = JSON.parse(store.getItem(key))
      if (!saved || now - saved.savedAt > MAX_AGE_MS) store.removeItem(key)
    } catch (e) {
      store.removeItem(key)
    }
  }
}

function showRestored (store, restored) {
  const banner = document.getElementById('draft-restored')
  if (!banner) return
  banner.hidden = false
  const discard = document.getElementById('draft-discard')
  if (discard) {
    discard.addEventListener('click', () => {
      for (const { form, key, original } of restored) {
        store.removeItem(key)
        write(form, original)
      }
      banner.hidden = true
    })
  }
}

function start () {
  const store = storage()
  // Signed out (the sign-in and "signed out" pages): keep nothing, restore nothing, delete
  // nothing, so the same person finds their words again after an idle time-out.
  if (!store || !OWNER) return
  forgetOld(store)
  const body = document.body
  const forms = Array.from(document.querySelectorAll('form[data-draft], form[data-draft-key]'))

  // A form was sent from the previous page: was it saved?
  const submitted = window.sessionStorage.getItem(SUBMITTED)
  window.sessionStorage.removeItem(SUBMITTED)
  const hasErrors = document.querySelector('.govuk-error-summary') !== null
  if (submitted && !hasErrors && !body.hasAttribute('data-keep-drafts') &&
      document.querySelector('[data-server-error]') === null) {
    // Saved: the server answered with a normal page (usually after a redirect).
    store.removeItem(submitted)
  }

  const restored = []
  for (const form of forms) {
    const key = keyFor(form)
    const original = read(form)
    let saved = null
    try {
      saved = JSON.parse(store.getItem(key))
    } catch (e) {
      saved = null
    }
    // After a refused submit the page already shows what was sent: nothing to restore.
    if (saved && saved.values && submitted !== key && !same(saved.values, original)) {
      write(form, saved.values)
      restored.push({ form, key, original })
    }
    const save = () => store.setItem(key, JSON.stringify({ savedAt: Date.now(), values: read(form) }))
    form.addEventListener('input', save)
    form.addEventListener('change', save)
    form.addEventListener('submit', () => {
      save()
      window.sessionStorage.setItem(SUBMITTED, key)
    })
  }
  if (restored.length) showRestored(store, restored)

  // Signing out on purpose clears drafts, so a shared computer keeps nothing behind.
  for (const form of document.querySelectorAll('form[action$="/accounts/logout/"]')) {
    form.addEventListener('submit', () => {
      for (let i = store.length - 1; i >= 0; i--) {
        const key = store.key(i)
        if (key && key.startsWith(PREFIX)) store.removeItem(key)
      }
    })
  }
}

start()
