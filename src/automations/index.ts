// src/automations — work that starts by itself: schedules (a recipe on a cron rhythm in a time zone).
export * from "./cron.js";
export * from "./store.js";
export * from "./tick.js";
export * from "./webhooks/index.js";
export * from "./notifications/index.js";
export * from "./wake-loop.js";
