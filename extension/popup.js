// The toolbar button's menu: open the reader in a tab, or open it at the preview of the
// current tab's address, where the reader's discovery finds the page's feeds. The tab's
// address is all it reads (activeTab); nothing runs in the page itself.
const api = globalThis.browser ?? globalThis.chrome;
const reader = api.runtime.getURL('index.html');

async function open(url) {
  await api.tabs.create({ url });
  window.close();
}

document.querySelector('.open-reader').addEventListener('click', () => open(reader));

document.querySelector('.subscribe').addEventListener('click', async () => {
  const [tab] = await api.tabs.query({ active: true, currentWindow: true });
  const address = tab?.url ?? '';
  if (!/^https?:\/\//.test(address)) {
    document.querySelector('.said').textContent = 'This tab has no web address to look for feeds at.';
    return;
  }
  await open(`${reader}?add=${encodeURIComponent(address)}`);
});
