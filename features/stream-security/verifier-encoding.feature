@stream-security @verifier-under-test
Feature: A verifier reads the policy as Opencast writes it, and the other spellings its profile reads
  Opencast's signer writes the policy as base64url without padding (SS-ENCODING-1, a MUST).
  Opencast's verifiers also read standard base64 (SS-ENCODING-2, a SHOULD), each in the form its
  query parsing leaves intact: the Java verifier reads the query as a form, so "%2B" and "%2F"
  (a raw "+" is a space), the Apache module takes the raw value and decodes only a trailing
  "%3D", so a raw "+" and "/". Each scenario changes one thing: a policy shaped to hold what the
  spelling changes is sent as Opencast writes it first, then in the spelling under test.
  "+" and "/" (base64url "-" and "_") only arise from a Resource with a query; where the verifier
  serves no resource with a query, those scenarios are not applicable.

  Background:
    Given the verifier serves a correctly signed URL for the protected resource

  Scenario Outline: A policy written as <form> is read
    When the suite sends a URL for the protected resource with its policy written as <form>
    Then the verifier reads the policy written as <form>

    @req:SS-ENCODING-1
    Examples: as Opencast writes it
      | form                       |
      | base64url without padding  |
      | base64url with "-" and "_" |

    @req:SS-ENCODING-2
    Examples: padding, in every profile
      | form                               |
      | standard base64 with "=" padding   |
      | standard base64 with "%3D" padding |
      | standard base64 with a raw "/"     |

    @req:SS-ENCODING-2 @profile:opencast-java
    Examples: the standard alphabet percent-encoded, as the Java verifier reads it
      | form                                 |
      | standard base64 with "%2B" and "%2F" |

    @req:SS-ENCODING-2 @profile:apache-httpd
    Examples: the standard alphabet raw, as the Apache module reads it
      | form                           |
      | standard base64 with a raw "+" |
