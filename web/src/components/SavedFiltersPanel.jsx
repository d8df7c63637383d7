import { useEffect, useState } from 'react';
import { api } from '../services/api.js';
import Field from './Field.jsx';
import Notice from './Notice.jsx';
import { ReligionField } from './ProfileFields.jsx';

const EMPTY = { minAge: '', maxAge: '', religion: '', motherTongue: '', city: '', education: '' };

/** The saved filters in words: "25–32 years · Hindu · Marathi · Pune · B.Tech", or null for none. */
export function filtersSummary(f) {
  if (!f) return null;
  const age =
    f.minAge != null && f.maxAge != null
      ? `${f.minAge}–${f.maxAge} years`
      : f.minAge != null
        ? `${f.minAge}+ years`
        : f.maxAge != null
          ? `up to ${f.maxAge} years`
          : null;
  const parts = [age, f.religion, f.motherTongue, f.city, f.education].filter(Boolean);
  return parts.length ? parts.join(' · ') : null;
}

function toDraft(f) {
  const d = { ...EMPTY };
  for (const k of Object.keys(EMPTY)) if (f?.[k] != null) d[k] = String(f[k]);
  return d;
}

function toBody(d) {
  const body = {};
  for (const k of Object.keys(EMPTY)) {
    const v = d[k].trim();
    body[k] = v === '' ? null : k.endsWith('Age') ? Number(v) : v;
  }
  return body;
}

/**
 * The dashboard's saved filters: what they are, and a form to change or clear them. They are
 * kept on the server, so they follow the member to every device; `onSaved(filters)` reloads.
 */
export default function SavedFiltersPanel({ filters, onSaved }) {
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState(() => toDraft(filters));
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const summary = filtersSummary(filters);

  useEffect(() => {
    if (!open) setDraft(toDraft(filters));
  }, [filters, open]);

  async function save(body) {
    setBusy(true);
    setError(null);
    try {
      const saved = body ? await api.saveFilters(body) : (await api.clearFilters(), null);
      setOpen(false);
      onSaved(saved);
    } catch (err) {
      setError(err.message);
    } finally {
      setBusy(false);
    }
  }

  const set = (k) => (e) => setDraft({ ...draft, [k]: e.target.value });

  return (
    <section className="saved-filters card" aria-labelledby="saved-filters-title" data-testid="saved-filters">
      <div className="saved-filters__bar">
        <div className="saved-filters__text">
          <h2 id="saved-filters-title" className="saved-filters__title">
            My filters
          </h2>
          <p className="saved-filters__summary" data-testid="saved-filters-summary">
            {summary ?? 'None: showing everyone'}
          </p>
        </div>
        <button
          type="button"
          className="button button--ghost button--small"
          aria-expanded={open}
          aria-controls="saved-filters-form"
          onClick={() => setOpen(!open)}
        >
          {open ? 'Close' : summary ? 'Edit filters' : 'Set filters'}
        </button>
      </div>
      {open && (
        <form
          id="saved-filters-form"
          className="saved-filters__form"
          aria-label="My filters"
          onSubmit={(e) => {
            e.preventDefault();
            save(toBody(draft));
          }}
        >
          <Field label="From age" type="number" min={18} max={100} inputMode="numeric" value={draft.minAge} onChange={set('minAge')} />
          <Field label="To age" type="number" min={18} max={100} inputMode="numeric" value={draft.maxAge} onChange={set('maxAge')} />
          <ReligionField none="Any" value={draft.religion} onChange={set('religion')} />
          <Field label="Mother tongue" value={draft.motherTongue} onChange={set('motherTongue')} placeholder="Any" maxLength={40} />
          <Field label="City" value={draft.city} onChange={set('city')} placeholder="Any" maxLength={80} />
          <Field label="Education" value={draft.education} onChange={set('education')} placeholder="e.g. B.Tech, MBBS" maxLength={120} />
          <div className="saved-filters__actions">
            <button type="submit" className="button button--primary" disabled={busy}>
              Save filters
            </button>
            <button type="button" className="button button--ghost" disabled={busy || !summary} onClick={() => save(null)}>
              Clear filters
            </button>
          </div>
          <Notice>{error}</Notice>
        </form>
      )}
    </section>
  );
}
