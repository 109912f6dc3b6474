// The network view: draws the records and links listed on the page with cytoscape.
// The data comes from the page's <script type="application/json" id="network-data"> block
// (data, never run), so the page needs no inline script or style under our CSP.
// Shapes, not colours, tell the kinds apart; every line is labelled with its relation.

const SHAPES = { child: 'ellipse', adult: 'rectangle', location: 'diamond' }

function draw () {
  const box = document.getElementById('network-graph')
  const source = document.getElementById('network-data')
  if (!box || !source || typeof window.cytoscape !== 'function') return
  const graph = JSON.parse(source.textContent)
  box.hidden = false
  const cy = window.cytoscape({
    container: box,
    elements: {
      nodes: graph.nodes.map(n => ({ data: { ...n, shape: SHAPES[n.kind] || 'triangle', text: n.label + '\n(' + n.kind_label + ')' } })),
      edges: graph.edges.map(e => ({ data: { ...e, text: e.relation + (e.grade ? ' ' + e.grade : '') } }))
    },
    layout: graph.nodes.length > 30
      ? { name: 'cose', animate: false, padding: 30 }
      : { name: 'breadthfirst', roots: '[?centre]', circle: true, spacingFactor: 1.6, animate: false, padding: 40 },
    style: [
      {
        selector: 'node',
        style: {
          shape: 'data(shape)',
          label: 'data(text)',
          'text-wrap': 'wrap',
          'text-valign': 'bottom',
          'font-size': 14,
          color: '#0b0c0c',
          'background-color': '#505a5f',
          'border-width': 2,
          'border-color': '#0b0c0c',
          width: 28,
          height: 28
        }
      },
      { selector: 'node[?centre]', style: { 'border-width': 6, width: 40, height: 40 } },
      {
        selector: 'edge',
        style: {
          label: 'data(text)',
          'font-size': 12,
          color: '#0b0c0c',
          'text-background-color': '#ffffff',
          'text-background-opacity': 1,
          'curve-style': 'bezier',
          'line-color': '#505a5f',
          width: 2
        }
      }
    ]
  })
  cy.on('tap', 'node', event => {
    const url = event.target.data('url')
    if (url) window.location.assign(url)
  })
  pictureButton(cy)
}

function pictureButton (cy) {
  const form = document.getElementById('network-picture-form')
  if (!form) return
  form.hidden = false
  form.addEventListener('submit', async event => {
    event.preventDefault()
    await fetch(form.action, { method: 'POST', body: new FormData(form), credentials: 'same-origin' })
    const link = document.createElement('a')
    link.href = cy.png({ full: true, bg: '#ffffff', scale: 2 })
    link.download = 'network.png'
    document.body.appendChild(link)
    link.click()
    link.remove()
  })
}

draw()
