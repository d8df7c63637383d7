import { useRef, useState } from 'react';
import { api } from '../services/api.js';
import Notice from './Notice.jsx';
import Icon from './Icon.jsx';

export const REASONS = [
  ['fake_profile', 'Fake profile or photos'],
  ['harassment', 'Harassment or threats'],
  ['inappropriate', 'Inappropriate messages or photos'],
  ['scam', 'Asking for money, a scam'],
  ['other', 'Something else'],
];

/** "Report": a dialog to tell the moderators why, from a profile or a chat (`where`). */
export default function ReportButton({ username, displayName, where, className = 'button button--ghost' }) {
  const dialog = useRef(null);
  const [reason, setReason] = useState('');
  const [details, setDetails] = useState('');
  const [error, setError] = useState(null);
  const [sending, setSending] = useState(false);
  const [sent, setSent] = useState(false);

  function open() {
    setReason('');
    setDetails('');
    setError(null);
    setSent(false);
    dialog.current?.showModal();
  }

  async function submit(e) {
    e.preventDefault();
    if (!reason) {
      setError('Choose a reason.');
      return;
    }
    if (reason === 'other' && !details.trim()) {
      setError('Tell us what happened.');
      return;
    }
    setSending(true);
    setError(null);
    try {
      await api.report(username, reason, details.trim() || undefined, where);
      setSent(true);
    } catch (err) {
      setError(err.message);
    } finally {
      setSending(false);
    }
  }

  return (
    <>
      {/* the flag stands alone where room is short (a phone's chat header); the label keeps the name */}
      <button type="button" className={className} onClick={open} aria-label="Report" data-testid="report-button">
        <Icon name="flag" size={16} />
        <span className="report-button__text">Report</span>
      </button>
      <dialog ref={dialog} className="report-dialog" aria-labelledby={`report-title-${where}`}>
        {sent ? (
          <div className="report-dialog__done" role="status">
            <h2 id={`report-title-${where}`}>Thank you</h2>
            <p>Our moderators will look at your report about {displayName}. You can also block them.</p>
            <form method="dialog">
              <button type="submit" className="button button--primary">
                Close
              </button>
            </form>
          </div>
        ) : (
          <form onSubmit={submit} className="form">
            <h2 id={`report-title-${where}`}>Report {displayName}</h2>
            <fieldset className="report-dialog__reasons">
              <legend>What is wrong?</legend>
              {REASONS.map(([value, label]) => (
                <label key={value} className="report-dialog__reason">
                  <input type="radio" name="reason" value={value} checked={reason === value} onChange={() => { setReason(value); setError(null); }} />
                  {label}
                </label>
              ))}
            </fieldset>
            <label className="field field--wide">
              <span className="field__label">Details {reason === 'other' ? '' : '(optional)'}</span>
              <textarea className="field__control" rows={3} maxLength={1000} value={details} onChange={(e) => setDetails(e.target.value)} />
            </label>
            <Notice>{error}</Notice>
            <div className="report-dialog__buttons">
              <button type="button" className="button button--ghost" onClick={() => dialog.current?.close()}>
                Cancel
              </button>
              <button type="submit" className="button button--primary" disabled={sending}>
                {sending ? 'Sending…' : 'Send report'}
              </button>
            </div>
          </form>
        )}
      </dialog>
    </>
  );
}
