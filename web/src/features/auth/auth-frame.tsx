// The frame of the signed-out pages (sign in, first-run setup): the product mark over one centred card.
import type { ReactNode } from "react";

export function AuthFrame({ title, intro, children }: { title: string; intro?: ReactNode; children: ReactNode }) {
  return (
    <main className="auth-page">
      <div className="auth-card">
        <p className="brand auth-brand">
          <span className="brand-mark" aria-hidden="true">
            W
          </span>
          Worksmith
        </p>
        <h1>{title}</h1>
        {intro && <div className="muted auth-intro">{intro}</div>}
        {children}
      </div>
    </main>
  );
}
