export {
  CATEGORY_TEXTS,
  CLOSE_CODES_LIST,
  CLOSE_NOTES,
  SENTENCES,
  WORK_COMMENTS,
} from './incident-texts.js';
export { BANDWIDTHS, LINK_TYPES } from './network-links.js';
export { COMPANY_NAMES, REGIONS, TEAMS } from './organisations.js';
export { AGENT_TITLES, FIRST_NAMES, LAST_NAMES, USER_TITLES } from './people.js';
export { CITIES } from './places.js';
