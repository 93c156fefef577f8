// After DONE, one question: how satisfied were you (IKM, Indeks Kepuasan Masyarakat, the
// public-service satisfaction survey, on its 1–4 scale), with an optional comment. One answer per
// ticket: POST /api/v1/tickets/{token}/survey; the page asks GET …/survey whether it is still open.
//
// data-testid: survey (hidden unless DONE), survey-question, survey-score-1 … survey-score-4
//   (radio buttons), survey-comment, survey-send, survey-thanks, survey-error.

const MAX_COMMENT = 500;
const tid = id => document.querySelector(`[data-testid="${id}"]`);

export const SCORES = [
  { value: 1, id: 'Tidak puas', en: 'Not satisfied' },
  { value: 2, id: 'Kurang puas', en: 'Somewhat dissatisfied' },
  { value: 3, id: 'Puas', en: 'Satisfied' },
  { value: 4, id: 'Sangat puas', en: 'Very satisfied' },
];

export function createSurvey(api) {
  const box = tid('survey');
  if (!box) return { update() {} };
  const form = box.querySelector('form');
  const send = tid('survey-send');
  const comment = tid('survey-comment');
  const error = tid('survey-error');
  let asked = false;

  comment.maxLength = MAX_COMMENT;
  const chosen = () => form.querySelector('input[name="score"]:checked')?.value;
  form.addEventListener('change', () => { send.disabled = !chosen(); });

  function thanks() {
    form.hidden = true;
    tid('survey-thanks').hidden = false;
  }

  function showError(body) {
    const m = body?.messages ?? { id: 'Gagal mengirim. Coba lagi.', en: 'Could not send. Please try again.' };
    error.hidden = false;
    error.textContent = `${m.id} / ${m.en}`;
  }

  form.addEventListener('submit', async ev => {
    ev.preventDefault();
    if (!chosen()) return;
    send.disabled = true;
    error.hidden = true;
    try {
      const res = await fetch(`${api}/survey`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ score: Number(chosen()), comment: comment.value.trim() || null }),
      });
      const body = await res.json().catch(() => null);
      if (res.ok || body?.error === 'SURVEY_ALREADY_ANSWERED') thanks();
      else showError(body);
    } catch {
      showError(null);
    } finally {
      send.disabled = !chosen();
    }
  });

  return {
    /** Called with every ticket update: asks once the ticket is DONE. */
    async update(ticket) {
      if (ticket?.state !== 'DONE' || asked) return;
      asked = true;
      try {
        const res = await fetch(`${api}/survey`, { headers: { Accept: 'application/json' }, cache: 'no-store' });
        if (!res.ok) return;
        const s = await res.json();
        box.hidden = false;
        if (!s.open) thanks();
      } catch { /* no question rather than one that cannot be sent */ }
    },
  };
}
