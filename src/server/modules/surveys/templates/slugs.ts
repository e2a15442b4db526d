export const THL_NATIONAL_SLUG = 'thl-national';
export const THL_CHILDREN_SLUG = 'thl-children';
export const HOME_CARE_SLUG = 'home-care';
