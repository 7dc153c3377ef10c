/** Ids shared by the model, layout and elements (kept here so those modules import no runtime cycle). */

/** Element id of the area holding pods not bound to an existing node. */
export const UNSCHEDULED = 'area/unscheduled';

/** Pool name of nodes without an agent-pool label. */
export const DEFAULT_POOL = 'nodes';
