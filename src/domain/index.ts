// src/domain — pure rules and shared shapes of Worksmith: the ticket state machine, todo-list
// semantics, recipes and their parameter schemas, events, errors, the HTTP contract. Imports nothing of ours.
export * from "./ticket-status.js";
export * from "./todos.js";
export * from "./events.js";
export * from "./errors.js";
export * from "./recipe.js";
export * from "./parameters.js";
export * from "./contract.js";
export * from "./agent-runner.js";
