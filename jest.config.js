/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2021', parser: { syntax: 'typescript', tsx: true } } }],
  },
  moduleNameMapper: { '^@/(.*)$': '<rootDir>/src/$1' },
  testTimeout: 30000,
  // wx-server-sdk keeps keep-alive sockets in an agent we cannot close from outside; do not let them hold the run open.
  forceExit: true,
};
