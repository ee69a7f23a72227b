// Signed webhooks (issue 17): endpoints per project, a durable delivery queue with backoff, a log.
export * from "./dispatch.js";
export * from "./sign.js";
export * from "./store.js";
export * from "./target.js";
export * from "./post.js";
