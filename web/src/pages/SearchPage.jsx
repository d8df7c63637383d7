import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../services/api.js';
import { usePageTitle } from '../hooks/useDocumentTitle.js';
import presenceStore from '../services/presenceStore.js';
import { usePresence } from '../hooks/usePresence.js';
import useNow from '../hooks/useNow.js';
import { presenceKind, presenceLabel } from '../utils/presenceText.js';
import Avatar from '../components/Avatar.jsx';
import StatusBulb from '../components/StatusBulb.jsx';
import Field from '../components/Field.jsx';
import Pager from '../components/Pager.jsx';
import Spinner from '../components/Spinner.jsx';
import Notice from '../components/Notice.jsx';
import EmptyState from '../components/EmptyState.jsx';
import { ReligionField } from '../components/ProfileFields.jsx';

const PAGE_SIZE = 20;
const FILTER_KEYS = ['minAge', 'maxAge', 'gender', 'city', 'religion', 'motherTongue', 'education', 'q', 'online'];
const SAVED_KEYS = ['minAge', 'maxAge', 'city', 'religion', 'motherTongue', 'education'];

function filtersFrom(params) {
  const f = {};
  for (const key of FILTER_KEYS) f[key] = params.get(key) ?? '';
  f.online = f.online === 'true';
  return f;
}

