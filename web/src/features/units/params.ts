/** URL state of the unit page, so a link (or the back button) brings back the same view. */
export const P = { date: 'ngay', status: 'loc', q: 'tim', page: 'trang', subtree: 'gom' } as const;
