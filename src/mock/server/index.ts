export type {
  MockDelayFault,
  MockEchoRequestFault,
  MockFaultName,
  MockFaultScope,
  MockFaults,
  MockListRequestInfo,
  MockQuotaCancelFault,
  MockRateLimitFault,
  MockReadOnlyFault,
  MockRequestsPerSecondFault,
  MockRowVisibility,
  MockServerErrorFault,
  MockServerErrorStatus,
  MockShuffleTiesFault,
  MockTruncateFault,
} from './faults.js';
export { createMockServiceNow, type MockServiceNow } from './mock-server.js';
export type { MockOAuthClient, MockServiceNowOptions, MockUser } from './options.js';
export type { MockRequestLogEntry } from './request-log.js';
