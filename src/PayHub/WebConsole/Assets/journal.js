// The journal's live tail: each entry the server streams (server-sent events) is added at the top of the list.
(() => {
  const table = document.getElementById('journal');
  const state = document.getElementById('live-state');
  if (!table || !window.EventSource) return;
  const body = table.tBodies[0];
  const time = (at) => at.length >= 23 ? at.slice(0, 10) + ' ' + at.slice(11, 23) : at;
  const source = new EventSource(table.dataset.stream);
  source.addEventListener('open', () => {
    table.dataset.live = 'on';
    state.textContent = 'Live: new entries appear at the top as they are written.';
  });
  source.addEventListener('error', () => {
    table.dataset.live = 'off';
    state.textContent = 'The live tail lost the server and is reconnecting…';
  });
  source.addEventListener('entry', (event) => {
    const entry = JSON.parse(event.data);
    if (body.querySelector('tr[data-id="' + entry.id + '"]')) return;
    const row = document.createElement('tr');
    row.dataset.id = entry.id;
    if (entry.refusedBy) row.className = 'refused';
    const first = document.createElement('td');
    const link = document.createElement('a');
    link.href = '/console/journal/' + entry.id;
    link.textContent = time(entry.at);
    first.append(link);
    row.append(first);
    for (const value of [entry.family, entry.operation, entry.caller, entry.code, entry.status, entry.refusedBy, entry.latencyMs, entry.node]) {
      const cell = document.createElement('td');
      cell.textContent = value;
      row.append(cell);
    }
    body.prepend(row);
    while (body.rows.length > 500) body.deleteRow(-1);
  });
})();
