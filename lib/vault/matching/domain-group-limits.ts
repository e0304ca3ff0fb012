// The bounds of the user's own equivalent domains, apart from their parser: the message protocol
// checks them, and must not pull in the public suffix list with it (the popup loads the protocol).

/** At most this many groups, of at most MAX_GROUP_DOMAINS each: enough for any person, bounded for the worker. */
export const MAX_OWN_GROUPS = 100;
export const MAX_GROUP_DOMAINS = 20;
