// Runs before the page's wasm arrives:
// - applies the theme the reader chose, so a dark reader never sees a light flash;
// - starts the engine's worker, so it loads and reads storage while the page's wasm is still
//   arriving (its first messages wait here until the page takes over: src/page/link.rs);
// - on a first visit, fetches instead the recording of the engine's first answer (the
//   sample's first screen, a few kilobytes), which the page shows while the engine is on
//   its way, and leaves the bandwidth to the page's wasm before the engine's.
// - registers the service worker (offline, installable) and offers a new version when one is
//   ready (see the end);
// - on a device that has used the reader, puts back the last screen it showed (kept here as it
//   was left), in place of the sample's screen that index.html holds for a first visit: the
//   page's wasm takes either over once it has a list of its own (see the end).
// Without this file the page starts the worker itself, and works without a service worker.
//
// The page requires Trusted Types: the scripts started here are named through a policy of this
// file's own, `feedreader-boot`, which takes only the reader's own scripts (this origin, .js),
// and the last screen's markup, which only this file wrote (and checks again: see the end).
const [feedreaderScript, feedreaderScreen] = (() => {
  const own = (url) => {
    const address = new URL(url, location.href);
    if (address.origin !== location.origin || !address.pathname.endsWith('.js')) throw new TypeError(`not one of the reader's scripts: ${url}`);
    return address.href;
  };
  const markup = (html) => html;
  try {
    if (self.trustedTypes) {
      const policy = trustedTypes.createPolicy('feedreader-boot', { createScriptURL: own, createHTML: markup });
      return [(url) => policy.createScriptURL(url), (html) => policy.createHTML(html)];
    }
  } catch (_) {
    // The name is taken (this file ran twice): the browser will refuse what is not trusted.
  }
  return [own, markup];
})();

(() => {
  let started = true;
  try {
    const theme = localStorage.getItem('feedreader.theme');
    if (theme === 'light' || theme === 'dark') document.documentElement.dataset.theme = theme;
    // The reader has run here (or an earlier version left its data, to be moved over).
    started = localStorage.getItem('feedreader.started') !== null || localStorage.getItem('feedreader.feeds') !== null;
  } catch (_) {
    // No storage for this page: the system's colours, and no recording.
  }
  // The page's own files (index.html names them with rel="page"): fetched at once on a device
  // that has used the reader; on a first visit once the first screen is painted, so that
  // screen's stylesheet does not share the line with 300 KB of wasm.
  const pageFiles = [...document.querySelectorAll('link[rel="page"][data-rel]')];
  const fetchPage = () => pageFiles.forEach((link) => { link.rel = link.dataset.rel; });
  const afterFirstPaint = (then) => requestAnimationFrame(() => setTimeout(then, 0));
  if (started) fetchPage();
  else afterFirstPaint(fetchPage);
  const named = (id) => document.getElementById(id)?.href;
  const script = named('engine-script');
  if (!script || typeof Worker === 'undefined') return;
  const preload = (href, attributes) => {
    const link = Object.assign(document.createElement('link'), { href, ...attributes });
    document.head.append(link);
  };
  const startEngine = () => {
    // The engine's files all at once, rather than one after the other as the worker finds them.
    preload(named('engine-glue'), { rel: 'modulepreload' });
    preload(named('engine-wasm'), { rel: 'preload', as: 'fetch', type: 'application/wasm', crossOrigin: 'anonymous' });
    try {
      const worker = new Worker(feedreaderScript(script), { type: 'module' });
      const early = [];
      worker.onmessage = (event) => early.push(event.data);
      window.feedreaderEngine = { worker, early };
    } catch (_) {
      // The page tries again, and says why if it cannot.
    }
  };
  if (started) {
    startEngine();
    return;
  }
  const recording = named('first-visit');
  if (recording) {
    window.feedreaderFirstVisit = new Promise((resolve) => afterFirstPaint(resolve))
      .then(() => fetch(recording)).then((r) => (r.ok ? r.arrayBuffer() : null)).catch(() => null);
  }
  const pageWasm = pageFiles.find((link) => link.href.endsWith('_bg.wasm'));
  if (!pageWasm) {
    startEngine();
    return;
  }
  let going = false;
  const go = () => { if (!going) { going = true; startEngine(); } };
  pageWasm.addEventListener('load', go);
  pageWasm.addEventListener('error', go);
  // The page starts it too, when it runs first (src/page/link.rs).
  window.feedreaderStartEngine = go;
})();

