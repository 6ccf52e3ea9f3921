// check.mjs drives headless Chromium for the Go tests in this directory.
//
//   node check.mjs mermaid FILE.mmd...   render each file with the real Mermaid
//   node check.mjs svgfit FILE.svg...    measure each node's text against its shape
//
// It prints one JSON object per file on stdout. Chromium is /usr/bin/chromium
// unless CHROMIUM names another.
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
const [mode, ...files] = process.argv.slice(2);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run'],
});
try {
  const page = await browser.newPage();
  // GitHub limits Mermaid to 500 edges and 50,000 characters; the Go test checks
  // those limits itself, so here Mermaid gets room to parse any chart.
  // Nothing may be fetched from the network: the charts and Mermaid are local.
  await page.route('**/*', (route) => route.request().url().startsWith('data:') || route.request().url() === 'about:blank'
    ? route.continue() : route.abort());
  if (mode === 'mermaid') {
    await page.setContent('<!doctype html><meta charset="utf-8"><body></body>');
    await page.addScriptTag({ content: readFileSync(path.join(here, 'node_modules/mermaid/dist/mermaid.min.js'), 'utf8') });
    await page.evaluate(() => window.mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', maxEdges: 100000, maxTextSize: 10000000 }));
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const result = await page.evaluate(async (text) => {
        try {
          await window.mermaid.parse(text);
          const { svg } = await window.mermaid.render('chart' + Math.random().toString(36).slice(2), text);
          const div = document.createElement('div');
          div.innerHTML = svg;
          document.body.appendChild(div);
          const counts = {
            nodes: div.querySelectorAll('g.node').length,
            edges: div.querySelectorAll('g.edgePaths > path, path.flowchart-link').length,
            labels: [...div.querySelectorAll('g.node')].map((n) => n.textContent.trim()),
          };
          div.remove();
          return { ok: true, ...counts, error: /Syntax error|Parse error/i.test(svg) ? 'error diagram' : '' };
        } catch (e) {
          return { ok: false, error: String(e && e.message || e) };
        }
      }, text);
      console.log(JSON.stringify({ file, ...result }));
    }
  } else if (mode === 'svgfit') {
    for (const file of files) {
      const svg = readFileSync(file, 'utf8').replace(/^<\?xml[^>]*>\s*/, '').replace(/<!DOCTYPE[^>]*>\s*/, '');
      await page.setContent('<!doctype html><meta charset="utf-8"><body style="margin:0">' + svg + '</body>');
      const result = await page.evaluate(() => {
        const nodes = [...document.querySelectorAll('g.node')];
        const overflows = [];
        let texts = 0;
        for (const g of nodes) {
          // The node's shape is what Graphviz draws before its label; a plaintext
          // node (an HTML table, an axis label) has none and no box to fit.
          const first = g.querySelector('polygon, path, ellipse, polyline, text');
          if (!first || first.tagName === 'text') continue;
          const box = first.getBBox();
          const lo = box.x, hi = box.x + box.width;
          for (const t of g.querySelectorAll('text')) {
            if (!t.textContent.trim()) continue;
            texts++;
            const b = t.getBBox();
            if (b.x < lo - 0.5 || b.x + b.width > hi + 0.5) {
              overflows.push({ node: g.querySelector('title')?.textContent, text: t.textContent,
                text_x: [b.x, b.x + b.width], shape_x: [lo, hi] });
            }
          }
        }
        return { nodes: nodes.length, texts, overflows };
      });
      console.log(JSON.stringify({ file, ...result }));
    }
  } else {
    throw new Error('usage: node check.mjs mermaid|svgfit FILE...');
  }
} finally {
  await browser.close();
}
