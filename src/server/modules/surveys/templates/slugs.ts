export const THL_NATIONAL_SLUG = 'thl-national';
export const THL_CHILDREN_SLUG = 'thl-children';
