@stream-security @verifier-under-test
Feature: A verifier answers every request, however malformed
  Every request gets an HTTP answer (SS-ROBUST-1): a reset, a close or silence is reported as
  such ("connection reset without a response — the verifier may have crashed"), with the request
  that caused it, here and in every other scenario where it happens. Requests the suite built to
  be refused must not be served (under the requirement serving them breaks); the others may be
  answered either way; a malformed request refused with a server error (5xx) instead of a 4xx is a
  warning (SS-STATUS-1).

  Background:
    Given the verifier serves a correctly signed URL for the protected resource

  @req:SS-ROBUST-1 @req:SS-STATUS-1 @req:SS-VERIFY-2 @req:SS-VERIFY-11
  Scenario: Requests with 0 to 8 query parameters each get an answer
    When the suite sends requests with 0 to 8 query parameters
    Then every request got an HTTP answer
    And none of those built to be refused was served
    And those built to be refused were refused with a 4xx status

  @req:SS-ROBUST-1 @req:SS-STATUS-1 @req:SS-VERIFY-2 @req:SS-VERIFY-11
  Scenario: Repeated, blank and valueless parameters each get an answer
    When the suite sends requests with repeated, blank and valueless parameters
    Then every request got an HTTP answer
    And none of those built to be refused was served
    And those built to be refused were refused with a 4xx status

  @req:SS-ROBUST-1 @req:SS-STATUS-1 @req:SS-VERIFY-2 @req:SS-VERIFY-3 @req:SS-VERIFY-4
  Scenario: Very long values each get an answer
    When the suite sends requests with very long values
    Then every request got an HTTP answer
    And none of those built to be refused was served
    And those built to be refused were refused with a 4xx status

  @req:SS-ROBUST-1 @req:SS-STATUS-1 @req:SS-VERIFY-2 @req:SS-VERIFY-3 @req:SS-VERIFY-4
  Scenario: Non-ASCII text and invalid percent-escapes each get an answer
    When the suite sends requests with non-ASCII text and invalid percent-escapes
    Then every request got an HTTP answer
    And none of those built to be refused was served
    And those built to be refused were refused with a 4xx status

  @req:SS-ROBUST-1 @req:SS-STATUS-1 @req:SS-VERIFY-11
  Scenario: Other methods each get an answer, and never the file without a signature
    When the suite sends unsigned requests with other methods
    Then every request got an HTTP answer
    And none of those built to be refused was served
    And those built to be refused were refused with a 4xx status
