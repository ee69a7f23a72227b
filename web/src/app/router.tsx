// Route table (DESIGN.md §8). Project pages share a layout that loads the project once and holds the
// project's live event stream; unknown paths get a real not-found page.
import { createBrowserRouter, Navigate } from "react-router";
import { ProjectsPage } from "../features/projects/projects-page.js";
import { ProjectOverview } from "../features/projects/project-overview.js";
import { GalleryPage } from "../features/recipes/gallery-page.js";
import { TicketListPage } from "../features/tickets/ticket-list-page.js";
import { TrackPage } from "../features/tickets/track-page.js";
import { OutputsPage } from "../features/tickets/outputs-page.js";
import { NotFound } from "../shared/states.js";
import { ProjectLayout, RootLayout } from "./layout.js";

export const router = createBrowserRouter([
  {
    element: <RootLayout />,
    children: [
      { path: "/", element: <Navigate to="/projects" replace /> },
      { path: "/projects", element: <ProjectsPage /> },
      {
        path: "/projects/:projectId",
        element: <ProjectLayout />,
        children: [
          { index: true, element: <ProjectOverview /> },
          { path: "work-tickets", element: <TicketListPage /> },
          { path: "work-tickets/new", element: <GalleryPage /> },
          {
            path: "work-tickets/new/configure",
            lazy: async () => ({ Component: (await import("../features/recipes/configure-page.js")).ConfigurePage }),
          },
          { path: "work-tickets/:ticketId/track", element: <TrackPage /> },
          { path: "work-tickets/:ticketId/outputs", element: <OutputsPage /> },
          { path: "*", element: <NotFound what="Page" backTo="/projects" backLabel="Back to projects" /> },
        ],
      },
      { path: "*", element: <NotFound what="Page" backTo="/projects" backLabel="Back to projects" /> },
    ],
  },
]);
