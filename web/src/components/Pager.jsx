/** Previous / next for a paged list, with "21–40 of 41". */
export default function Pager({ page, size, total, onPage, label = 'Pages' }) {
  if (!total || total <= size) return null;
  const last = Math.max(0, Math.ceil(total / size) - 1);
  const from = page * size + 1;
  const to = Math.min(total, (page + 1) * size);
  return (
    <nav className="pager" aria-label={label}>
      <button type="button" className="button button--ghost" disabled={page <= 0} onClick={() => onPage(page - 1)}>
        ← Previous
      </button>
      <span className="pager__range">
        {from}–{to} of {total}
      </span>
      <button type="button" className="button button--ghost" disabled={page >= last} onClick={() => onPage(page + 1)}>
        Next →
      </button>
    </nav>
  );
}
