// Secondary ways in below "Sentuh untuk mulai" (e.g. collect a document, "I have a number"):
// registerWelcomeAction((ctx) => element or null); use class "choice" for a ≥ 72 px target.
const builders = [];

export function registerWelcomeAction(build) {
  builders.push(build);
}

export function welcomeActions(ctx) {
  return builders.map((build) => build(ctx)).filter(Boolean);
}
