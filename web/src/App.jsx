import { useEffect } from 'react';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import useAuth from './hooks/useAuth.js';
import { useUnreadTotal } from './hooks/useChat.js';
import useDocumentTitle from './hooks/useDocumentTitle.js';
import useVisualViewport from './hooks/useVisualViewport.js';
import { startNotifications } from './services/notifications.js';
import TopBar from './components/TopBar.jsx';
import ConnectionBanner from './components/ConnectionBanner.jsx';
import CallScreen from './components/CallScreen.jsx';
import Spinner from './components/Spinner.jsx';
import Notice from './components/Notice.jsx';
import LoginPage from './pages/LoginPage.jsx';
import RegisterPage from './pages/RegisterPage.jsx';
import DashboardPage from './pages/DashboardPage.jsx';
import SearchPage from './pages/SearchPage.jsx';
import ProfilePage from './pages/ProfilePage.jsx';
import MessagesPage from './pages/MessagesPage.jsx';
import NotFoundPage from './pages/NotFoundPage.jsx';
import SettingsPage from './pages/SettingsPage.jsx';
import InterestsPage from './pages/InterestsPage.jsx';
import ReportsPage from './pages/ReportsPage.jsx';
import interestStore from './services/interestStore.js';
import chatStore from './services/chatStore.js';
import { startInterestNotifications } from './services/interestNotifications.js';

export default function App() {
  const { token, user, checking, sessionNotice, leftOnPurpose } = useAuth();
  const location = useLocation();

  if (!token && checking) {
    // asking the server whether this browser's session cookie still signs someone in
    return (
      <div className="boot">
        <Spinner label="Opening Pulse…" />
      </div>
    );
  }

  if (!token) {
    return (
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route path="/register" element={<RegisterPage />} />
        <Route
          path="*"
          element={
            <Navigate to="/login" replace state={leftOnPurpose ? null : { from: location.pathname + location.search }} />
          }
        />
      </Routes>
    );
  }

  if (!user) {
    return (
      <div className="boot">
        {checking ? (
          <Spinner label="Opening Pulse…" />
        ) : (
          <div className="card boot__card">
            <Notice>{sessionNotice ?? 'Pulse could not load your profile.'}</Notice>
            <button type="button" className="button button--primary" onClick={() => window.location.reload()}>
              Try again
            </button>
          </div>
        )}
      </div>
    );
  }

  return <SignedInApp />;
}

function SignedInApp() {
  const navigate = useNavigate();
  const location = useLocation();
  const unread = useUnreadTotal();
  useDocumentTitle(unread);
  useVisualViewport();

  const { user } = useAuth();
  useEffect(
    () => startNotifications((from, request) => navigate(request ? `/messages/${from}?tab=requests` : `/messages/${from}`)),
    [navigate],
  );
  useEffect(() => interestStore.start(user.username), [user.username]);
  useEffect(
    () => startInterestNotifications(user.username, (u) => chatStore.displayNameOf(u), () => navigate('/interests')),
    [user.username, navigate],
  );

  return (
    <div className="shell">
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <TopBar />
      <ConnectionBanner />
      <Routes>
        <Route path="/" element={<DashboardPage />} />
        <Route path="/search" element={<SearchPage />} />
        <Route path="/profile/:username" element={<ProfilePage />} />
        <Route path="/messages" element={<MessagesPage />} />
        <Route path="/messages/:username" element={<MessagesPage />} />
        <Route path="/settings" element={<SettingsPage />} />
        <Route path="/interests" element={<InterestsPage />} />
        <Route path="/admin/reports" element={<ReportsPage />} />
        {/* just signed in: on to where the signed-out visitor was going (a deep link), else home */}
        <Route path="/login" element={<Navigate to={location.state?.from ?? '/'} replace state={location.state} />} />
        <Route path="/register" element={<Navigate to="/" replace state={location.state} />} />
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
      <CallScreen />
    </div>
  );
}
