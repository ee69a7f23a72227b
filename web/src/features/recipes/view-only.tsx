// A viewer who followed a link to the gallery or a recipe form: say why there is no form, and where to
// go instead (the server would answer 403 to the submit anyway).
import { Link } from "react-router";
import { projectPath } from "../../shared/paths.js";

export function ViewOnly({ projectId }: { projectId: string }) {
  return (
    <section className="not-found" aria-labelledby="view-only-title">
      <h1 id="view-only-title">View only</h1>
      <p className="muted">You can follow this project's work, but not start new work. Ask one of its owners to make you a member.</p>
      <Link className="button" to={projectPath(projectId)}>
        Back to the project
      </Link>
    </section>
  );
}
