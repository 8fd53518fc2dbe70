export * from './access';
export * from './common';
export * from './geo';
export * from './format';
export * from './statistics';
