/**
 * Hash routes. The whole page state lives after the `#`, so the built site
 * works from any static host and any base path: `#/` is the list of labs and
 * `#/lab/<id>?<query>` one lab, for example `#/lab/feed-machine?seed=7&users=1000`.
 */

export type Route =
  | { page: 'home' }
  /** `lab` is the id from the URL; the shell decides whether such a lab exists. */
  | { page: 'lab'; lab: string }
  | { page: 'not-found'; path: string };

/** A hash split into its route and its query parameters. */
export interface HashLocation {
  route: Route;
  query: URLSearchParams;
}

const LAB_PATH = /^\/lab\/([a-z0-9-]+)\/?$/;

/** Parses `location.hash` (with or without the leading `#`). */
export function parseHash(hash: string): HashLocation {
  const text = hash.startsWith('#') ? hash.slice(1) : hash;
  const queryStart = text.indexOf('?');
  const path = queryStart === -1 ? text : text.slice(0, queryStart);
  const query = new URLSearchParams(queryStart === -1 ? '' : text.slice(queryStart + 1));

  if (path === '' || path === '/') {
    return { route: { page: 'home' }, query };
  }
  const lab = LAB_PATH.exec(path);
  if (lab) {
    return { route: { page: 'lab', lab: lab[1] }, query };
  }
  return { route: { page: 'not-found', path }, query };
}

/** The path part of a route, for example `/lab/feed-machine`. */
export function routePath(route: Route): string {
  switch (route.page) {
    case 'home':
      return '/';
    case 'lab':
      return `/lab/${route.lab}`;
    case 'not-found':
      return route.path;
  }
}

/** Builds a hash (with `#`) from a route and its query; no `?` when the query is empty. */
export function formatHash(route: Route, query: URLSearchParams): string {
  const search = query.toString();
  return `#${routePath(route)}${search ? `?${search}` : ''}`;
}
