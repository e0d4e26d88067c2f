@mos-ws @security @security-origin
Feature: Browser-origin hygiene (advisory)
  Beyond the proposal: a MOS endpoint behind Basic authentication is reachable from a web page in a
  browser that cached the credentials; only a check of the Origin header keeps that page out
  (RFC 6455 §10.2, a SHOULD: a shortfall is a warning). Upgrades without Origin (every non-browser
  client) are not affected.

  @device-under-test @nrcs-under-test @sut-listens @req:SEC-ORIGIN-1
  Scenario: An upgrade from an unexpected browser Origin is refused
    Given the system under test is listening
    Then an upgrade carrying a foreign Origin with the correct credentials is refused
