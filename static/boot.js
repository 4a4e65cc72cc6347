// Runs before the page's wasm arrives: applies the theme the reader chose (so a dark reader
// never sees a light flash), and starts the engine's worker at once, so it loads and reads
// storage while the page's wasm is still on its way. Its first messages wait here until the
// page takes over (src/page/link.rs). Without this file the page starts the worker itself.
(() => {
  try {
    const theme = localStorage.getItem('feedreader.theme');
    if (theme === 'light' || theme === 'dark') document.documentElement.dataset.theme = theme;
  } catch (_) {
    // No storage for this page: the system's colours.
  }
  const script = document.getElementById('engine-script');
  if (!script || typeof Worker === 'undefined') return;
  try {
    const worker = new Worker(script.href, { type: 'module' });
    const early = [];
    worker.onmessage = (event) => early.push(event.data);
    window.feedreaderEngine = { worker, early };
  } catch (_) {
    // The page tries again, and says why if it cannot.
  }
})();
