// A list that keeps only its newest entries: push, and drop the oldest once it has grown a
// tenth past its bound. Dropping one entry on every push would copy the whole list each time.

/** Append `item`; when `list` holds over `max` plus a tenth, keep its newest `max` entries. */
export function pushBounded<T>(list: T[], item: T, max: number): void {
  list.push(item);
  if (list.length > max + Math.ceil(max / 10)) list.splice(0, list.length - max);
}
