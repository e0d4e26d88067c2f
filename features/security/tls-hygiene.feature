@mos-ws @security @security-tls
Feature: TLS hygiene (RFC 8996, RFC 9325 / BCP 195, RFC 7465)
  Beyond the proposal: the TLS a wss endpoint speaks. Versions and cipher suites are asked with raw
  ClientHellos (what the server agrees to, whatever the suite's own TLS library could offer); a
  dialling system's versions by an endpoint of the suite that speaks only the legacy ones. Where
  the proposal accepts self-signed certificates, expiry and key size are still judged; the host name
  only where the suite is given trust for the system (a CA file, or untrusted certificates not allowed).
  A plain ws endpoint has no TLS to judge: these scenarios are not applicable (MOSWS-TLS-1 judges it).

  @device-under-test @nrcs-under-test @sut-listens @req:SEC-TLS-1
  Scenario: TLS 1.0 and TLS 1.1 are refused
    Given the system under test is listening over TLS
    Then a client offering at most TLS 1.0, then at most TLS 1.1, is refused

  @device-under-test @nrcs-under-test @sut-connects @req:SEC-TLS-1
  Scenario: A dialling system completes no TLS 1.0 or TLS 1.1 handshake
    Given the suite's endpoint serves wss with TLS 1.0 and TLS 1.1 only
    When the system under test dials that endpoint
    Then none of its connections to the suite completes over TLS 1.0 or TLS 1.1

  @device-under-test @nrcs-under-test @sut-listens @req:SEC-TLS-2
  Scenario: TLS 1.2 or later is offered
    Given the system under test is listening over TLS
    Then a client offering TLS 1.2 or TLS 1.3 is served

  @device-under-test @nrcs-under-test @sut-listens @req:SEC-TLS-3 @req:SEC-TLS-4
  Scenario: No NULL, export, single-DES, RC4 or triple-DES cipher suite is negotiated
    Given the system under test is listening over TLS
    Then a client offering only NULL, export, RC4 or triple-DES suites is refused

  @device-under-test @nrcs-under-test @sut-listens @req:SEC-CERT-1 @req:SEC-CERT-3
  Scenario: The certificate is within its validity period and its key is adequate
    Given the system under test is listening over TLS
    Then its certificate is valid now and has an adequate key

  @device-under-test @nrcs-under-test @sut-listens @req:SEC-CERT-2
  Scenario: The certificate names the host, when the suite is given trust for it
    Given the system under test is listening over TLS
    Then its certificate names the host of the configured URL

  @device-under-test @nrcs-under-test @sut-connects @sut-verifies-certificates @req:SEC-CERT-4
  Scenario Outline: A dialling system that refuses untrusted certificates refuses <certificate>
    Given the suite's endpoint serves wss with <certificate> signed by a CA the system trusts
    When the system under test connects to the suite, trusting that CA only
    Then none of its connections to the suite completes

    Examples:
      | certificate                     |
      | an expired certificate          |
      | a certificate for another host  |
