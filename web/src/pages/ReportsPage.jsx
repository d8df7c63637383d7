import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../services/api.js';
import { usePageTitle } from '../hooks/useDocumentTitle.js';
import Spinner from '../components/Spinner.jsx';
import Notice from '../components/Notice.jsx';
import EmptyState from '../components/EmptyState.jsx';
import { REASONS } from '../components/ReportButton.jsx';

const REASON_WORDS = Object.fromEntries(REASONS);

/** The moderators' list of reports (the server refuses everyone else). */
export default function ReportsPage() {
  usePageTitle('Reports');
  const [data, setData] = useState(null);
  const [error, setError] = useState(null);

  useEffect(() => {
    api.reports().then(setData).catch((err) => setError(err));
  }, []);

  return (
    <main className="page" id="main">
      <h1 className="page__title">Reports</h1>
      {error && <Notice>{error.status === 403 ? 'Only moderators can see reports.' : error.message}</Notice>}
      {!error && !data && <Spinner label="Loading reports…" />}
      {data && data.items.length === 0 && <EmptyState title="No reports" icon="🛡️">Nobody has reported anyone.</EmptyState>}
      {data && data.items.length > 0 && (
        <table className="card reports-table" data-testid="reports-table">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Reported</th>
              <th scope="col">By</th>
              <th scope="col">Reason</th>
              <th scope="col">Where</th>
              <th scope="col">Details</th>
            </tr>
          </thead>
          <tbody>
            {data.items.map((r) => (
              <tr key={r.id}>
                <td>{new Date(r.createdAt).toLocaleString()}</td>
                <td>
                  <Link to={`/profile/${r.reported}`}>{r.reported}</Link>
                </td>
                <td>{r.reporter}</td>
                <td>{REASON_WORDS[r.reason] ?? r.reason}</td>
                <td>{r.where}</td>
                <td>{r.details}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}
