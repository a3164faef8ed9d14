'use strict';
// warta's report page. Everything it shows comes from the JSON data elements of this page and
// is put into the document as text nodes: no markup from data, links only to http(s).
(function () {
  const errors = document.getElementById('errors');
  function fail(message) {
    errors.hidden = false;
    errors.append(el('p', null, 'Error: ' + message));
  }
  window.addEventListener('error', (event) => fail(event.message));

  /** An element with attributes (class, title, data-*, event handlers) and children. */
  function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attributes || {})) {
      if (key === 'class') node.className = value;
      else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value);
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : String(child));
    }
    return node;
  }

  /** A link inside the page: `parts` are joined as a route after '#'. */
  function route(text, ...parts) {
    const a = el('a', null, text);
    a.href = '#' + parts.map(encodeURIComponent).join('/');
    return a;
  }

  /** A link to a source address: only http(s); anything else is shown as text. */
  function source(url) {
    if (typeof url !== 'string' || !/^https?:\/\//i.test(url)) {
      return url ? el('span', { class: 'url' }, url) : null;
    }
    const a = el('a', { class: 'url', rel: 'noopener noreferrer', target: '_blank' }, 'source');
    a.href = url;
    a.title = url;
    return a;
  }

  const data = JSON.parse(document.getElementById('warta-corpus').textContent);
  const texts = document.getElementsByClassName('warta-article');
  const articles = new Map(data.articles.map((a) => [a.id, a]));
  const actors = data.actors;
  const statements = data.statements;
  const PAGE = 20;
  const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

  function weekdayOf(iso) {
    const day = new Date(iso.slice(0, 10) + 'T00:00:00Z').getUTCDay();
    return WEEKDAYS[(day + 6) % 7];
  }

  function actorName(index) {
    return index === null || index === undefined ? '?' : actors[index].name;
  }

  function articleLink(id) {
    const article = articles.get(id);
    const label = article && article.title ? article.title : id;
    return route(label, 'article', id);
  }

  function articlesOf(statement) {
    return new Set(statement.reports.map((r) => r.article));
  }

  /** A list shown a page at a time, with a text filter; `render` draws one item. */
  function paged(container, items, render, search) {
    let page = 0;
    let shown = items;
    const list = el('div', { class: 'list' });
    const pager = el('div', { class: 'pager' });
    const count = el('span', { class: 'count' });
    function draw() {
      list.replaceChildren(...shown.slice(page * PAGE, (page + 1) * PAGE).map(render));
      const pages = Math.max(1, Math.ceil(shown.length / PAGE));
      count.textContent = `${shown.length} shown, page ${page + 1} of ${pages}`;
      pager.replaceChildren(
        el('button', { onclick: () => { if (page > 0) { page--; draw(); } } }, '‹ previous'),
        count,
        el('button', { onclick: () => { if (page + 1 < pages) { page++; draw(); } } }, 'next ›'),
      );
    }
    if (search) {
      const input = el('input', { type: 'search', placeholder: 'filter…', class: 'filter' });
      input.addEventListener('input', () => {
        const needle = input.value.trim().toLowerCase();
        shown = needle ? items.filter((item) => search(item).toLowerCase().includes(needle)) : items;
        page = 0;
        draw();
      });
      container.append(input);
    }
    container.append(pager, list);
    draw();
    return (filtered) => { shown = filtered; page = 0; draw(); };
  }

  // ---- claims: shared statements with their conflicts, and wrong weekdays ----

  const WORD = /([\p{L}\p{N}]+)/u;

  /** A wording with the words that not every report uses marked. */
  function markedWording(wording, common) {
    return wording.split(WORD).map((part, i) =>
      i % 2 === 1 && !common.has(part.toLowerCase()) ? el('mark', null, part) : part);
  }

  function claimCard(statement) {
    const words = statement.reports.map((r) =>
      new Set(r.wording.split(WORD).filter((_, i) => i % 2 === 1).map((w) => w.toLowerCase())));
    const common = words.reduce((a, b) => new Set([...a].filter((w) => b.has(w))));
    const badges = [];
    if (statement.attribution_conflict) badges.push(el('span', { class: 'badge conflict' }, 'attribution conflict'));
    if (statement.date_conflict) badges.push(el('span', { class: 'badge conflict' }, 'date conflict'));
    const outlets = `${statement.independent_outlets} independent outlet(s)` +
      (statement.unknown_outlet_reports ? `, ${statement.unknown_outlet_reports} report(s) of unknown outlet` : '');
    const earliest = statement.earliest_dated_report
      ? ['earliest dated report: ', articleLink(statement.earliest_dated_report)]
      : ['no dated report'];
    const rows = statement.reports.map((r) => {
      const article = articles.get(r.article) || {};
      const span = r.span ? route('in the text', 'article', r.article, ...r.span) : null;
      const speaker = r.actor === null ? r.speaker : route(r.speaker, 'actor', r.actor);
      return el('tr', null,
        el('td', null, article.outlet || el('em', null, 'unknown')),
        el('td', null, articleLink(r.article), ' ', source(article.url)),
        el('td', null, speaker),
        el('td', null, r.cue || ''),
        el('td', null, r.said_on ? `${r.said_on} (${r.said_on_from})` : '?'),
        el('td', { class: 'wording' }, markedWording(r.wording, common), ' ', span));
    });
    return el('article', { class: statement.attribution_conflict ? 'card conflict' : 'card' },
      el('h3', null, statement.text),
      el('p', { class: 'meta' }, badges, ` ${statement.kind} statement · ${outlets} · `, earliest),
      el('table', null,
        el('thead', null, el('tr', null, ['outlet', 'article', 'speaker', 'cue', 'said on', 'wording'].map((h) => el('th', null, h)))),
        el('tbody', null, rows)),
      statement.merged_because.length
        ? el('details', null, el('summary', null, 'why these reports are one statement'),
          el('ul', null, statement.merged_because.map((m) => el('li', null, m))))
        : null);
  }

  function weekdayList() {
    const items = data.weekday_mismatches.map((m) => {
      const likely = m.likely.map((d) => `${d} (${weekdayOf(d)})`).join(' or ');
      const where = m.span ? route('in the text', 'article', m.article, m.span.paragraph, m.span.start, m.span.end) : null;
      return el('li', { class: 'weekday' },
        el('q', null, m.text), ` in `, articleLink(m.article), ` — ${m.value} is a ${weekdayOf(m.value)}; `,
        el('strong', null, `likely ${likely}`), ' ', where);
    });
    return items.length ? el('ul', null, items) : el('p', null, 'Every weekday the articles name is the date\'s.');
  }

  function claimsView(view) {
    view.append(el('h2', null, 'Dates whose weekday is wrong'), weekdayList());
    const shared = statements.filter((s) => articlesOf(s).size > 1).sort((a, b) =>
      b.independent_outlets - a.independent_outlets || b.reports.length - a.reports.length ||
      (a.id < b.id ? -1 : 1));
    view.append(el('h2', null, `Statements carried by several articles (${shared.length})`));
    const only = el('input', { type: 'checkbox' });
    view.append(el('label', { class: 'toggle' }, only, ' conflicts only'));
    const show = paged(view, shared, claimCard,
      (s) => s.text + ' ' + s.reports.map((r) => `${r.speaker} ${r.outlet || ''} ${r.wording}`).join(' '));
    only.addEventListener('change', () =>
      show(only.checked ? shared.filter((s) => s.attribution_conflict || s.date_conflict) : shared));
  }

  // ---- disputes ----

  function statementLine(index) {
    const s = statements[index];
    const r = s.reports[0];
    return el('li', null, r.actor === null ? r.speaker : route(r.speaker, 'actor', r.actor),
      ': ', el('q', null, s.text), ' ', articleLink(r.article));
  }

  function disputesView(view) {
    view.append(el('h2', null, `Disputes (${data.disputes.length})`));
    paged(view, data.disputes, (d) => el('article', { class: 'card' },
      el('h3', null, `${d.kind}: ${actorName(d.petitioner)} v. ${actorName(d.respondent)}`),
      el('dl', null,
        el('dt', null, 'forum'), el('dd', null, d.forum === null ? '?' : route(actorName(d.forum), 'actor', d.forum)),
        el('dt', null, 'petitioner'), el('dd', null, d.petitioner === null ? '?' : route(actorName(d.petitioner), 'actor', d.petitioner)),
        el('dt', null, 'respondent'), el('dd', null, d.respondent === null ? '?' : route(actorName(d.respondent), 'actor', d.respondent)),
        el('dt', null, 'cases'), el('dd', null, d.cases.join(', ') || '—'),
        el('dt', null, 'articles'), el('dd', null, d.articles.map((a) => [articleLink(a), ' ']))),
      el('details', null, el('summary', null, `statements in its articles (${d.statements.length})`),
        el('ul', null, d.statements.slice(0, 200).map(statementLine)))),
    (d) => `${d.kind} ${actorName(d.petitioner)} ${actorName(d.respondent)} ${actorName(d.forum)} ${d.cases.join(' ')}`);
  }

  // ---- actors ----

  function actorCard(actor) {
    const index = actors.indexOf(actor);
    return el('article', { class: 'card' },
      el('h3', null, route(actor.name, 'actor', index), ' ', el('span', { class: `badge ${actor.kind}` }, actor.kind)),
      el('p', { class: 'meta' }, `${actor.articles.length} article(s), ${actor.said.length} statement(s); also written `,
        actor.forms.filter((f) => f !== actor.name).join(' · ') || '—'),
      actor.roles.length
        ? el('ul', null, actor.roles.map(([title, body, article]) =>
          el('li', null, title, body ? ` — ${body}` : '', ' (', articleLink(article), ')')))
        : null);
  }

  function actorsView(view) {
    const sorted = actors.slice().sort((a, b) => b.articles.length - a.articles.length || (a.name < b.name ? -1 : 1));
    view.append(el('h2', null, `People and institutions (${actors.length})`));
    const kind = el('select', null, ['all', 'person', 'institution'].map((k) => el('option', { value: k }, k)));
    view.append(el('label', { class: 'toggle' }, 'kind ', kind));
    const show = paged(view, sorted, actorCard, (a) => [a.name, ...a.forms].join(' '));
    kind.addEventListener('change', () => show(kind.value === 'all' ? sorted : sorted.filter((a) => a.kind === kind.value)));
  }

  function actorView(view, index) {
    const actor = actors[Number(index)];
    if (!actor) { view.append(el('p', null, 'No such actor.')); return; }
    view.append(actorCard(actor));
    view.append(el('h3', null, `What ${actor.name} said (${actor.said.length})`));
    paged(view, actor.said, (n) => {
      const s = statements[n];
      return el('div', { class: 'said' }, el('q', null, s.text), ' ',
        s.reports.filter((r) => r.actor === index || String(r.actor) === String(index))
          .map((r) => [el('span', { class: 'meta' }, `${r.cue || ''} · ${r.outlet || 'unknown outlet'} · `), articleLink(r.article), ' ']),
        s.attribution_conflict ? el('span', { class: 'badge conflict' }, 'attribution conflict') : null);
    }, (n) => statements[n].text);
    view.append(el('h3', null, `Articles that mention ${actor.name}`),
      el('ul', null, actor.articles.map((a) => el('li', null, articleLink(a)))));
  }

  // ---- articles ----

  function articlesView(view) {
    const list = data.articles;
    view.append(el('h2', null, `Articles (${list.length})`));
    paged(view, list, (a) => el('div', { class: 'row' }, articleLink(a.id), ' ',
      el('span', { class: 'meta' }, `${a.outlet || 'unknown outlet'} · ${a.published || 'no date'} · ${a.id}`), ' ', source(a.url)),
    (a) => `${a.title || ''} ${a.outlet || ''} ${a.id}`);
  }

  /** A paragraph with its marks: each stretch carries the classes of the marks that cover it. */
  function markedParagraph(text, marks, focus) {
    const chars = Array.from(text);
    const cuts = new Set([0, chars.length]);
    for (const [, start, end] of marks) { cuts.add(Math.min(start, chars.length)); cuts.add(Math.min(end, chars.length)); }
    if (focus) { cuts.add(Math.min(focus[0], chars.length)); cuts.add(Math.min(focus[1], chars.length)); }
    const points = [...cuts].sort((a, b) => a - b);
    const p = el('p');
    for (let i = 0; i + 1 < points.length; i++) {
      const [from, to] = [points[i], points[i + 1]];
      const piece = chars.slice(from, to).join('');
      const covering = marks.filter(([, start, end]) => start <= from && to <= end);
      const focused = focus && focus[0] <= from && to <= focus[1];
      if (!covering.length && !focused) { p.append(piece); continue; }
      const span = el('span', {
        class: covering.map(([, , , kind]) => `m-${kind}`).join(' ') + (focused ? ' focus' : ''),
        title: covering.map(([, , , kind, label]) => `${kind}: ${label}`).join('\n'),
      }, piece);
      p.append(span);
    }
    return p;
  }

  function articleView(view, id, paragraph, start, end) {
    const article = articles.get(id);
    if (!article) { view.append(el('p', null, 'No such article.')); return; }
    view.append(el('h2', null, article.title || id),
      el('p', { class: 'meta' }, `${article.outlet || 'unknown outlet'} · ${article.published || 'no date'} · ${id} `, source(article.url)));
    if (article.text === null || article.text === undefined || !texts[article.text]) {
      view.append(el('p', null, 'This run kept no text of the article.'));
      return;
    }
    const text = JSON.parse(texts[article.text].textContent);
    const legend = ['person', 'institution', 'date', 'wrong-weekday', 'register', 'quote']
      .map((k) => el('span', { class: `m-${k}` }, k));
    view.append(el('p', { class: 'legend' }, 'highlighted: ', legend));
    const focusParagraph = paragraph === undefined ? -1 : Number(paragraph);
    let focused = null;
    text.body.forEach((paragraphText, n) => {
      const marks = text.marks.filter((m) => m[0] === n);
      const focus = n === focusParagraph ? [Number(start), Number(end)] : null;
      const p = markedParagraph(paragraphText, marks, focus);
      if (focus) focused = p;
      view.append(p);
    });
    view.append(el('details', { class: 'audit' },
      el('summary', null, `removed by cleaning (${text.removed.length})`),
      el('table', null, text.removed.map((r) => el('tr', null, el('td', null, r.line), el('td', null, r.reason), el('td', null, r.text))))));
    if (focused) focused.scrollIntoView({ block: 'center' });
  }

  // ---- the graph ----

  const KINDS = ['person', 'institution', 'statement', 'dispute', 'case', 'article', 'outlet'];
  const nodes = data.graph_nodes;
  const edges = data.graph_edges;
  const incident = nodes.map(() => []);
  edges.forEach((e, n) => { incident[e[0]].push(n); incident[e[1]].push(n); });

  /** Positions by a force-directed layout, from a fixed start so the same graph looks the same. */
  function layout(chosen, links) {
    const n = chosen.length;
    const at = new Map(chosen.map((v, i) => [v, i]));
    const x = chosen.map((_, i) => Math.cos(2 * Math.PI * i / n) * 300);
    const y = chosen.map((_, i) => Math.sin(2 * Math.PI * i / n) * 300);
    const k = Math.sqrt((800 * 800) / Math.max(n, 1));
    for (let round = 0; round < 200; round++) {
      const dx = new Array(n).fill(0), dy = new Array(n).fill(0);
      for (let i = 0; i < n; i++) {
        for (let j = i + 1; j < n; j++) {
          const ox = x[i] - x[j], oy = y[i] - y[j];
          const d2 = Math.max(ox * ox + oy * oy, 1);
          const f = (k * k) / d2;
          dx[i] += ox * f; dy[i] += oy * f; dx[j] -= ox * f; dy[j] -= oy * f;
        }
      }
      for (const [s, t] of links) {
        const i = at.get(s), j = at.get(t);
        const ox = x[i] - x[j], oy = y[i] - y[j];
        const d = Math.max(Math.sqrt(ox * ox + oy * oy), 1);
        const f = d / k;
        dx[i] -= ox * f; dy[i] -= oy * f; dx[j] += ox * f; dy[j] += oy * f;
      }
      // a pull toward the middle keeps unconnected parts in view
      for (let i = 0; i < n; i++) {
        const d = Math.max(Math.sqrt(x[i] * x[i] + y[i] * y[i]), 1);
        const f = (d * d) / k * 0.08;
        dx[i] -= (x[i] / d) * f; dy[i] -= (y[i] / d) * f;
      }
      const step = 40 * (1 - round / 200) + 1;
      for (let i = 0; i < n; i++) {
        const d = Math.max(Math.sqrt(dx[i] * dx[i] + dy[i] * dy[i]), 1);
        x[i] += (dx[i] / d) * Math.min(d, step);
        y[i] += (dy[i] / d) * Math.min(d, step);
      }
    }
    return new Map(chosen.map((v, i) => [v, [x[i], y[i]]]));
  }

  function graphView(view, focusId) {
    const enabled = new Set(['person', 'institution', 'statement', 'dispute']);
    const controls = el('div', { class: 'controls' });
    const search = el('input', { type: 'search', placeholder: 'focus on a node (name or id)…', class: 'filter' });
    const panel = el('aside', { class: 'panel' }, 'Click a node to see its edges and their sources.');
    const svgNS = 'http://www.w3.org/2000/svg';
    const svg = document.createElementNS(svgNS, 'svg');
    svg.setAttribute('class', 'graph');
    const scene = document.createElementNS(svgNS, 'g');
    svg.append(scene);
    let focus = focusId ? nodes.findIndex((n) => n[0] === focusId) : -1;
    let view_box = [-500, -500, 1000, 1000];
    const setBox = () => svg.setAttribute('viewBox', view_box.join(' '));
    KINDS.forEach((kind) => {
      const box = el('input', { type: 'checkbox' });
      box.checked = enabled.has(kind);
      box.addEventListener('change', () => { if (box.checked) enabled.add(kind); else enabled.delete(kind); draw(); });
      controls.append(el('label', { class: `kind k-${kind}` }, box, ' ', kind));
    });
    search.addEventListener('change', () => {
      const needle = search.value.trim().toLowerCase();
      focus = needle ? nodes.findIndex((n) => n[0].toLowerCase() === needle || n[2].toLowerCase().includes(needle)) : -1;
      draw();
    });
    controls.append(search);
    view.append(el('h2', null, 'The graph'), controls, el('div', { class: 'graph-wrap' }, svg, panel));

    function chosenNodes() {
      const allowed = (v) => enabled.has(nodes[v][1]);
      if (focus >= 0) {
        const chosen = new Set([focus]);
        for (const e of incident[focus]) {
          const other = edges[e][0] === focus ? edges[e][1] : edges[e][0];
          if (allowed(other) && chosen.size < 150) chosen.add(other);
        }
        return [...chosen];
      }
      const degree = nodes.map((_, v) => incident[v].length);
      return nodes.map((_, v) => v).filter(allowed).sort((a, b) => degree[b] - degree[a] || a - b).slice(0, 120);
    }

    function showNode(v) {
      const rows = incident[v].slice(0, 300).map((e) => {
        const [s, t, kind, article] = edges[e];
        const other = s === v ? t : s;
        return el('li', null, s === v ? `${kind} → ` : `← ${kind} `,
          el('a', { href: '#', onclick: (event) => { event.preventDefault(); focus = other; draw(); } }, nodes[other][2] || nodes[other][0]),
          article ? [' (', articleLink(article), ')'] : null);
      });
      panel.replaceChildren(el('h3', null, nodes[v][2] || nodes[v][0]),
        el('p', { class: 'meta' }, `${nodes[v][1]} · ${nodes[v][0]} · ${incident[v].length} edge(s)`),
        el('ul', null, rows));
    }

    function draw() {
      const chosen = chosenNodes();
      const inside = new Set(chosen);
      const links = [];
      const seen = new Set();
      for (const v of chosen) {
        for (const e of incident[v]) {
          const [s, t] = edges[e];
          const key = s < t ? `${s}-${t}` : `${t}-${s}`;
          if (inside.has(s) && inside.has(t) && s !== t && !seen.has(key)) { seen.add(key); links.push([s, t, e]); }
        }
      }
      const at = layout(chosen, links);
      scene.replaceChildren();
      for (const [s, t, e] of links) {
        const line = document.createElementNS(svgNS, 'line');
        const [x1, y1] = at.get(s), [x2, y2] = at.get(t);
        line.setAttribute('x1', x1); line.setAttribute('y1', y1);
        line.setAttribute('x2', x2); line.setAttribute('y2', y2);
        line.setAttribute('class', `edge e-${edges[e][2]}`);
        scene.append(line);
      }
      for (const v of chosen) {
        const [x, y] = at.get(v);
        const g = document.createElementNS(svgNS, 'g');
        g.setAttribute('class', `node k-${nodes[v][1]}` + (v === focus ? ' focus' : ''));
        g.setAttribute('transform', `translate(${x.toFixed(1)},${y.toFixed(1)})`);
        const circle = document.createElementNS(svgNS, 'circle');
        circle.setAttribute('r', v === focus ? 12 : 8);
        const label = document.createElementNS(svgNS, 'text');
        label.setAttribute('x', 11);
        label.setAttribute('y', 4);
        const name = nodes[v][2] || nodes[v][0];
        label.textContent = name.length > 40 ? name.slice(0, 39) + '…' : name;
        const title = document.createElementNS(svgNS, 'title');
        title.textContent = name;
        g.append(circle, label, title);
        g.addEventListener('click', () => showNode(v));
        scene.append(g);
      }
      const xs = chosen.map((v) => at.get(v)[0]), ys = chosen.map((v) => at.get(v)[1]);
      if (chosen.length) {
        const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
        view_box = [minX - 60, minY - 60, maxX - minX + 320, maxY - minY + 120];
      }
      setBox();
      if (focus >= 0) showNode(focus);
    }

    // pan by dragging, zoom with the wheel
    let drag = null;
    svg.addEventListener('mousedown', (e) => { drag = [e.clientX, e.clientY, view_box[0], view_box[1]]; });
    window.addEventListener('mouseup', () => { drag = null; });
    svg.addEventListener('mousemove', (e) => {
      if (!drag) return;
      const scale = view_box[2] / svg.clientWidth;
      view_box[0] = drag[2] - (e.clientX - drag[0]) * scale;
      view_box[1] = drag[3] - (e.clientY - drag[1]) * scale;
      setBox();
    });
    svg.addEventListener('wheel', (e) => {
      e.preventDefault();
      const factor = e.deltaY > 0 ? 1.15 : 1 / 1.15;
      const [x, y, w, h] = view_box;
      view_box = [x + (w - w * factor) / 2, y + (h - h * factor) / 2, w * factor, h * factor];
      setBox();
    }, { passive: false });
    draw();
  }

  // ---- navigation ----

  const VIEWS = [
    ['claims', 'Claims', 'statements several articles carry, their conflicts, wrong weekdays'],
    ['disputes', 'Disputes', 'each dispute with its forum, cases, parties and statements'],
    ['actors', 'Actors', 'people and institutions: names, roles, what they said, where'],
    ['graph', 'Graph', 'the graph to explore: filter by kind, click a node for its edges'],
    ['articles', 'Articles', 'each article with what was found in it and what cleaning removed'],
  ];
  const tabs = document.getElementById('tabs');
  tabs.append(...VIEWS.map(([key, name, help]) => route(name, key)).map((a, i) => { a.title = VIEWS[i][2]; return a; }));
  const view = document.getElementById('view');

  function show() {
    const parts = location.hash.slice(1).split('/').map(decodeURIComponent);
    const name = parts[0] || 'claims';
    view.replaceChildren();
    for (const a of tabs.children) a.classList.toggle('active', a.hash === '#' + name || (name === 'actor' && a.hash === '#actors') || (name === 'article' && a.hash === '#articles'));
    const summary = `${data.articles.length} articles · ${actors.length} actors · ${statements.length} statements · ${data.disputes.length} disputes`;
    view.append(el('p', { class: 'summary' }, summary));
    if (name === 'disputes') disputesView(view);
    else if (name === 'actors') actorsView(view);
    else if (name === 'actor') actorView(view, parts[1]);
    else if (name === 'graph') graphView(view, parts[1]);
    else if (name === 'articles') articlesView(view);
    else if (name === 'article') articleView(view, parts[1], parts[2], parts[3], parts[4]);
    else claimsView(view);
  }
  window.addEventListener('hashchange', show);
  show();
})();
