import { NotFoundCard } from "../_components/not-found-card.tsx";

// Inside the dashboard (a page this role may not see, an unknown id): the 404 with the navigation.
export default function DashboardNotFound() {
  return <NotFoundCard />;
}
