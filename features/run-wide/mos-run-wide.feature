@run-wide @device-under-test @nrcs-under-test
Feature: Judged across the whole run
  Some requirements hold for everything a system sends, whatever a scenario is about. Every MOS
  scenario of the run feeds what the system sent into one ledger per role; each such requirement
  is judged here, once, after the other scenarios: one defect is one verdict, listed with the
  message and scenario where it was first seen and how often it occurred. A scenario that is
  about one of these requirements judges it itself, and its observations are left out here.
  Nothing of a kind seen in the run (no keepAlive received, say): not applicable.

  Scenario Outline: <what>
    Then across the run, <requirement> held for everything the system under test sent

    @req:MOS-CONTENT-1
    Examples: required elements
      | requirement   | what                                                                    |
      | MOS-CONTENT-1 | Every message the system sent has the elements MOS 2.8.5 requires        |

    @req:MOS-CONTENT-2
    Examples: element order
      | requirement   | what                                                                    |
      | MOS-CONTENT-2 | Every message the system sent has its elements in MOS 2.8.5's order      |

    @req:MOS-CONTENT-3
    Examples: cardinality
      | requirement   | what                                                                    |
      | MOS-CONTENT-3 | Every element the system sent occurs as often as MOS 2.8.5 allows        |

    @req:MOS-CONTENT-4
    Examples: lengths
      | requirement   | what                                                                    |
      | MOS-CONTENT-4 | Every text the system sent respects MOS 2.8.5's lengths                  |

    @req:MOS-CONTENT-5
    Examples: enumerations
      | requirement   | what                                                                    |
      | MOS-CONTENT-5 | Every enumerated value the system sent is one MOS 2.8.5 defines          |

    @req:MOS-CONTENT-6
    Examples: formats
      | requirement   | what                                                                    |
      | MOS-CONTENT-6 | Every time, duration and number the system sent has MOS 2.8.5's format   |

    @req:MOS-CONTENT-7
    Examples: added tags
      | requirement   | what                                                                    |
      | MOS-CONTENT-7 | Tags the system added are inside mosExternalMetadata                     |

    @req:MOSWS-TRANSPORT-1
    Examples: one message per frame
      | requirement       | what                                                                  |
      | MOSWS-TRANSPORT-1 | Every WebSocket message the system sent is one MOS message, as text    |

    @req:MOSWS-TRANSPORT-2
    Examples: replies on their request's socket
      | requirement       | what                                                                  |
      | MOSWS-TRANSPORT-2 | Every reply the system sent went back on its request's socket          |

    @req:MOSWS-KA-1
    Examples: keepAlive envelope
      | requirement | what                                                                        |
      | MOSWS-KA-1  | Every keepAlive the system sent is a valid mos envelope                      |

    @req:MOSWS-KA-4
    Examples: keepAlive without messageID
      | requirement | what                                                                        |
      | MOSWS-KA-4  | Every keepAlive the system sent is without a messageID                       |

    @req:MOSWS-AUTH-3
    Examples: no credentials in URLs
      | requirement  | what                                                                       |
      | MOSWS-AUTH-3 | No connection request URL of the system carries a credential                |

    @req:MOSWS-DEPR-1
    Examples: no deprecated messages
      | requirement  | what                                                                       |
      | MOSWS-DEPR-1 | The system sent no deprecated message                                       |

    @req:SEC-SECRET-1
    Examples: no credentials echoed
      | requirement  | what                                                                       |
      | SEC-SECRET-1 | No answer of the system echoes a password or Basic token                    |
