import { describe, expect, it } from "vitest";
import { keepsAnOwner, roleAllows, type ProjectAction, type Role } from "./access.js";

describe("roleAllows", () => {
  const table: [Role, ProjectAction, boolean][] = [
    ["viewer", "read", true],
    ["viewer", "work", false],
    ["viewer", "manage", false],
    ["member", "read", true],
    ["member", "work", true],
    ["member", "manage", false],
    ["owner", "read", true],
    ["owner", "work", true],
    ["owner", "manage", true],
  ];
  it.each(table)("%s may %s: %s", (role, action, allowed) => {
    expect(roleAllows(role, action)).toBe(allowed);
  });
});

describe("keepsAnOwner", () => {
  it("refuses to remove or demote the last owner", () => {
    expect(keepsAnOwner(1, { from: "owner", to: null })).toBe(false);
    expect(keepsAnOwner(1, { from: "owner", to: "member" })).toBe(false);
  });
  it("allows it when another owner remains, and any change of non-owners", () => {
    expect(keepsAnOwner(2, { from: "owner", to: null })).toBe(true);
    expect(keepsAnOwner(1, { from: "member", to: null })).toBe(true);
    expect(keepsAnOwner(1, { from: "owner", to: "owner" })).toBe(true);
  });
});
