// The web app's entry: routes of DESIGN.md §8 on React Router; the configure page (with the schema
// validator) and the markdown renderer load lazily so the initial JS stays small.
import { StrictMode } from "react";
import { z } from "zod";
import { createRoot } from "react-dom/client";
import { RouterProvider } from "react-router";
import { router } from "./app/router.js";
import "./styles.css";

// zod probes `new Function` to speed up parsing; the page's CSP forbids eval, so every load would
// report a violation. The schemas in the browser are few and small: the plain path is enough.
z.config({ jitless: true });

const root = document.getElementById("root");
if (!root) throw new Error("#root is missing from index.html");
createRoot(root).render(
  <StrictMode>
    <RouterProvider router={router} />
  </StrictMode>,
);
