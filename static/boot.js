// Runs before the page's wasm arrives:
// - applies the theme the reader chose, so a dark reader never sees a light flash;
// - starts the engine's worker, so it loads and reads storage while the page's wasm is still
//   arriving (its first messages wait here until the page takes over: src/page/link.rs);
// - on a first visit, fetches instead the recording of the engine's first answer (the
//   sample's first screen, a few kilobytes), which the page shows while the engine is on
//   its way, and leaves the bandwidth to the page's wasm before the engine's.
// Without this file the page starts the worker itself.
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
      const worker = new Worker(script, { type: 'module' });
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
