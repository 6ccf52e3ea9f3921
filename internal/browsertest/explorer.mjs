// explorer.mjs drives lineage's interactive explorer in headless Chromium for
// explorer_test.go, the way a reader uses it, and prints what it saw as one
// JSON object on stdout.
//
//   node explorer.mjs explore URL SHOTDIR [WRAPPER_URL]
//       search 羊驼, find and click ChatGPT, follow a parent link, open URL#gpt-3,
//       screenshots at desktop and phone width, and (WRAPPER_URL) the page in
//       an iframe
//   node explorer.mjs hostile URL
//       click every model, search every name, and report whether any injected
//       script ran and which links the page holds
//
// Chromium is /usr/bin/chromium unless CHROMIUM names another. Only file:// and
// 127.0.0.1 URLs may load: the page must need nothing from the network.
import { chromium } from 'playwright-core';

const [mode, url, shotdir, wrapper] = process.argv.slice(2);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run'],
});

const errors = [];
const requests = [];

async function newPage(width, height) {
  const page = await browser.newPage({ viewport: { width, height } });
  page.on('pageerror', (e) => errors.push('pageerror: ' + e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push('console: ' + m.text()); });
  page.on('dialog', (d) => { errors.push('dialog: ' + d.message()); d.dismiss(); });
  await page.route('**/*', (route) => {
    const u = route.request().url();
    if (u.startsWith('file:') || u.startsWith('http://127.0.0.1') || u.startsWith('data:') || u === 'about:blank') {
      requests.push(u);
      return route.continue();
    }
    errors.push('blocked request: ' + u);
    return route.abort();
  });
  return page;
}

async function ready(page) {
  await page.waitForSelector('html[data-ready]', { timeout: 15000 });
}

// state reports what the page shows as selected and lit.
async function state(page) {
  await page.waitForTimeout(50);
  return page.evaluate(() => {
    const ids = (sel) => [...document.querySelectorAll(sel)].map((g) => g.getAttribute('data-id')).sort();
    return {
      selected: ids('g.model.sel'),
      ancestors: ids('g.model.anc'),
      descendants: ids('g.model.desc'),
      litEdges: document.querySelectorAll('g.edge.lit').length,
      card: (document.querySelector('#panel h2') || {}).textContent || '',
      panel: document.getElementById('panel').textContent,
      hash: location.hash,
      models: document.querySelectorAll('g.model').length,
    };
  });
}

// waitSelected waits until the model id is the selection.
async function waitSelected(page, id) {
  try {
    await page.waitForFunction((id) => {
      const g = document.querySelector('g.model.sel');
      return g && g.getAttribute('data-id') === id;
    }, id, { timeout: 15000 });
  } catch (e) {
    errors.push('timed out waiting for ' + id + ' to be selected');
  }
}

async function search(page, text) {
  await page.fill('#q', text);
  await page.press('#q', 'Enter');
}

