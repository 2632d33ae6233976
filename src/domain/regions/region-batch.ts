/**
 * Region codes per batch look-up (`GET /regions?codes=`): a page of villages from many districts, with room.
 * A module of its own so the web app's region cache reads it without the code parser and its catalogue texts.
 */
export const MAX_REGION_BATCH = 500;