// The service worker: registered once the page has shown its first screen (its copy of the
// app's files must not compete with what that screen needs), only on the web (an extension's
// files are local already). A new build's worker waits; the reader is told, and Reload lets
// it take over, then reloads, so a page never runs on the files of two builds.
(() => {
  if (!('serviceWorker' in navigator) || !/^https?:$/.test(location.protocol)) return;
  const container = navigator.serviceWorker;
  let reloading = false;
  const offer = (worker) => {
    const notice = document.getElementById('update');
    if (!notice) return;
    notice.hidden = false;
    notice.querySelector('button').onclick = () => {
      reloading = true;
      worker.postMessage('take-over');
    };
  };
  container.addEventListener('controllerchange', () => {
    if (reloading) location.reload();
  });
  const watch = (worker) => {
    if (!worker) return;
    worker.addEventListener('statechange', () => {
      if (worker.state === 'installed' && container.controller) offer(worker);
    });
  };
  const followed = new WeakSet();
  const follow = (registration) => {
    if (!registration || followed.has(registration)) return;
    followed.add(registration);
    if (registration.waiting && container.controller) offer(registration.waiting);
    watch(registration.installing);
    registration.addEventListener('updatefound', () => watch(registration.installing));
    // A reader who keeps the app open for days still hears of a new version: look again
    // when the page is shown, at most once an hour.
    let looked = Date.now();
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible' && Date.now() - looked > 3600e3) {
        looked = Date.now();
        registration.update().catch(() => {});
      }
    });
  };
  // A worker from an earlier visit checks for a new build on every navigation: hear of it
  // even if this build's page never gets as far as its first screen.
  const known = () => container.getRegistration().then(follow).catch(() => {});
  if (document.readyState === 'complete') known();
  else window.addEventListener('load', known, { once: true });
  window.addEventListener('feedreader-ready', () => {
    container.register(feedreaderScript('./sw.js')).then(follow).catch(() => {
      // No service worker (a private window, a blocked script): the page works as a web page.
    });
  }, { once: true });
})();

