// The MOS 2.8.5 message-content model (pure data): types, fields, shared structures, messages.
export * from './types';
export { MESSAGE_MODELS } from './messages';
export * as Fields from './fields';
export * as Structures from './structures';
