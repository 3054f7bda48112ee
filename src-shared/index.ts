export * from './api.js';
export * from './events.js';
export * from './hosts.js';
export * from './protocol/classify.js';
export * from './protocol/limits.js';
export * from './protocol/replies.js';
export * from './protocol/stream-segment.js';
export * from './protocol/text.js';
