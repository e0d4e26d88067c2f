@stream-security @verifier-under-test
Feature: A verification component serves only correctly signed, valid requests
  The suite signs URLs with the verifier's key exactly as Opencast's signer does and checks
  each decision. Allowed-versus-denied is always a hard verdict; the exact denial status
  comes from the verifier profile (opencast-java by default, apache-httpd as a variant).

  @req:SS-VERIFY-1
  Scenario: A correctly signed URL is served, by GET and by HEAD
    Given a URL signed for the protected resource, valid for 60 seconds
    When the suite requests it with GET
    Then access is allowed
    When the suite requests it with HEAD
    Then access is allowed

  @req:SS-VERIFY-6 @req:SS-STATUS-1
  Scenario: A signed URL is served before it expires and refused after
    Given a URL signed for the protected resource, valid for 2 seconds
    When the suite requests it with GET
    Then access is allowed
    When the verifier's clock passes the expiry
    And the suite requests it with GET
    Then access is denied as "expired"

  @embedded-clock @req:SS-VERIFY-6 @req:SS-STATUS-1
  Scenario: The expiry instant itself is still valid (inclusive boundary)
    Given a URL signed for the protected resource, valid for 60 seconds
    When the verifier's clock is exactly at the expiry
    And the suite requests it with GET
    Then access is allowed
    When the verifier's clock is 1 ms past the expiry
    And the suite requests it with GET
    Then access is denied as "expired"

  @req:SS-VERIFY-7 @req:SS-STATUS-1
  Scenario: A URL that is not valid yet is refused
    Given a URL signed for the protected resource, valid from 3600 seconds from now for 7200 seconds
    When the suite requests it with GET
    Then access is denied as "not yet valid"

  @req:SS-VERIFY-3 @req:SS-STATUS-1
  Scenario: A tampered policy is refused
    Given a URL signed for the protected resource, valid for 60 seconds
    When its policy is changed to expire a year later, keeping the signature
    And the suite requests it with GET
    Then access is denied as "bad signature"

  @req:SS-VERIFY-3 @req:SS-STATUS-1
  Scenario: A tampered signature is refused
    Given a URL signed for the protected resource, valid for 60 seconds
    When one hex digit of its signature is changed
    And the suite requests it with GET
    Then access is denied as "bad signature"

  @req:SS-VERIFY-4 @req:SS-STATUS-1
  Scenario: A URL signed with an unknown key is refused
    Given a URL signed for the protected resource with an unknown key
    When the suite requests it with GET
    Then access is denied as "unknown key"

  @req:SS-VERIFY-2 @req:SS-STATUS-1
  Scenario Outline: A request whose <parameter> parameter is <change> is refused
    Given a URL signed for the protected resource, valid for 60 seconds
    When its <parameter> parameter is <change>
    And the suite requests it with GET
    Then access is denied as "bad request"

    Examples:
      | parameter | change     |
      | policy    | removed    |
      | keyId     | removed    |
      | signature | removed    |
      | policy    | blank      |
      | keyId     | blank      |
      | signature | blank      |
      | policy    | duplicated |
      | keyId     | duplicated |
      | signature | duplicated |

  @req:SS-VERIFY-5 @req:SS-STATUS-1
  Scenario: A URL bound to another client address is refused, and served to the right one
    Given a URL signed for the protected resource, valid for 60 seconds, for client 203.0.113.7
    When the suite requests it with GET
    Then access is denied as "wrong client"
    Given a URL signed for the protected resource, valid for 60 seconds, for the suite's own address
    When the suite requests it with GET
    Then access is allowed

  @req:SS-VERIFY-8 @req:SS-STATUS-1
  Scenario: A URL signed for one resource does not open another
    Given a URL signed for the protected resource, valid for 60 seconds
    When the suite requests the other resource with that URL's signature
    Then access is denied as "other resource"

  @strict @req:SS-VERIFY-9 @req:SS-STATUS-1
  Scenario Outline: Strict checking refuses a policy for <difference>
    Given a URL signed for the protected resource with <difference>, valid for 60 seconds
    When the suite requests the protected resource with that URL's signature
    Then access is denied as "other resource"

    Examples:
      | difference                |
      | another host              |
      | another port              |
      | another scheme            |
      | an extra leading path     |

  @non-strict @req:SS-VERIFY-10
  Scenario Outline: Non-strict checking accepts a policy for <difference>
    Given a URL signed for the protected resource with <difference>, valid for 60 seconds
    When the suite requests the protected resource with that URL's signature
    Then access is allowed

    Examples:
      | difference      |
      | another host    |
      | another port    |
      | another scheme  |

  @non-strict @req:SS-VERIFY-10
  Scenario: Non-strict checking of a policy path with an extra leading segment follows the profile
    Given a URL signed for the protected resource with an extra leading path, valid for 60 seconds
    When the suite requests the protected resource with that URL's signature
    Then access follows the profile's non-strict path rule

  @req:SS-VERIFY-11 @req:SS-STATUS-1
  Scenario: Unsigned access is denied, even to a resource without access restrictions
    When the suite requests the public resource without any signature
    Then access is denied as "bad request"

  @req:SS-ENCODING-2
  Scenario Outline: The policy is accepted in <encoding>
    Given a URL signed for the protected resource, valid for 60 seconds, with its policy in <encoding>
    When the suite requests it with GET
    Then access is allowed

    Examples:
      | encoding                         |
      | base64url without padding        |
      | standard base64 with padding     |
      | standard base64 with %3D padding |
