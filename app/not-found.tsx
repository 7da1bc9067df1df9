import { NotFoundCard } from "./_components/not-found-card.tsx";

// An unknown address, outside the dashboard's layout.
export default function NotFound() {
  return (
    <main className="px-4 py-6">
      <NotFoundCard />
    </main>
  );
}
