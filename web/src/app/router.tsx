// Route table (DESIGN.md §8). Sign-in and first-run setup are public; everything else sits behind the
// session gate. Project pages share a layout that loads the project once and holds the project's live
// event stream; unknown paths get a real not-found page. Pages few people open, or open rarely (setup,
// configure, account, users, members), load lazily so the initial JS stays small.
import { createBrowserRouter, Navigate } from "react-router";
import { LoginPage } from "../features/auth/login-page.js";
import { ProjectsPage } from "../features/projects/projects-page.js";
import { ProjectOverview } from "../features/projects/project-overview.js";
import { GalleryPage } from "../features/recipes/gallery-page.js";
import { TicketListPage } from "../features/tickets/ticket-list-page.js";
import { TrackPage } from "../features/tickets/track-page.js";
import { OutputsPage } from "../features/tickets/outputs-page.js";
import { NotFound, Skeleton } from "../shared/states.js";
import { ProjectLayout, RootLayout, SignedInLayout } from "./layout.js";

export const router = createBrowserRouter([
  {
    element: <RootLayout />,
    // Shown while a lazily loaded page's code arrives on a first load (React Router warns without it).
    hydrateFallbackElement: (
      <div className="page">
        <Skeleton lines={4} label="Loading" />
      </div>
    ),
    children: [
      { path: "/login", element: <LoginPage /> },
      { path: "/setup", lazy: async () => ({ Component: (await import("../features/auth/setup-page.js")).SetupPage }) },
      // A share link's page: public, outside the session gate (issue 15).
      { path: "/share/:token", lazy: async () => ({ Component: (await import("../features/share/share-page.js")).SharePage }) },
      {
        element: <SignedInLayout />,
        children: [
          { path: "/", element: <Navigate to="/projects" replace /> },
          { path: "/projects", element: <ProjectsPage /> },
          { path: "/account", lazy: async () => ({ Component: (await import("../features/account/account-page.js")).AccountPage }) },
          { path: "/admin/users", lazy: async () => ({ Component: (await import("../features/admin/users-page.js")).UsersPage }) },
          {
            path: "/projects/:projectId",
            element: <ProjectLayout />,
            children: [
              { index: true, element: <ProjectOverview /> },
              {
                path: "context/:itemId",
                lazy: async () => ({ Component: (await import("../features/context/context-item-page.js")).ContextItemPage }),
              },
              { path: "members", lazy: async () => ({ Component: (await import("../features/members/members-page.js")).MembersPage }) },
              {
                path: "schedules",
                lazy: async () => ({ Component: (await import("../features/schedules/schedules-page.js")).SchedulesPage }),
              },
              {
                path: "recipes/new",
                lazy: async () => ({ Component: (await import("../features/recipes/editor/recipe-editor-page.js")).RecipeEditorPage }),
              },
              {
                path: "recipes/:slug/edit",
                lazy: async () => ({ Component: (await import("../features/recipes/editor/recipe-editor-page.js")).RecipeEditorPage }),
              },
              { path: "work-tickets", element: <TicketListPage /> },
              { path: "work-tickets/new", element: <GalleryPage /> },
              {
                path: "work-tickets/new/configure",
                lazy: async () => ({ Component: (await import("../features/recipes/configure-page.js")).ConfigurePage }),
              },
              { path: "work-tickets/:ticketId/track", element: <TrackPage /> },
              { path: "work-tickets/:ticketId/outputs", element: <OutputsPage /> },
              {
                path: "outputs",
                lazy: async () => ({ Component: (await import("../features/outputs-library/library-page.js")).OutputsLibraryPage }),
              },
              {
                path: "outputs/compare",
                lazy: async () => ({ Component: (await import("../features/outputs-library/compare-page.js")).ComparePage }),
              },
              { path: "*", element: <NotFound what="Page" backTo="/projects" backLabel="Back to projects" /> },
            ],
          },
          { path: "*", element: <NotFound what="Page" backTo="/projects" backLabel="Back to projects" /> },
        ],
      },
    ],
  },
]);
