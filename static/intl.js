// Loads the browser's date-wording data (ICU) on a thread of its own. The first Intl formatter
// a page makes costs 15–30 ms (four times that on a phone) while that data loads, and the
// data is shared by the whole tab: made here first, the page's own formatters (boot.js's dates,
// then the page's) cost a fraction of a millisecond, and no task on the page waits for it.
new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' }).format(0);
new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' }).format(-1, 'day');
postMessage('ready');
close();