/** Filters live in the URL, so a search can be bookmarked, shared and navigated back to. */
export default function SearchPage() {
  usePageTitle('Search');
  const [params, setParams] = useSearchParams();
  const applied = filtersFrom(params);
  const page = Math.max(0, Number(params.get('page')) || 0);
  const [draft, setDraft] = useState(applied);
  const [result, setResult] = useState(null);
  const [error, setError] = useState(null);
  const [loading, setLoading] = useState(false);
  // On phones the detailed filters fold away so the results are on the first screen.
  const [filtersOpen, setFiltersOpen] = useState(false);
  const activeFilters = ['minAge', 'maxAge', 'gender', ...SAVED_KEYS.slice(2)].filter((k) => applied[k]).length;
  const [savedNotice, setSavedNotice] = useState(null);
  const now = useNow(30_000);
  const key = params.toString();

  useEffect(() => {
    setDraft(filtersFrom(params));
    let cancelled = false;
    const requestedAt = Date.now();
    setLoading(true);
    setError(null);
    const f = filtersFrom(params);
    api
      .search({ ...f, online: f.online ? 'true' : '' }, page, PAGE_SIZE)
      .then((data) => {
        if (cancelled) return;
        presenceStore.seedProfiles(data.items, requestedAt);
        setResult(data);
      })
      .catch((err) => !cancelled && setError(err.message))
      .finally(() => !cancelled && setLoading(false));
    return () => {
      cancelled = true;
    };
  }, [key]); // eslint-disable-line react-hooks/exhaustive-deps

  function apply(next, nextPage = 0) {
    const out = {};
    for (const k of FILTER_KEYS) {
      const v = next[k];
      if (k === 'online') {
        if (v) out.online = 'true';
      } else if (String(v ?? '').trim()) {
        out[k] = String(v).trim();
      }
    }
    if (nextPage) out.page = String(nextPage);
    setParams(out);
  }

  const set = (k) => (e) => setDraft({ ...draft, [k]: e.target.type === 'checkbox' ? e.target.checked : e.target.value });

  /** Searches with the filters saved on the dashboard (the rest of the form stays). */
  async function applySaved() {
    setSavedNotice(null);
    try {
      const saved = await api.filters();
      const next = { ...draft };
      for (const k of SAVED_KEYS) next[k] = saved[k] == null ? '' : String(saved[k]);
      if (SAVED_KEYS.every((k) => saved[k] == null)) {
        setSavedNotice('You have no saved filters yet: set them on the dashboard.');
        return;
      }
      setDraft(next);
      apply(next);
    } catch (err) {
      setSavedNotice(err.message);
    }
  }

  return (
    <main className="page page--search" id="main">
      <h1 className="page-title">Search</h1>
      <div className="search-layout">
        <form
          className={`card filters ${filtersOpen ? 'filters--open' : ''}`}
          aria-label="Search filters"
          onSubmit={(e) => {
            e.preventDefault();
            setFiltersOpen(false);
            apply(draft);
          }}
        >
          <Field label="Name, job, interests" type="search" placeholder="e.g. doctor, trekking" value={draft.q} onChange={set('q')} className="field--wide" />
          <button type="button" className="button button--ghost filters__saved" onClick={applySaved} data-testid="use-saved-filters">
            Use my saved filters
          </button>
          <Notice kind="info">{savedNotice}</Notice>
          <button
            type="button"
            className="button button--ghost filters__toggle"
            aria-expanded={filtersOpen}
            aria-controls="more-filters"
            onClick={() => setFiltersOpen(!filtersOpen)}
          >
            {filtersOpen ? 'Fewer filters' : `More filters${activeFilters ? ` (${activeFilters})` : ''}`}
          </button>
          <div className="filters__more" id="more-filters">
            <div className="filters__row">
              <Field label="Min age" type="number" min={18} max={100} inputMode="numeric" value={draft.minAge} onChange={set('minAge')} />
              <Field label="Max age" type="number" min={18} max={100} inputMode="numeric" value={draft.maxAge} onChange={set('maxAge')} />
            </div>
            <Field label="Gender" as="select" value={draft.gender} onChange={set('gender')}>
              <option value="">Any</option>
              <option value="female">Female</option>
              <option value="male">Male</option>
              <option value="other">Other</option>
            </Field>
            <Field label="City" value={draft.city} onChange={set('city')} placeholder="Any city" />
            <ReligionField none="Any" value={draft.religion} onChange={set('religion')} />
            <Field label="Mother tongue" value={draft.motherTongue} onChange={set('motherTongue')} placeholder="Any" maxLength={40} />
            <Field label="Education" value={draft.education} onChange={set('education')} placeholder="e.g. B.Tech, MBBS" maxLength={120} />
          </div>
          <label className="checkbox">
            <input type="checkbox" checked={draft.online} onChange={set('online')} name="online" />
            <span className="online-dot online-dot--small" aria-hidden="true" />
            Online now
          </label>
          <div className="filters__actions">
            <button type="submit" className="button button--primary">
              Search
            </button>
            <button
              type="button"
              className="button button--ghost"
              onClick={() => {
                const cleared = filtersFrom(new URLSearchParams());
                setDraft(cleared);
                apply(cleared);
              }}
            >
              Clear
            </button>
          </div>
        </form>

        <section className="results" aria-label="Search results" aria-busy={loading}>
          <Notice>{error}</Notice>
          {!result && loading && <Spinner label="Searching…" />}
          {result && (
            <p className="results__count" role="status">
              {result.total === 1 ? '1 profile' : `${result.total} profiles`}
            </p>
          )}
          {result && result.items.length === 0 && (
            <EmptyState title="Nobody matches yet" icon="🔍">
              Try a wider age range or fewer filters.
            </EmptyState>
          )}
          {result && result.items.length > 0 && (
            <ul className="result-list card" data-testid="search-results">
              {result.items.map((p) => (
                <SearchResult key={p.username} profile={p} now={now} />
              ))}
            </ul>
          )}
          {result && (
            <Pager
              page={result.page}
              size={result.size}
              total={result.total}
              onPage={(p) => apply(applied, p)}
              label="Result pages"
            />
          )}
        </section>
      </div>
    </main>
  );
}

function SearchResult({ profile, now }) {
  const presence = usePresence(profile.username);
  const kind = presenceKind(presence);
  const line = [profile.city, profile.religion, profile.occupation].filter(Boolean).join(' · ');
  return (
    <li className="result" data-testid="search-result" data-username={profile.username}>
      <Avatar src={profile.avatarUrl} name={profile.displayName} size={48} />
      <div className="result__body">
        <Link to={`/profile/${profile.username}`} className="result__name">
          <span className="result__name-text">{profile.displayName}</span>
          <StatusBulb presence={presence} variant="inline" />
        </Link>
        {line && <span className="result__line">{line}</span>}
        <span className={`result__seen ${kind === 'offline' ? '' : 'result__seen--online'}`} data-testid="result-presence">
          {presenceLabel(presence, now)}
        </span>
      </div>
      {profile.age != null && <span className="result__age">{profile.age} years</span>}
    </li>
  );
}
