import { usePageTitle } from '../hooks/useDocumentTitle.js';
import { Link } from 'react-router-dom';
import EmptyState from '../components/EmptyState.jsx';

export default function NotFoundPage() {
  usePageTitle('Page not found');
  return (
    <main className="page" id="main">
      <EmptyState title="Page not found" icon="🧭">
        This page does not exist. <Link to="/">Back to the dashboard</Link>
      </EmptyState>
    </main>
  );
}
