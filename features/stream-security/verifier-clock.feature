@stream-security @verifier-under-test
Feature: A verifier keeps the policy's time window, to the millisecond
  DateLessThan and DateGreaterThan are epoch milliseconds; both instants are valid. Against a
  running clock the suite probes URLs that expire 200 ms apart a few hundred ms ahead (valid from
  just before now), with the skew between the clocks estimated from the verifier's HTTP Date
  header and the allowance stream.clockSkewMs; against a controlled clock (the embedded verifier,
  or one frozen at stream.verifier.fixedNowMs) it checks the exact instants.

  Background:
    Given the verifier serves a correctly signed URL for the protected resource

  @real-clock @req:SS-VERIFY-6 @req:SS-CLOCK-1 @req:SS-STATUS-1
  Scenario: URLs valid for a moment are refused once they expire, to the millisecond
    When the suite probes URLs that expire 200 ms apart, a few hundred ms ahead and valid from just before now
    Then every URL was refused once its DateLessThan had passed, allowing for the clock skew
    And the verifier's clock compares milliseconds

  @controlled-clock @req:SS-VERIFY-6 @req:SS-CLOCK-1 @req:SS-STATUS-1
  Scenario: The expiry instant itself is still valid (inclusive boundary)
    Given a URL signed for the protected resource, valid for 60 seconds
    When the verifier's clock is exactly at the expiry
    And the suite requests it with GET
    Then the URL is served at that instant
    When the verifier's clock is 1 ms past the expiry
    And the suite requests it with GET
    Then access is denied as "expired"

  @controlled-clock @req:SS-VERIFY-7 @req:SS-CLOCK-1 @req:SS-STATUS-1
  Scenario: The start instant itself is valid (inclusive boundary)
    Given a URL signed for the protected resource, valid from 60 seconds from now for 120 seconds
    When the verifier's clock is 1 ms before the start
    And the suite requests it with GET
    Then access is denied as "not yet valid"
    When the verifier's clock is exactly at the start
    And the suite requests it with GET
    Then the URL is served at that instant

  @req:SS-VERIFY-7 @req:SS-STATUS-1
  Scenario: A URL that is not valid yet is refused
    Given a URL signed for the protected resource, valid from 3600 seconds from now for 7200 seconds
    When the suite requests it with GET
    Then access is denied as "not yet valid"

  @req:SS-VERIFY-6 @req:SS-STATUS-1
  Scenario: An expired URL stays refused whatever time the client's Date header claims
    Given a URL signed for the protected resource that expired 3600 seconds ago
    When the suite requests it with GET, sending a Date header from before its expiry
    Then access is denied as "expired"
