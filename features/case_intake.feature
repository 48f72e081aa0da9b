Feature: Case intake
  As a listing officer at Northgate Magistrates' Court
  I want to open a case with its defendants, their addresses and their offences
  So that hearings can be listed and results recorded against the right people

  Rule: A new case is open at the listing officer's court centre and has no hearings yet

    @critical
    Scenario: Opening a case for one defendant
      When the listing officer opens a case for one defendant
      Then the case is open at Northgate Magistrates' Court
      And the case has 1 defendant and no hearings

    Scenario: Opening a case for several defendants
      When the listing officer opens a case for three defendants
      Then the case is open at Northgate Magistrates' Court
      And the case has 3 defendants and no hearings
      And each defendant has their own record on the case

    Scenario: Finding a case by its reference
      Given a case with one defendant has been opened
      When the listing officer searches for the case by its reference
      Then the case is among the search results

  Rule: A case reference is 6 to 20 upper-case letters and digits, and identifies one case only

    Scenario Outline: A reference of <length> characters is accepted
      When the listing officer opens a case whose reference is <length> letters and digits long
      Then the case is open at Northgate Magistrates' Court

      Examples: Shortest
        | length |
        | 6      |

      Examples: Longest
        | length |
        | 20     |

    Scenario Outline: A reference of <length> characters is refused
      When the listing officer opens a case whose reference is <length> letters and digits long
      Then the case is refused, with a reason given for the case reference

      Examples: One too short
        | length |
        | 5      |

      Examples: One too long
        | length |
        | 21     |

    Scenario: A reference in lower case is refused
      When the listing officer opens a case whose reference is in lower case
      Then the case is refused, with a reason given for the case reference

    @critical
    Scenario: A reference already in use is refused
      Given a case with one defendant has been opened
      When the listing officer opens another case with the same reference
      Then the case is refused because its reference is already in use
      And the first case still has its own defendant

  Rule: Every defendant needs an address with a first line and a UK postcode

    Scenario Outline: A postcode written as <postcode> is accepted
      When the listing officer opens a case for a defendant living at postcode <postcode>
      Then the case is open at Northgate Magistrates' Court

      Examples: Written in capitals with a space
        | postcode |
        | SW1A 1AA |

      Examples: Written in lower case without a space
        | postcode |
        | sw1a1aa  |

    Scenario Outline: An address that <problem> is refused
      When the listing officer opens a case for a defendant whose address <problem>
      Then the case is refused, with a reason given for the first defendant's <field>

      Examples: Missing or wrong parts
        | problem                                  | field              |
        | has no postcode                          | postcode           |
        | has a postcode that is not a UK postcode | postcode           |
        | has no first line                        | address first line |
