// 部门协同's view (pure): the 多次退回 rows with the route of their returns in department names, in
// the snapshot's order (returns descending, then ticketId).
import type { BouncedItem } from '@shared/contract/snapshot.ts';

/** Between the departments of a route: 市住建局 → 市城管局 → 市水务局. */
export const ROUTE_ARROW = ' → ';

export interface BouncedRow {
  item: BouncedItem;
  /** The departments that returned it, in order, by name (the id when the snapshot has no name). */
  route: string[];
  routeText: string;
  districtName: string;
  category: string;
}

export function routeText(route: readonly string[], deptName: (id: string) => string): string {
  return route.map(deptName).join(ROUTE_ARROW);
}

export function bouncedRows(
  items: readonly BouncedItem[],
  deptName: (id: string) => string,
  districtName: (code: string) => string,
): BouncedRow[] {
  return items.map((item) => {
    const route = item.route.map(deptName);
    return {
      item,
      route,
      routeText: route.join(ROUTE_ARROW),
      districtName: districtName(item.district),
      category: item.category[0] ?? '',
    };
  });
}