// The first screen before any wasm. index.html holds the sample's rows for a first visit
// (static/first-screen.html, the page's own markup, checked by tests/dist/first-screen.test.mjs).
// A device that has used the reader sees instead the screen it last showed: written here when
// the page is hidden or left (text only: no pictures, no article, no inline styles, rows made
// links), and put back as soon as the document is parsed. A screen from another build of the
// page, more than a week old, or unreadable is not used: the plain loading screen shows
// instead. The page takes either away when it has a list of its own (src/page/mod.rs).
(() => {
  const KEY = 'feedreader.screen';
  const WEEK = 7 * 86400e3;
  const build = document.querySelector('link[data-rel][href$="_bg.wasm"]')?.getAttribute('href');
  let started = false;
  try {
    started = localStorage.getItem('feedreader.started') !== null || localStorage.getItem('feedreader.feeds') !== null;
  } catch (_) {
    return;
  }
  const root = document.documentElement;
  if (started) root.dataset.returning = '';

  const place = () => (location.hash || '#/all').replace(/\/entry\/.*$/, '');
  const save = () => {
    try {
      const live = document.querySelector('#app > .app[data-ready]');
      // A search is not kept across a reload: neither is its screen.
      if (!live || !build || document.getElementById('search')?.value.trim()) return;
      const screen = live.cloneNode(false);
      screen.removeAttribute('data-ready');
      screen.setAttribute('data-static', '');
      for (const part of live.children) if (part.matches('.topbar, .panes')) screen.append(part.cloneNode(true));
      // The sidebar's rows below what was in sight (a library of 300 feeds) are left out.
      const sidebar = live.querySelector('.sidebar');
      if (sidebar) {
        const bottom = sidebar.getBoundingClientRect().bottom;
        const rows = [...sidebar.querySelectorAll('li')];
        const copies = [...screen.querySelectorAll('.sidebar li')];
        if (rows.length === copies.length) rows.forEach((row, i) => { if (row.getBoundingClientRect().top > bottom) copies[i].remove(); });
      }
      for (const gone of screen.querySelectorAll('.add-feed, form, .notice, dialog, .reader > *')) gone.remove();
      screen.querySelector('.reader')?.append(Object.assign(document.createElement('p'), { className: 'empty', textContent: 'Choose an entry to read it here.' }));
      screen.querySelector('.panes')?.classList.remove('reading');
      // Inline styles are the list's scroll offsets (and the page's policy refuses them in markup).
      for (const element of screen.querySelectorAll('[style]')) element.removeAttribute('style');
      for (const image of screen.querySelectorAll('img')) {
        if (!image.getAttribute('src')?.startsWith('data:')) image.replaceWith(Object.assign(document.createElement('span'), { className: `${image.className} none` }));
      }
      for (const row of screen.querySelectorAll('button.entry[data-key]')) {
        const link = document.createElement('a');
        for (const { name, value } of row.attributes) if (name !== 'type') link.setAttribute(name, value);
        link.setAttribute('href', `${place()}/entry/${row.dataset.key}`);
        link.append(...row.childNodes);
        row.replaceWith(link);
      }
      // The page's markers for its views' places (empty comments) mean nothing here.
      const comments = document.createTreeWalker(screen, NodeFilter.SHOW_COMMENT);
      const markers = [];
      while (comments.nextNode()) markers.push(comments.currentNode);
      markers.forEach((marker) => marker.remove());
      localStorage.setItem(KEY, JSON.stringify({ build, at: Date.now(), html: screen.outerHTML }));
    } catch (_) {
      // Full or refused storage: the next visit shows the loading screen.
    }
  };
  // Once each time the page is put away (leaving fires both pagehide and visibilitychange).
  let kept = false;
  const keep = () => {
    if (!kept) save();
    kept = true;
  };
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') keep();
    else kept = false;
  });
  window.addEventListener('pagehide', keep);
  window.addEventListener('pageshow', () => { kept = false; });

  const lastScreen = () => {
    try {
      const saved = JSON.parse(localStorage.getItem(KEY) ?? 'null');
      if (!saved || saved.build !== build || typeof saved.html !== 'string' || !(Date.now() - saved.at < WEEK)) return null;
      const template = document.createElement('template');
      template.innerHTML = feedreaderScreen(saved.html);
      const screen = template.content.firstElementChild;
      if (template.content.childElementCount !== 1 || !screen.matches('div.app[data-static]') || !screen.querySelector(':scope > .panes')) return null;
      // Only what this file writes: text, the page's classes, links within the reader.
      for (const gone of screen.querySelectorAll('script, style, link, meta, base, iframe, frame, object, embed, form, img:not([src^="data:"])')) gone.remove();
      for (const element of screen.querySelectorAll('*')) {
        for (const { name, value } of [...element.attributes]) {
          if (name.startsWith('on') || name === 'style' || (name === 'href' && !value.startsWith('#'))) element.removeAttribute(name);
        }
      }
      return document.importNode(screen, true);
    } catch (_) {
      return null;
    }
  };
  // Dates as the page words them (src/page/dates.rs): "3 hours ago", within a month; else the day.
  const reword = (screen) => {
    let relative, day;
    for (const time of screen.querySelectorAll('time[datetime]')) {
      const at = Date.parse(time.getAttribute('datetime'));
      if (Number.isNaN(at)) continue;
      const seconds = (at - Date.now()) / 1000;
      if (Math.abs(seconds) >= 30 * 86400) {
        day ??= new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
        time.textContent = day.format(at);
        continue;
      }
      const [size, unit] = [[604800, 'week'], [86400, 'day'], [3600, 'hour'], [60, 'minute']].find(([size]) => Math.abs(seconds) >= size) ?? [60, 'minute'];
      relative ??= new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
      time.textContent = relative.format(Math.trunc(seconds / size), unit);
    }
  };
  // The dates are worded once the browser's wording data is loaded, off this thread
  // (static/intl.js): until then the screen shows them as they were written.
  const wordingReady = new Promise((resolve) => {
    try {
      const worker = new Worker(feedreaderScript('./intl.js'));
      worker.onmessage = worker.onerror = () => resolve();
    } catch (_) {
      resolve();
    }
  });
  // Parsed, before the page's own scripts run.
  const show = () => {
    if (document.readyState === 'loading') return;
    document.removeEventListener('readystatechange', show);
    const sample = document.querySelector('#app > [data-static]');
    if (sample && started) {
      const screen = lastScreen() ?? document.getElementById('loading-screen')?.content.firstElementChild?.cloneNode(true);
      if (screen) sample.replaceWith(screen);
    }
    delete root.dataset.returning;
    wordingReady.then(() => {
      const screen = document.querySelector('#app > [data-static]');
      if (screen) reword(screen);
    });
  };
  document.addEventListener('readystatechange', show);
})();
