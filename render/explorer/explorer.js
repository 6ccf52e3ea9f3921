// lineage explorer: the script of the page that 'lineage render -f html' writes
// and 'lineage serve' serves. Plain JavaScript, no library: it reads the model
// data from the page's JSON element, and builds every piece of the page it adds
// with textContent and setAttribute, never innerHTML, so no data string is ever
// parsed as markup. Links are made only for http(s) URLs.
(function () {
  'use strict';

  const data = JSON.parse(document.getElementById('lineage-data').textContent);
  const chart = document.getElementById('chart');
  const panel = document.getElementById('panel');
  const q = document.getElementById('q');
  const allrel = document.getElementById('allrel');
  const names = document.getElementById('names');

  const st = {
    models: new Map(), // id -> model
    parents: new Map(), // id -> edges into it
    children: new Map(), // id -> edges out of it
    index: [], // [normalised name, id, rank] for search
    svg: null,
    home: null, // the whole chart, as a view box
    vb: null, // the current view box {x, y, w, h}
    selected: null,
    drawnAround: null, // large datasets: the model whose neighbourhood is drawn
  };

  // norm is graph.NormalizeName: lower case, without spaces, '-', '_' and '.'.
  const norm = (s) => String(s).toLowerCase().replace(/[\s\-_.]/g, '');

  function isWebURL(u) {
    if (typeof u !== 'string' || !/^https?:\/\//i.test(u)) return false;
    try {
      const p = new URL(u).protocol;
      return p === 'http:' || p === 'https:';
    } catch (e) {
      return false;
    }
  }

  function el(tag, text, cls) {
    const e = document.createElement(tag);
    if (text != null) e.textContent = text;
    if (cls) e.setAttribute('class', cls);
    return e;
  }

  // ---- data ----

  function loadData(d) {
    st.models = new Map();
    st.parents = new Map();
    st.children = new Map();
    for (const m of d.nodes) st.models.set(m.id, m);
    for (const e of d.edges) {
      if (!st.parents.has(e.to)) st.parents.set(e.to, []);
      if (!st.children.has(e.from)) st.children.set(e.from, []);
      st.parents.get(e.to).push(e);
      st.children.get(e.from).push(e);
    }
    if (data.large) return; // search asks the server
    st.index = [];
    names.replaceChildren();
    for (const m of d.nodes) {
      st.index.push([norm(m.id), m.id, 0], [norm(m.name), m.id, 0]);
      for (const a of m.aliases || []) st.index.push([norm(a), m.id, 1]);
      const o = document.createElement('option');
      o.value = m.name;
      names.appendChild(o);
    }
  }

  const nameOf = (id) => (st.models.get(id) || {}).name || id;

  // find returns the models a search text names, best first: an exact id, name or
  // alias, then names that start with it, then names that contain it.
  function find(text) {
    const n = norm(text);
    if (!n) return [];
    const tiers = [[], [], [], []];
    for (const [key, id, rank] of st.index) {
      if (key === n) tiers[rank].push(id);
      else if (key.startsWith(n)) tiers[2].push(id);
      else if (key.includes(n)) tiers[3].push(id);
    }
    const seen = new Set();
    const out = [];
    for (const t of tiers) {
      t.sort((a, b) => nameOf(a).length - nameOf(b).length || (a < b ? -1 : a > b ? 1 : 0));
      for (const id of t) {
        if (!seen.has(id)) {
          seen.add(id);
          out.push(id);
        }
      }
      if (out.length && t === tiers[1]) break; // an exact match wins
    }
    return out;
  }

  async function api(path) {
    const r = await fetch(path, { headers: { Accept: 'application/json' } });
    if (!r.ok) {
      let msg = r.status + ' ' + r.statusText;
      try {
        msg = (await r.json()).error || msg;
      } catch (e) { /* not JSON */ }
      throw new Error(msg);
    }
    return r;
  }

  // ---- the chart ----

  function installSVG(svg) {
    chart.replaceChildren(svg);
    st.svg = svg;
    const v = (svg.getAttribute('viewBox') || '0 0 100 100').split(/[\s,]+/).map(Number);
    st.home = { x: v[0], y: v[1], w: v[2] || 100, h: v[3] || 100 };
    svg.setAttribute('preserveAspectRatio', 'xMidYMid meet');
    reset();
    if (!location.hash) opening();
  }

  // legible is the most chart units a pixel may show when the page opens and
  // labels (11 pt) must stay readable: about 7 px on a desktop, 6 px on a phone.
  const legible = () => ((chart.clientWidth || 1) < 700 ? 1.8 : 1.5);

  // newestFamily returns the bounding box (chart units) of the family whose
  // newest model is the newest of the chart among the families of at least
  // three models that fit in a view maxW units wide, the larger family winning a
  // tie; a family is a model without lineage parents and its lineage
  // descendants. It returns null when no family qualifies.
  function newestFamily(maxW) {
    const boxes = new Map();
    for (const g of st.svg.querySelectorAll('g.model')) boxes.set(g.getAttribute('data-id'), userBox(g));
    let best = null;
    for (const id of st.models.keys()) {
      if ((st.parents.get(id) || []).some((e) => e.class === 'lineage')) continue;
      const fam = [id, ...reachLineage(id)];
      if (fam.length < 3) continue;
      let newest = '';
      let box = null;
      for (const f of fam) {
        const d = (st.models.get(f) || {}).date || '';
        if (d > newest) newest = d;
        const b = boxes.get(f);
        if (b) box = box ? { x1: Math.min(box.x1, b.x1), y1: Math.min(box.y1, b.y1), x2: Math.max(box.x2, b.x2), y2: Math.max(box.y2, b.y2) } : b;
      }
      if (!box || box.x2 - box.x1 > maxW) continue;
      if (!best || newest > best.newest || (newest === best.newest && fam.length > best.n)) best = { box, newest, n: fam.length };
    }
    return best ? best.box : null;
  }

  // reachLineage returns the lineage descendants of id, whatever the toggle.
  function reachLineage(id) {
    const seen = new Set();
    const queue = [id];
    for (let i = 0; i < queue.length; i++) {
      for (const e of st.children.get(queue[i]) || []) {
        if (e.class === 'lineage' && e.to !== id && !seen.has(e.to)) {
          seen.add(e.to);
          queue.push(e.to);
        }
      }
    }
    return seen;
  }

  // opening sets the first view of a page opened without a model: the whole
  // chart when its labels are legible so, else the newest family that fits at a
  // legible scale (see newestFamily), else the chart's top left, legibly.
  function opening() {
    const W = chart.clientWidth || 1;
    const H = chart.clientHeight || 1;
    if (st.vb.w / W <= legible()) return;
    const maxW = legible() * W;
    const pad = 30;
    const box = newestFamily(maxW - 2 * pad);
    if (!box) {
      st.vb = { x: st.home.x, y: st.home.y, w: maxW, h: (maxW * H) / W };
    } else {
      const fam = fit({ x: box.x1 - pad, y: box.y1 - pad, w: box.x2 - box.x1 + 2 * pad, h: box.y2 - box.y1 + 2 * pad });
      const w = Math.min(Math.max(fam.w, W), maxW); // not closer than one unit a pixel
      const cx = fam.x + fam.w / 2;
      const top = box.y1 - pad; // a tall family shows from its top
      const h = (w * H) / W;
      const cy = fam.h <= h ? fam.y + fam.h / 2 : top + h / 2;
      st.vb = { x: cx - w / 2, y: cy - h / 2, w, h };
    }
    apply();
  }

  // fit returns box widened to the chart's aspect ratio, same centre.
  function fit(box) {
    const W = chart.clientWidth || 1;
    const H = chart.clientHeight || 1;
    let { x, y, w, h } = box;
    if (w / h > W / H) {
      const nh = (w * H) / W;
      y -= (nh - h) / 2;
      h = nh;
    } else {
      const nw = (h * W) / H;
      x -= (nw - w) / 2;
      w = nw;
    }
    return { x, y, w, h };
  }

  function apply() {
    if (!st.svg) return;
    const v = st.vb;
    st.svg.setAttribute('viewBox', [v.x, v.y, v.w, v.h].map((n) => +n.toFixed(2)).join(' '));
  }

  function reset() {
    if (!st.svg) return;
    // A wide chart starts at its full width; a very tall one at its top.
    const W = chart.clientWidth || 1;
    const H = chart.clientHeight || 1;
    const h = st.home;
    st.vb = fit(h);
    if (h.h / h.w > (3 * H) / W) {
      st.vb = { x: h.x, y: h.y, w: h.w, h: (h.w * H) / W };
    }
    apply();
  }

  // toUser converts a point on the screen to chart coordinates.
  function toUser(cx, cy) {
    const m = st.svg.getScreenCTM();
    if (!m) return { x: st.vb.x + st.vb.w / 2, y: st.vb.y + st.vb.h / 2 };
    const p = new DOMPoint(cx, cy).matrixTransform(m.inverse());
    return { x: p.x, y: p.y };
  }

  function zoom(k, at) {
    if (!st.svg) return;
    const v = st.vb;
    const max = Math.max(st.home.w, st.home.h) * 3;
    const min = 40;
    const nw = Math.min(Math.max(v.w / k, min), max);
    k = v.w / nw;
    const p = at || { x: v.x + v.w / 2, y: v.y + v.h / 2 };
    st.vb = { x: p.x - (p.x - v.x) / k, y: p.y - (p.y - v.y) / k, w: v.w / k, h: v.h / k };
    apply();
  }

  function pan(dx, dy) { // in chart units
    if (!st.svg) return;
    st.vb.x += dx;
    st.vb.y += dy;
    apply();
  }

  function unitsPerPixel() {
    const m = st.svg && st.svg.getScreenCTM();
    return m && m.a ? 1 / m.a : 1;
  }

  function nodeOf(id) {
    if (!st.svg) return null;
    for (const g of st.svg.querySelectorAll('g.model')) {
      if (g.getAttribute('data-id') === id) return g;
    }
    return null;
  }

  // userBox returns an element's bounding box in chart coordinates.
  function userBox(g) {
    const r = g.getBoundingClientRect();
    const a = toUser(r.left, r.top);
    const b = toUser(r.right, r.bottom);
    return { x1: a.x, y1: a.y, x2: b.x, y2: b.y };
  }

  // centre moves the view to the model's node: the whole lit lineage when it fits
  // at up to 2.25 chart units a pixel (on a phone, four), names small but the lit
  // boxes and the card's lists showing it whole; else the node itself at about
  // one chart unit a pixel.
  function centre(id) {
    const g = nodeOf(id);
    if (!g || !st.svg) return;
    const W = chart.clientWidth || 1;
    const H = chart.clientHeight || 1;
    const readable = W * 1.1; // widest view box whose labels can be read
    const n = userBox(g);
    let box = { ...n };
    for (const o of st.svg.querySelectorAll('g.model.lit')) {
      const b = userBox(o);
      box = { x1: Math.min(box.x1, b.x1), y1: Math.min(box.y1, b.y1), x2: Math.max(box.x2, b.x2), y2: Math.max(box.y2, b.y2) };
    }
    const pad = 30;
    const lineage = fit({ x: box.x1 - pad, y: box.y1 - pad, w: box.x2 - box.x1 + 2 * pad, h: box.y2 - box.y1 + 2 * pad });
    // On a phone the readable width holds little of any lineage: there, show the
    // lit lineage small rather than the model alone (the card names its relatives).
    const fits = W < 700 ? W * 4 : W * 2.25;
    if (lineage.w <= fits) {
      if (lineage.w < readable) { // not closer than one unit a pixel
        const cx = lineage.x + lineage.w / 2;
        const cy = lineage.y + lineage.h / 2;
        st.vb = { x: cx - readable / 2, y: cy - (readable * H) / W / 2, w: readable, h: (readable * H) / W };
      } else {
        st.vb = lineage;
      }
    } else {
      let w = st.vb.w;
      if (w / W > 1.25) w = readable;
      const h = (w * H) / W;
      st.vb = { x: (n.x1 + n.x2) / 2 - w / 2, y: (n.y1 + n.y2) / 2 - h / 2, w, h };
    }
    apply();
  }

  // ---- selection ----

  const follows = (e) => allrel.checked || e.class === 'lineage';

  // reach returns the ids reachable from id along adj (parents: up, children: down).
  function reach(id, adj, end) {
    const seen = new Set();
    const queue = [id];
    for (let i = 0; i < queue.length; i++) {
      for (const e of adj.get(queue[i]) || []) {
        const w = e[end];
        if (follows(e) && w !== id && !seen.has(w)) {
          seen.add(w);
          queue.push(w);
        }
      }
    }
    return seen;
  }

  function highlight() {
    const svg = st.svg;
    if (!svg) return { up: new Set(), down: new Set() };
    const id = st.selected;
    const up = id ? reach(id, st.parents, 'from') : new Set();
    const down = id ? reach(id, st.children, 'to') : new Set();
    svg.classList.toggle('focus', !!id);
    for (const g of svg.querySelectorAll('g.model')) {
      const m = g.getAttribute('data-id');
      g.classList.toggle('sel', m === id);
      g.classList.toggle('anc', up.has(m));
      g.classList.toggle('desc', down.has(m));
      g.classList.toggle('lit', m === id || up.has(m) || down.has(m));
    }
    for (const g of svg.querySelectorAll('g.edge[data-from]')) {
      const f = g.getAttribute('data-from');
      const t = g.getAttribute('data-to');
      const ok = allrel.checked || g.getAttribute('data-class') === 'lineage';
      const isUp = ok && up.has(f) && (t === id || up.has(t));
      const isDown = ok && down.has(t) && (f === id || down.has(f));
      g.classList.toggle('up', isUp);
      g.classList.toggle('down', isDown);
      g.classList.toggle('lit', isUp || isDown);
    }
    return { up, down };
  }

  function setHash(id) {
    const h = id ? '#' + encodeURIComponent(id) : '';
    if (location.hash === h || (!h && !location.hash)) return;
    try {
      history.replaceState(history.state, '', h || location.pathname + location.search);
    } catch (e) {
      location.hash = h; // some sandboxed frames refuse replaceState
    }
  }

  async function select(id, how) {
    how = how || {};
    if (data.large && st.drawnAround !== id) {
      const got = await drawAround(id);
      if (!got) return false;
      id = got;
    }
    const m = st.models.get(id);
    if (!m) return false;
    st.selected = id;
    const { up, down } = highlight();
    card(m, up, down);
    if (how.centre) centre(id);
    if (how.hash !== false) setHash(id);
    return true;
  }

  function clear() {
    st.selected = null;
    highlight();
    hint();
    setHash('');
  }

  // drawAround fetches and draws the neighbourhood of id (large datasets).
  async function drawAround(id) {
    status('Drawing the neighbourhood of ' + id + '…');
    try {
      const enc = encodeURIComponent(id);
      // Draw every relation around the model, for context; the lit lineage
      // follows the toggle as on a whole chart.
      const qs = '?depth=' + data.depth + '&relations=all';
      const [up, down] = await Promise.all([
        api('api/models/' + enc + '/ancestors' + qs).then((r) => r.json()),
        api('api/models/' + enc + '/descendants' + qs).then((r) => r.json()),
      ]);
      const ids = [up.model.id];
      const hops = up.models.concat(down.models).sort((a, b) => a.depth - b.depth);
      for (const h of hops) {
        if (ids.length >= data.maxModels) break;
        if (!ids.includes(h.id)) ids.push(h.id);
      }
      const list = 'api/render?models=' + ids.map(encodeURIComponent).join(',');
      const [svgText, sub] = await Promise.all([
        api(list + '&f=svg').then((r) => r.text()),
        api(list + '&f=json').then((r) => r.json()),
      ]);
      const doc = new DOMParser().parseFromString(svgText, 'image/svg+xml');
      const root = doc.documentElement;
      if (root.namespaceURI !== 'http://www.w3.org/2000/svg' || root.localName !== 'svg') throw new Error('the server sent no chart');
      loadData(sub);
      installSVG(document.importNode(root, true));
      st.drawnAround = up.model.id;
      return up.model.id;
    } catch (e) {
      status('Cannot draw ' + id + ': ' + e.message);
      return null;
    }
  }

  function status(text) {
    if (data.large && !st.svg) chart.replaceChildren(el('p', text, 'status'));
    else panel.replaceChildren(el('p', text, 'hint'));
  }

  // ---- the side panel ----

  function hint() {
    const p = el('p', data.large
      ? 'This dataset has ' + data.total + ' models, too many to draw at once: find a model to draw its neighbourhood.'
      : 'Click a model, or find one by name or alias, to light up where it comes from and what came from it.', 'hint');
    const keys = el('p', 'Drag or arrow keys to move, wheel or + and − to zoom, 0 to see everything.', 'hint');
    const out = [p, keys];
    // Suggest the models most others came from.
    const top = [...st.children.entries()].sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1)).slice(0, 6);
    if (top.length) {
      out.push(el('h3', 'Many models came from'));
      const ul = el('ul');
      for (const [id, es] of top) {
        const li = el('li');
        li.appendChild(modelLink(id));
        li.appendChild(el('span', ' · ' + es.length + ' derived or influenced', 'rel'));
        ul.appendChild(li);
      }
      out.push(ul);
    }
    panel.replaceChildren(...out);
  }

  function modelLink(id) {
    const a = el('a', nameOf(id));
    a.setAttribute('href', '#' + encodeURIComponent(id));
    a.setAttribute('data-id', id);
    return a;
  }

  function relationList(title, edges, end) {
    const frag = document.createDocumentFragment();
    frag.appendChild(el('h3', title + ' (' + edges.length + ')'));
    const ul = el('ul');
    for (const e of edges) {
      const li = el('li');
      li.appendChild(modelLink(e[end]));
      li.appendChild(el('span', ' · ' + e.relation, 'rel ' + (e.class === 'influence' ? 'influence' : 'lineage')));
      if (e.note) li.appendChild(el('span', e.note, 'note'));
      ul.appendChild(li);
    }
    frag.appendChild(ul);
    return frag;
  }

  function card(m, up, down) {
    const out = [el('h2', m.name)];
    if (m.id !== m.name) out.push(el('p', 'id: ' + m.id, 'id'));
    if (m.aliases && m.aliases.length) out.push(el('p', 'also: ' + m.aliases.join(', '), 'aliases'));
    const dl = el('dl');
    const facts = [
      ['Organisation', (m.org || []).join(', ')],
      ['Released', m.date],
      ['Size', (m.params || []).join(' / ')],
      ['Architecture', m.arch],
      ['Stage', m.stage],
      ['Access', m.access],
    ];
    for (const [k, v] of facts) {
      if (!v) continue;
      dl.appendChild(el('dt', k));
      dl.appendChild(el('dd', v));
    }
    const attrs = m.attrs || {};
    if (attrs.license || attrs.license_url) {
      dl.appendChild(el('dt', 'Licence'));
      const dd = el('dd', (attrs.license || 'terms of use').split(';').join(', '));
      if (m.license_family) dd.appendChild(el('span', ' · ' + m.license_family, 'rel'));
      if (isWebURL(attrs.license_url)) {
        const a = el('a', 'licence text');
        a.setAttribute('href', attrs.license_url);
        a.setAttribute('target', '_blank');
        a.setAttribute('rel', 'noopener noreferrer');
        dd.appendChild(document.createTextNode(' · '));
        dd.appendChild(a);
      }
      dl.appendChild(dd);
    }
    out.push(dl);
    if (m.description) out.push(el('p', m.description, 'desc'));
    if (isWebURL(m.url)) {
      const p = el('p', null, 'link');
      const a = el('a', m.url);
      a.setAttribute('href', m.url);
      a.setAttribute('target', '_blank');
      a.setAttribute('rel', 'noopener noreferrer');
      p.appendChild(a);
      out.push(p);
    }
    const counts = el('p', null, 'counts');
    const rels = allrel.checked ? 'all relations' : 'lineage relations';
    for (const [n, word, cls] of [[up.size, 'ancestor', 'anc'], [down.size, 'descendant', 'desc']]) {
      const line = el('span', null, 'count');
      line.appendChild(el('span', null, 'swatch sw-' + cls));
      line.appendChild(document.createTextNode(n + ' ' + word + (n === 1 ? '' : 's')));
      counts.appendChild(line);
    }
    counts.appendChild(el('span', 'following ' + rels, 'count'));
    out.push(counts);
    const ps = st.parents.get(m.id) || [];
    const cs = st.children.get(m.id) || [];
    if (ps.length) out.push(relationList('Comes from', ps, 'from'));
    if (cs.length) out.push(relationList('Led to', cs, 'to'));
    if (data.large) out.push(el('p', 'Drawn: ' + st.models.size + ' models around ' + nameOf(st.drawnAround) + '.', 'hint'));
    panel.replaceChildren(...out);
    panel.scrollTop = 0;
  }

  function results(text, ids) {
    const out = [el('h3', ids.length ? 'Models matching “' + text + '”' : 'No model matches “' + text + '”')];
    const ul = el('ul', null, 'results');
    for (const id of ids.slice(0, 50)) {
      const li = el('li');
      li.appendChild(modelLink(id));
      const m = st.models.get(id);
      if (m && m.org && m.org.length) li.appendChild(el('span', ' · ' + m.org.join(', '), 'rel'));
      ul.appendChild(li);
    }
    out.push(ul);
    panel.replaceChildren(...out);
  }

  // ---- search ----

  async function search(text) {
    text = text.trim();
    if (!text) return;
    let ids;
    if (data.large) {
      try {
        const r = await (await api('api/models?limit=50&q=' + encodeURIComponent(text))).json();
        ids = r.models.map((m) => m.id);
        for (const m of r.models) if (!st.models.has(m.id)) st.models.set(m.id, m);
      } catch (e) {
        status('Search failed: ' + e.message);
        return;
      }
    } else {
      ids = find(text);
    }
    if (ids.length === 1 || (ids.length > 1 && isExact(text, ids[0]) && !isExact(text, ids[1]))) {
      select(ids[0], { centre: true });
    } else {
      results(text, ids);
    }
  }

  function isExact(text, id) {
    const m = st.models.get(id);
    const n = norm(text);
    return !!m && (norm(m.id) === n || norm(m.name) === n || (m.aliases || []).some((a) => norm(a) === n));
  }

  // fromHash selects the model the URL fragment names (an id, name or alias).
  function fromHash() {
    let text = '';
    try {
      text = decodeURIComponent(location.hash.slice(1));
    } catch (e) {
      return;
    }
    if (!text) return;
    if (text === st.selected) return;
    if (st.models.has(text) || data.large) {
      select(text, { centre: true, hash: false });
      return;
    }
    const ids = find(text);
    if (ids.length) select(ids[0], { centre: true });
  }

  // ---- events ----

  document.getElementById('search').addEventListener('submit', (e) => {
    e.preventDefault();
    search(q.value);
  });
  q.addEventListener('change', () => { // a name picked from the list
    const ids = data.large ? [] : find(q.value);
    if (ids.length && isExact(q.value, ids[0])) select(ids[0], { centre: true });
  });
  document.getElementById('zoom-in').addEventListener('click', () => zoom(1.4));
  document.getElementById('zoom-out').addEventListener('click', () => zoom(1 / 1.4));
  document.getElementById('reset').addEventListener('click', () => reset());
  allrel.addEventListener('change', () => {
    if (!st.selected) return;
    select(st.selected, { hash: false });
  });
  window.addEventListener('hashchange', fromHash);

  panel.addEventListener('click', (e) => {
    const a = e.target.closest && e.target.closest('a[data-id]');
    if (!a || e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey) return;
    e.preventDefault();
    select(a.getAttribute('data-id'), { centre: true });
  });

  chart.addEventListener('wheel', (e) => {
    if (!st.svg) return;
    e.preventDefault();
    const unit = e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? 400 : 1;
    const dx = e.deltaX * unit;
    const dy = e.deltaY * unit;
    if (!e.ctrlKey && Math.abs(dx) > Math.abs(dy)) { // a trackpad's sideways swipe
      pan(dx * unitsPerPixel(), 0);
      return;
    }
    zoom(Math.exp(-dy * (e.ctrlKey ? 0.01 : 0.0015)), toUser(e.clientX, e.clientY));
  }, { passive: false });

  // Pointer events cover mouse, pen and touch: one pointer drags, two pinch, and
  // a press that barely moves is a click.
  const pointers = new Map();
  let press = null;
  chart.addEventListener('pointerdown', (e) => {
    if (!st.svg || (e.pointerType === 'mouse' && e.button !== 0)) return;
    pointers.set(e.pointerId, { x: e.clientX, y: e.clientY });
    if (pointers.size === 1) {
      const g = e.target.closest && e.target.closest('g.model');
      press = { x: e.clientX, y: e.clientY, id: g ? g.getAttribute('data-id') : null, moved: false };
    } else {
      press = null;
    }
    try { chart.setPointerCapture(e.pointerId); } catch (err) { /* ignore */ }
  });
  chart.addEventListener('pointermove', (e) => {
    const prev = pointers.get(e.pointerId);
    if (!prev) return;
    if (pointers.size === 1) {
      if (press && Math.hypot(e.clientX - press.x, e.clientY - press.y) > 4) press.moved = true;
      if (!press || press.moved) {
        chart.classList.add('dragging');
        const u = unitsPerPixel();
        pan(-(e.clientX - prev.x) * u, -(e.clientY - prev.y) * u);
      }
    } else if (pointers.size === 2) {
      const [a, b] = [...pointers.values()];
      const other = a === prev ? b : a;
      const before = Math.hypot(prev.x - other.x, prev.y - other.y);
      const after = Math.hypot(e.clientX - other.x, e.clientY - other.y);
      if (before > 0) zoom(after / before, toUser((e.clientX + other.x) / 2, (e.clientY + other.y) / 2));
    }
    pointers.set(e.pointerId, { x: e.clientX, y: e.clientY });
  });
  const up = (e) => {
    if (!pointers.delete(e.pointerId)) return;
    chart.classList.remove('dragging');
    if (e.type === 'pointerup' && press && !press.moved && pointers.size === 0) {
      if (press.id) select(press.id, {});
      else if (st.selected) clear();
    }
    if (pointers.size === 0) press = null;
  };
  chart.addEventListener('pointerup', up);
  chart.addEventListener('pointercancel', up);

  document.addEventListener('keydown', (e) => {
    const t = e.target;
    if (!st.svg || e.altKey || e.ctrlKey || e.metaKey) return;
    if (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable)) return;
    const step = 0.15;
    const v = st.vb;
    switch (e.key) {
      case '+': case '=': zoom(1.3); break;
      case '-': case '_': zoom(1 / 1.3); break;
      case '0': reset(); break;
      case 'ArrowLeft': pan(-v.w * step, 0); break;
      case 'ArrowRight': pan(v.w * step, 0); break;
      case 'ArrowUp': pan(0, -v.h * step); break;
      case 'ArrowDown': pan(0, v.h * step); break;
      case 'Escape': if (st.selected) clear(); break;
      case '/': q.focus(); break;
      default: return;
    }
    e.preventDefault();
  });

  let resizeTimer = 0;
  window.addEventListener('resize', () => {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(() => {
      if (!st.vb) return;
      const c = { x: st.vb.x + st.vb.w / 2, y: st.vb.y + st.vb.h / 2 };
      const w = st.vb.w;
      const h = (w * (chart.clientHeight || 1)) / (chart.clientWidth || 1);
      st.vb = { x: c.x - w / 2, y: c.y - h / 2, w, h };
      apply();
    }, 100);
  });

  // ---- start ----

  loadData(data);
  const first = chart.querySelector('svg');
  if (first) installSVG(first);
  else if (data.large) status('Find a model to draw its neighbourhood (' + data.total + ' models).');
  hint();
  if (location.hash) fromHash();
  // For tests and embedding pages: the explorer is ready, and how to drive it.
  window.lineageExplorer = { select: (id) => select(id, { centre: true }), search, ready: true };
  document.documentElement.setAttribute('data-ready', 'true');
})();
