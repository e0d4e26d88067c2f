@stream-security @signer-under-test
Feature: A signing service signs URLs exactly as Opencast's signer does
  policy is base64url (no padding) of the canonical JSON; signature is the lowercase hex
  HMAC-SHA256 of the JSON text with the key; policy, keyId and signature are appended in that
  order after any query the URL already had.

  @req:SS-SIGN-1 @req:SS-ENCODING-1
  Scenario: A signed URL carries the original URL, then policy, keyId and signature
    When the signer signs the protected resource for 120 seconds
    Then the signed URL is the original URL followed by policy, keyId and signature in that order
    And the policy is base64url without padding
    And the policy is the canonical JSON for the resource, expiring 120 seconds from now
    And the signature is the lowercase hex HMAC-SHA256 of the policy JSON with the key

  @req:SS-SIGN-1 @req:SS-SIGN-2
  Scenario: An existing query belongs to the resource
    When the signer signs the protected resource with the query "quality=high&lang=en" for 120 seconds
    Then the signed URL is the original URL followed by policy, keyId and signature in that order
    And the policy is the canonical JSON for the resource, expiring 120 seconds from now

  @req:SS-SIGN-3
  Scenario: A start time and a client address become DateGreaterThan and IpAddress
    When the signer signs the protected resource for 120 seconds, valid from 30 seconds from now, for client 198.51.100.4
    Then the policy is the canonical JSON for the resource, expiring 120 seconds from now, valid from 30 seconds from now, for client 198.51.100.4
    And the signature is the lowercase hex HMAC-SHA256 of the policy JSON with the key

  @req:SS-SIGN-4
  Scenario: A URL from the signer is served by a verifier until it expires
    When the signer signs the protected resource for 2 seconds
    Then the reference verifier serves it
    And the reference verifier refuses it once it has expired
