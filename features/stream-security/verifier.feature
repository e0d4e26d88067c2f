@stream-security @verifier-under-test
Feature: A verification component serves only correctly signed, valid requests
  The suite signs URLs with the verifier's key exactly as Opencast's signer does and judges each
  decision. Allowed versus denied is judged under the requirement the scenario is about; the
  denial status apart (SS-STATUS-1, a SHOULD) against the verifier profile (opencast-java by
  default, apache-httpd as a variant). Every scenario first makes sure a correctly signed URL is
  served, so that a verifier that refuses everything cannot pass a denial check.

  Background:
    Given the verifier serves a correctly signed URL for the protected resource

  @req:SS-VERIFY-1
  Scenario: A correctly signed URL is served, by GET and by HEAD
    Given a URL signed for the protected resource, valid for 60 seconds
    When the suite requests it with GET
    Then access is allowed
    When the suite requests it with HEAD
    Then access is allowed

  @req:SS-VERIFY-3 @req:SS-STATUS-1
  Scenario Outline: A policy changed after signing is refused (<change>)
    Given a URL signed for the protected resource, valid for 60 seconds
    When its policy is changed to <change>, keeping the signature
    And the suite requests it with GET
    Then access is denied as "bad signature"

    Examples:
      | change                  |
      | expire a year later     |
      | have expired a year ago |
      | name the other resource |

  @req:SS-VERIFY-3 @req:SS-STATUS-1
  Scenario Outline: A changed signature is refused (<change>)
    Given a URL signed for the protected resource, valid for 60 seconds
    When its signature is <change>
    And the suite requests it with GET
    Then access is denied as "bad signature"

    Examples:
      | change                        |
      | changed in one hex digit      |
      | cut to its first 8 characters |
      | written in upper case         |
      | extended by one character     |

  @profile:apache-httpd @req:SS-VERIFY-12 @req:SS-STATUS-1
  Scenario: A policy rewritten with the same meaning loses its signature (apache-httpd signs the text received)
    Given a URL signed for the protected resource, valid for 60 seconds
    When its policy JSON is rewritten with the same meaning, keeping the signature
    And the suite requests it with GET
    Then access is denied as "rewritten policy"

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

  @req:SS-VERIFY-2 @req:SS-STATUS-1
  Scenario Outline: A request whose policy cannot be read is refused (<policy>)
    Given a URL signed for the protected resource, valid for 60 seconds
    When its policy is replaced by <policy>
    And the suite requests it with GET
    Then access is denied as "unreadable policy"

    Examples:
      | policy                          |
      | text that is not base64         |
      | base64 of text that is not JSON |
      | a policy without a Statement    |

  @req:SS-STATUS-1
  Scenario Outline: A correctly signed policy without <field> is refused
    Given a URL for the protected resource signed with a policy without <field>
    When the suite requests it with GET
    Then access is denied as "policy without <field>"

    @req:SS-VERIFY-6
    Examples:
      | field        |
      | DateLessThan |

    @req:SS-VERIFY-8
    Examples:
      | field    |
      | Resource |

  @req:SS-VERIFY-5 @req:SS-STATUS-1
  Scenario: A URL bound to a client address is served to that client only
    Given a URL signed for the protected resource, valid for 60 seconds, for the suite's own address
    When the suite requests it with GET
    Then access is allowed
    Given a URL signed for the protected resource, valid for 60 seconds, for client 203.0.113.7
    When the suite requests it with GET
    Then access is denied as "wrong client"
    When the suite requests it with GET, claiming to be 203.0.113.7 in X-Forwarded-For
    Then access is denied as "wrong client"

  @req:SS-VERIFY-5 @req:SS-STATUS-1
  Scenario: A URL bound to an address is not served to a client whose address merely starts with it
    Given a URL signed for the protected resource, valid for 60 seconds, for an address that the client's address starts with
    When the suite requests it from its own address
    Then access is denied as "wrong client"

  @req:SS-VERIFY-8 @req:SS-STATUS-1
  Scenario: A URL signed for one resource does not open another
    Given a URL signed for the protected resource, valid for 60 seconds
    When the suite requests the other resource with that URL's signature
    Then access is denied as "other resource"

  @req:SS-VERIFY-8 @req:SS-STATUS-1
  Scenario Outline: A URL signed for <other> does not open the protected resource
    Given a URL signed for <other>, valid for 60 seconds
    When the suite requests the protected resource with that URL's signature
    Then access is denied as "other resource"

    Examples:
      | other                                               |
      | a prefix of the protected resource's path           |
      | the protected resource's directory                  |
      | the protected resource's path in other letter case  |

  @strict @req:SS-VERIFY-9 @req:SS-STATUS-1
  Scenario Outline: Strict checking refuses a policy for <difference>
    Given a URL signed for <difference>, valid for 60 seconds
    When the suite requests the protected resource with that URL's signature
    Then access is denied as "other origin"

    Examples:
      | difference            |
      | another host          |
      | another port          |
      | another scheme        |
      | an extra leading path |

  @strict @req:SS-VERIFY-9 @req:SS-STATUS-1
  Scenario: Strict checking compares an explicit non-default port
    Given the protected resource is addressed with an explicit non-default port
    And a URL signed for the protected resource, valid for 60 seconds
    When the suite requests it with GET
    Then access is allowed, as strict checking requires
    Given a URL signed for the protected resource without its port, valid for 60 seconds
    When the suite requests the protected resource with that URL's signature
    Then access is denied as "other origin"

  @strict @req:SS-VERIFY-9
  Scenario: Strict checking ignores a parameter added to a signed URL
    Given a URL signed for the protected resource, valid for 60 seconds
    When the parameter "t=1700000000" is added to it
    And the suite requests it with GET
    Then access is allowed, as strict checking requires

  @strict @req:SS-QUERY-1
  Scenario: Strict checking serves a URL whose resource has a query
    Given a URL signed for the protected resource with the query "quality=high&lang=en", valid for 60 seconds
    When the suite requests it with GET
    Then the resource with its query is served

  @non-strict @req:SS-VERIFY-10
  Scenario Outline: Non-strict checking accepts a policy for <difference>
    Given a URL signed for <difference>, valid for 60 seconds
    When the suite requests the protected resource with that URL's signature
    Then access is allowed, as non-strict checking requires

    Examples:
      | difference      |
      | another host    |
      | another port    |
      | another scheme  |

  @non-strict @req:SS-VERIFY-10
  Scenario: Non-strict checking of a policy path with an extra leading segment follows the profile
    Given a URL signed for an extra leading path, valid for 60 seconds
    When the suite requests the protected resource with that URL's signature
    Then access follows the profile's non-strict path rule

  @non-strict @req:SS-VERIFY-10 @req:SS-STATUS-1
  Scenario: Non-strict checking still compares the path
    Given a URL signed for the other resource, valid for 60 seconds
    When the suite requests the protected resource with that URL's signature
    Then access is denied as "other path"

  @non-strict @req:SS-VERIFY-10
  Scenario: Non-strict checking ignores a parameter added to a signed URL
    Given a URL signed for the protected resource, valid for 60 seconds
    When the parameter "t=1700000000" is added to it
    And the suite requests it with GET
    Then access is allowed, as non-strict checking requires

  @non-strict @req:SS-VERIFY-10
  Scenario: Non-strict checking serves a URL whose resource has a query
    Given a URL signed for the protected resource with the query "quality=high&lang=en", valid for 60 seconds
    When the suite requests it with GET
    Then access is allowed, as non-strict checking requires

  @req:SS-VERIFY-11 @req:SS-STATUS-1
  Scenario: Unsigned access is denied, even to a resource without access restrictions
    When the suite requests the public resource without any signature
    Then access is denied as "unsigned"
