// What to do after the ticket has ended, from the server's nextStep: book again after a no-show,
// what to bring after a refusal, KTP-el printing over WhatsApp after recording (with the number
// and a chat link). Hidden in every other state.
//
// data-testid: next-step (data-state = the ticket's state), next-step-id, next-step-en,
//   next-step-whatsapp (the wa.me link, when the step names a WhatsApp number).

const tid = id => document.querySelector(`[data-testid="${id}"]`);

export function renderNextStep(ticket) {
  const box = tid('next-step');
  if (!box) return;
  const step = ticket?.nextStep;
  box.hidden = !step;
  if (!step) return;
  box.dataset.state = ticket.state;
  tid('next-step-id').textContent = step.text?.id ?? '';
  tid('next-step-en').textContent = step.text?.en ?? '';
  const link = tid('next-step-whatsapp');
  const wa = step.whatsapp;
  link.hidden = !wa;
  if (wa) {
    link.href = wa.link;
    link.querySelector('.wa-number').textContent = wa.display;
  }
}
