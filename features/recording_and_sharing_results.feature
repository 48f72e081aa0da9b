Feature: Recording and sharing results
  As a legal adviser in court
  I want to record each defendant's result as the hearing goes, and share the results when it ends
  So that custody records, the prison, probation and the EM provider all act on what the court decided

  In 2022 staff reported results that vanished or changed after saving: a result stays a draft until it
  is shared, nobody's newer work is overwritten, and the latest shared result is the one that stands.

  Background:
    Given a case with one defendant has been opened
    And the case has been listed for a first appearance tomorrow

  Rule: Sharing a result sets the defendant's custody status and tells the agencies that act on it

    @critical @ui
    Scenario Outline: Sharing a result of <outcome>
      When the legal adviser shares a result of <outcome> for the defendant
      Then the hearing is resulted
      And the defendant is <custody status>
      And <agency> told about the result

      Examples: Adjournments
        | outcome                              | custody status        | agency        |
        | an adjournment on unconditional bail | on unconditional bail | no agency is  |
        | an adjournment on conditional bail   | on conditional bail   | no agency is  |
        | remand in custody                    | in custody            | the prison is |

      Examples: Final outcomes
        | outcome              | custody status                 | agency        |
        | a community order    | neither on bail nor in custody | probation is  |
        | a custodial sentence | in custody                     | the prison is |
        | a fine               | neither on bail nor in custody | no agency is  |
        | a discharge          | neither on bail nor in custody | no agency is  |
        | an acquittal         | neither on bail nor in custody | no agency is  |

  Rule: A result is a draft until the legal adviser shares it

    @ui
    Scenario: A drafted result tells nobody
      When the legal adviser records a result of remand in custody for the defendant
      Then the result is saved as a draft
      And the hearing is waiting for results
      And no agency is told about the result

    @ui
    Scenario: Sharing again with nothing new is refused
      Given the legal adviser has shared a result of a fine for the defendant
      When the legal adviser shares the hearing again without changing anything
      Then sharing is refused because there is nothing new to share

  Rule: Nobody's newer work is silently overwritten

    @critical @ui
    Scenario: Saving over a colleague's newer change is refused
      Given the legal adviser has opened the hearing to record results
      And a colleague has since recorded a result of a fine for the defendant
      When the legal adviser saves a result of a discharge for the defendant on the hearing as they opened it
      Then the result is refused because someone else changed the hearing meanwhile
      And the defendant's draft result is still a fine

    @critical @ui
    Scenario: Two legal advisers save the same defendant's result at the same time
      Given the legal adviser and a colleague both have the defendant's result form open
      When the legal adviser saves a result of a fine on their open form
      And the colleague saves a result of a discharge on the form they opened earlier
      Then the colleague's save is refused because someone else changed the hearing meanwhile
      And the defendant's draft result is still a fine

  Rule: The latest shared result is the one that stands

    @critical @ui
    Scenario: Amending a shared result
      Given the legal adviser has shared a result of an adjournment on unconditional bail for the defendant
      When the legal adviser amends the result to remand in custody and shares it again
      Then the hearing is amended
      And the defendant is in custody
      And the prison is told about the result

  Rule: A community order lasts 1 to 36 months

    @ui
    Scenario Outline: A community order of <months> months is accepted
      When the legal adviser records a community order of <months> months for the defendant
      Then the result is saved as a draft

      Examples: Shortest
        | months |
        | 1      |

      Examples: Longest
        | months |
        | 36     |

    @ui
    Scenario Outline: A community order of <months> months is refused
      When the legal adviser records a community order of <months> months for the defendant
      Then the result is refused, with a reason given for the order length

      Examples: Too short
        | months |
        | 0      |

      Examples: One month too long
        | months |
        | 37     |

  Rule: Electronic monitoring is only part of conditional bail or a community order

    Scenario Outline: An electronically monitored curfew with <outcome> is refused
      When the legal adviser records a result of <outcome> with an electronically monitored curfew for the defendant
      Then the result is refused, with a reason given for the curfew

      Examples: Outcomes that cannot carry monitoring
        | outcome                              |
        | an adjournment on unconditional bail |
        | remand in custody                    |
        | a fine                               |
