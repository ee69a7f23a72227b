// The frame of every page: the session, the top bar (product → projects, current project, "New
// work request", the signed-in user's menu), the toast stack, and for project pages the loaded project
// (with the caller's role in it) and its live event stream.
import { createContext, useContext, useEffect } from "react";
import { Link, Outlet, useLocation, useParams } from "react-router";
import type { ProjectDetail } from "../../../src/domain/contract.js";
import { NotificationsBell } from "../features/notifications/notifications-bell.js";
import { ProjectEventsProvider } from "../features/tickets/project-events.js";
import { api } from "../shared/api.js";
import { galleryPath, projectPath } from "../shared/paths.js";
import { canWork } from "../shared/roles.js";
import { ErrorBox, NotFound } from "../shared/states.js";
import { ToastProvider } from "../shared/toasts.js";
import { useResource, type Resource } from "../shared/use-resource.js";
import { RequireSignedIn, SessionProvider } from "./session.js";
import { UserMenu } from "./user-menu.js";

function TopBar({ project }: { project?: ProjectDetail | undefined }) {
  return (
    <header className="topbar">
      <nav className="topbar-inner" aria-label="Main">
        <Link to="/projects" className="brand">
          <span className="brand-mark" aria-hidden="true">
            W
          </span>
          <span className="brand-name">Worksmith</span>
        </Link>
        {project && (
          <>
            <span className="crumb-sep" aria-hidden="true">
              /
            </span>
            <Link to={projectPath(project.id)} className="crumb">
              {project.name}
            </Link>
            {project.role === "viewer" && (
              <span className="badge badge-view-only" title="You can follow this project's work but not start, cancel or change it">
                View only
              </span>
            )}
          </>
        )}
        <span className="spacer" />
        {project && canWork(project.role) && (
          <Link to={galleryPath(project.id)} className="button button-primary">
            New work request
          </Link>
        )}
        <NotificationsBell projectId={project?.id} />
        <UserMenu />
      </nav>
    </header>
  );
}

export function RootLayout() {
  const { pathname } = useLocation();
  useEffect(() => {
    // A block body on purpose: recent Chromium's scrollTo returns a promise, which React would take for a cleanup.
    window.scrollTo(0, 0);
  }, [pathname]);
  return (
    <SessionProvider>
      <ToastProvider>
        <Outlet />
      </ToastProvider>
    </SessionProvider>
  );
}

/** Every page that needs an account: the gate, and the top bar (project pages draw their own, with the project). */
export function SignedInLayout() {
  const { pathname } = useLocation();
  const inProject = pathname.startsWith("/projects/");
  return (
    <RequireSignedIn>
      {!inProject && <TopBar />}
      <Outlet />
    </RequireSignedIn>
  );
}

const ProjectContext = createContext<Resource<ProjectDetail>>({ state: "loading", data: undefined, error: undefined });
const ProjectReloadContext = createContext<() => void>(() => undefined);

/** The current project as it loads; pages render in parallel with it (no waterfall before their own fetch). */
export function useProject(): Resource<ProjectDetail> {
  return useContext(ProjectContext);
}

/** Load the project again (e.g. after the caller changed their own role in it). */
export function useReloadProject(): () => void {
  return useContext(ProjectReloadContext);
}

export function ProjectLayout() {
  const { projectId = "" } = useParams();
  const [project, reload] = useResource((signal) => api.getProject(projectId, signal), [projectId]);
  let body = <Outlet />;
  if (project.state === "error") {
    body = project.error.notFound ? (
      <NotFound what="Project" backTo="/projects" backLabel="Back to projects" />
    ) : (
      <ErrorBox error={project.error} onRetry={reload} />
    );
  }
  return (
    <ProjectContext.Provider value={project}>
      <ProjectReloadContext.Provider value={reload}>
        <TopBar project={project.data} />
        <main className="page">
          {project.state === "error" ? (
            body
          ) : (
            <ProjectEventsProvider projectId={projectId} enabled={project.state === "ready"}>
              {body}
            </ProjectEventsProvider>
          )}
        </main>
      </ProjectReloadContext.Provider>
    </ProjectContext.Provider>
  );
}