async function explore() {
  const out = {};
  const page = await newPage(1280, 800);
  await page.goto(url);
  await ready(page);
  out.initial = await state(page);

  await search(page, '羊驼');
  await waitSelected(page, 'alpaca');
  out.yangtuo = await state(page);

  // Find ChatGPT, then click its box in the chart like a reader.
  await search(page, 'chatgpt');
  await waitSelected(page, 'chatgpt');
  await page.focus('#chart');
  await page.keyboard.press('Escape'); // clears the selection
  out.cleared = await state(page);
  await search(page, 'ChatGPT');
  await waitSelected(page, 'chatgpt');
  await page.locator('g.model[data-id="chatgpt"]').click();
  await waitSelected(page, 'chatgpt');
  out.chatgpt = await state(page);
  out.chatgptBox = await page.locator('g.model[data-id="chatgpt"]').boundingBox();
  await page.screenshot({ path: shotdir + '/desktop.png' });

  // Follow the first parent link of the card.
  const link = page.locator('#panel a[data-id]').first();
  out.followed = await link.getAttribute('data-id');
  out.followedHref = await link.getAttribute('href');
  await link.click();
  await waitSelected(page, out.followed);
  out.afterLink = await state(page);

  // A shared link: open the page at #gpt-3, then change the fragment.
  const fresh = await newPage(1280, 800);
  await fresh.goto(url.split('#')[0] + '#gpt-3');
  await ready(fresh);
  await waitSelected(fresh, 'gpt-3');
  out.fragment = await state(fresh);
  await fresh.evaluate(() => { location.hash = '#llama'; });
  await waitSelected(fresh, 'llama');
  out.hashchange = await state(fresh);

  // Pan and zoom change the view box; reset brings back the first one.
  const vb = () => fresh.evaluate(() => document.querySelector('#chart svg').getAttribute('viewBox'));
  await fresh.click('#reset');
  const home = await vb();
  await fresh.mouse.move(640, 400);
  await fresh.mouse.wheel(0, -300);
  const zoomed = await vb();
  await fresh.focus('#chart');
  await fresh.keyboard.press('ArrowRight');
  const panned = await vb();
  await fresh.keyboard.press('0');
  out.view = { home, zoomed, panned, reset: await vb() };

  // A phone: the card below the chart.
  const phone = await newPage(390, 844);
  await phone.goto(url.split('#')[0] + '#chatgpt');
  await ready(phone);
  await waitSelected(phone, 'chatgpt');
  out.phone = await state(phone);
  out.phoneLayout = await phone.evaluate(() => {
    const c = document.getElementById('chart').getBoundingClientRect();
    const p = document.getElementById('panel').getBoundingClientRect();
    return { chartBottom: c.bottom, panelTop: p.top, panelWidth: p.width, chartWidth: c.width, scrollWidth: document.documentElement.scrollWidth };
  });
  await phone.screenshot({ path: shotdir + '/phone.png', fullPage: true });

  if (wrapper) {
    const host = await newPage(1000, 700);
    await host.goto(wrapper);
    const frame = host.frameLocator('iframe');
    await frame.locator('html[data-ready]').waitFor({ timeout: 15000 });
    await frame.locator('g.model.sel[data-id="chatgpt"]').waitFor({ timeout: 15000 });
    await frame.locator('#q').fill('羊驼');
    await frame.locator('#q').press('Enter');
    await frame.locator('g.model.sel[data-id="alpaca"]').waitFor({ timeout: 15000 });
    out.iframe = { card: await frame.locator('#panel h2').textContent() };
    await host.screenshot({ path: shotdir + '/iframe.png' });
  }
  return out;
}

async function hostile() {
  const page = await newPage(1280, 800);
  await page.goto(url);
  await ready(page);
  const ids = await page.evaluate(() => [...document.querySelectorAll('g.model')].map((g) => g.getAttribute('data-id')));
  const cards = [];
  for (const id of ids) {
    await page.evaluate((id) => window.lineageExplorer.select(id), id);
    await waitSelected(page, id);
    await page.locator('#reset').click();
    const g = page.locator('g.model.sel');
    await g.click({ force: true });
    cards.push(await page.evaluate(() => document.querySelector('#panel h2').textContent));
    // Hover and click every link-like thing in the card except real links.
    for (const a of await page.locator('#panel a[data-id]').all()) await a.hover();
  }
  const names = await page.evaluate(() => JSON.parse(document.getElementById('lineage-data').textContent).nodes.map((n) => n.name));
  for (const n of names) {
    await search(page, n);
    await page.waitForTimeout(30);
  }
  await page.waitForTimeout(200);
  const report = await page.evaluate(() => {
    const links = [];
    for (const e of document.querySelectorAll('*')) {
      for (const a of e.getAttributeNames()) {
        const v = e.getAttribute(a);
        if (/href$/i.test(a) || /^\s*(javascript|data|vbscript):/i.test(v)) links.push({ tag: e.tagName, attr: a, value: v });
      }
    }
    return {
      pwned: typeof window.__pwned === 'undefined' ? null : String(window.__pwned),
      scripts: document.scripts.length,
      links,
      handlers: [...document.querySelectorAll('*')].flatMap((e) => e.getAttributeNames().filter((a) => /^on/i.test(a)).map((a) => e.tagName + ' ' + a)),
    };
  });
  return { ids, cards, names, ...report };
}

let result;
try {
  result = mode === 'explore' ? await explore() : mode === 'hostile' ? await hostile() : null;
  if (!result) throw new Error('usage: node explorer.mjs explore|hostile URL ...');
} catch (e) {
  result = { fatal: String(e && e.stack || e) };
} finally {
  await browser.close();
}
console.log(JSON.stringify({ ...result, errors, requests: requests.length }));
