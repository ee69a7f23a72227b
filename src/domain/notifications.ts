// What a person's notification looks like on the wire: the server's store writes it, the web app's
// bell reads it (one shape for both sides, as the contract's other views).
export interface NotificationView {
  id: string;
  project_id: string;
  ticket_id: string;
  kind: string;
  title: string;
  detail: string | null;
  read: boolean;
  created_at: string;
  /** null: no e-mail asked for this one; else where its e-mail stands. */
  email_status: "pending" | "sent" | "failed" | null;
}
