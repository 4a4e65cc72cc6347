// Runs before the page's wasm arrives:
// - applies the theme the reader chose, so a dark reader never sees a light flash;
// - starts the engine's worker, so it loads and reads storage while the page's wasm is still
//   arriving (its first messages wait here until the page takes over: src/page/link.rs);
// - on a first visit, fetches instead the recording of the engine's first answer (the
//   sample's first screen, a few kilobytes), which the page shows while the engine is on
//   its way, and leaves the bandwidth to the page's wasm before the engine's.
// - registers the service worker (offline, installable) and offers a new version when one is
//   ready (see the end).
// Without this file the page starts the worker itself, and works without a service worker.
//
// The page requires Trusted Types: the scripts started here are named through a policy of this
// file's own, `feedreader-boot`, which takes only the reader's own scripts (this origin, .js).
const feedreaderScript = (() => {
  const own = (url) => {
    const address = new URL(url, location.href);
    if (address.origin !== location.origin || !address.pathname.endsWith('.js')) throw new TypeError(`not one of the reader's scripts: ${url}`);
    return address.href;
  };
  try {
    if (self.trustedTypes) {
      const policy = trustedTypes.createPolicy('feedreader-boot', { createScriptURL: own });
      return (url) => policy.createScriptURL(url);
    }
  } catch (_) {
    // The name is taken (this file ran twice): the browser will refuse what is not trusted.
  }
  return own;
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
  if (recording) window.feedreaderFirstVisit = fetch(recording).then((r) => (r.ok ? r.arrayBuffer() : null)).catch(() => null);
  const pageWasm = document.querySelector('link[rel="preload"][href$="_bg.wasm"]');
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
