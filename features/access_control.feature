@security
Feature: Access control
  Each member of court staff can do their own job and nothing more, and sees only their own court
  centre's cases. Agencies such as probation can read but never change anything. A case, hearing or
  EM order of another court centre is simply not found, so that even its existence is not disclosed.

  Rule: Each role may do its own work and nothing more

    @ui
    Scenario Outline: The <role> tries to <action>
      Given the <role> of Northgate Magistrates' Court
      When they try to <action>
      Then they are <verdict>

      Examples: Listing officer
        | role            | action                           | verdict                  |
        | listing officer | list the court centres           | allowed                  |
        | listing officer | open a case                      | allowed                  |
        | listing officer | read a case and its hearings     | allowed                  |
        | listing officer | read EM orders and notifications | allowed                  |
        | listing officer | list a hearing                   | allowed                  |
        | listing officer | draft a result                   | refused as not permitted |
        | listing officer | share results                    | refused as not permitted |
        | listing officer | read the work queue              | refused as not permitted |
        | listing officer | re-send an EM order              | refused as not permitted |
        | listing officer | read the audit trail             | refused as not permitted |

      Examples: Legal adviser
        | role          | action                           | verdict                  |
        | legal adviser | list the court centres           | allowed                  |
        | legal adviser | open a case                      | refused as not permitted |
        | legal adviser | read a case and its hearings     | allowed                  |
        | legal adviser | read EM orders and notifications | allowed                  |
        | legal adviser | list a hearing                   | refused as not permitted |
        | legal adviser | draft a result                   | allowed                  |
        | legal adviser | share results                    | allowed                  |
        | legal adviser | read the work queue              | refused as not permitted |
        | legal adviser | re-send an EM order              | refused as not permitted |
        | legal adviser | read the audit trail             | refused as not permitted |

      Examples: Court admin
        | role        | action                           | verdict                  |
        | court admin | list the court centres           | allowed                  |
        | court admin | open a case                      | refused as not permitted |
        | court admin | read a case and its hearings     | allowed                  |
        | court admin | read EM orders and notifications | allowed                  |
        | court admin | list a hearing                   | refused as not permitted |
        | court admin | draft a result                   | refused as not permitted |
        | court admin | share results                    | refused as not permitted |
        | court admin | read the work queue              | allowed                  |
        | court admin | re-send an EM order              | allowed                  |
        | court admin | read the audit trail             | allowed                  |

      Examples: Agency viewer
        | role          | action                           | verdict                  |
        | agency viewer | list the court centres           | allowed                  |
        | agency viewer | open a case                      | refused as not permitted |
        | agency viewer | read a case and its hearings     | allowed                  |
        | agency viewer | read EM orders and notifications | allowed                  |
        | agency viewer | list a hearing                   | refused as not permitted |
        | agency viewer | draft a result                   | refused as not permitted |
        | agency viewer | share results                    | refused as not permitted |
        | agency viewer | read the work queue              | refused as not permitted |
        | agency viewer | re-send an EM order              | refused as not permitted |
        | agency viewer | read the audit trail             | refused as not permitted |

  Rule: Another court centre's cases, hearings and orders are not found

    @critical @ui
    Scenario Outline: The <role> of Southbridge Magistrates' Court looks for a Northgate case
      Given a case with one defendant has been opened
      When the <role> of Southbridge Magistrates' Court looks for the case
      Then the case is not found

      Examples: Every role
        | role            |
        | listing officer |
        | legal adviser   |
        | court admin     |
        | agency viewer   |

    @ui
    Scenario: A Northgate case does not appear in another court centre's search
      Given a case with one defendant has been opened
      When the listing officer of Southbridge Magistrates' Court searches for the case by its reference
      Then the case is not among the search results

    @critical @ui
    Scenario: A Northgate hearing and its EM order are not found from Southbridge
      Given a case with one defendant has been opened
      And the case has been listed for a first appearance tomorrow
      And the defendant has been bailed with an electronically monitored curfew from 19:00 to 07:00 starting tomorrow
      When the agency viewer of Southbridge Magistrates' Court looks for the hearing and its EM order
      Then neither is found

    @critical @ui
    Scenario: A legal adviser of another court centre cannot record results on a Northgate hearing
      Given a case with one defendant has been opened
      And the case has been listed for a first appearance tomorrow
      When the legal adviser of Eastminster Crown Court tries to record a result of a fine for the defendant
      Then the hearing is not found
      And the defendant has no draft result

    @ui
    Scenario: A listing officer of another court centre cannot list a hearing on a Northgate case
      Given a case with one defendant has been opened
      When the listing officer of Southbridge Magistrates' Court tries to list a hearing for the case
      Then the case is not found
      And the case has 0 hearings

  Rule: Only signed-in staff can use the platform

    @critical @ui
    Scenario: Someone who has not signed in is asked to sign in
      When someone who has not signed in tries to read the court centres
      Then they are asked to sign in

    Scenario: A forged pass is not accepted
      When someone with a forged pass tries to read the court centres
      Then they are asked to sign in

    @ui
    Scenario: A wrong password is refused
      When the agency viewer of Eastminster Crown Court signs in with a wrong password
      Then signing in is refused
