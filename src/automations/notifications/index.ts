// Notifications (issue 17): a person is told when tickets they started finish, fail or wait for them —
// in the app (a list with an unread count, live) and by e-mail when the operator configured SMTP.
// Inside src/automations because it is the same kind of work as webhooks: a durable cursor over the
// settled event log, a queue with SKIP LOCKED claims and backoff, run by every server process.
export * from "./dispatcher.js";
export * from "./email.js";
export * from "./enqueue.js";
export * from "./store.js";
