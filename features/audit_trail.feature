Feature: Audit trail
  As a court admin
  I want every change to a case recorded with who made it and when
  So that the court can show how a result came to be, and staff can trust that what they saved stands

  Rule: Every change to a case is recorded, oldest first, with who made it

    @critical
    Scenario: Opening a case is recorded
      When the listing officer opens a case for one defendant
      Then the court admin sees in the case's audit trail that the listing officer opened it

    @critical
    Scenario: Listing, recording and sharing are recorded in the order they happened
      Given a case with one defendant has been opened
      And the case has been listed for a first appearance tomorrow
      When the legal adviser shares a result of a fine for the defendant
      Then the court admin sees in the case's audit trail changes by, in this order:
        | who             |
        | listing officer |
        | listing officer |
        | legal adviser   |

    Scenario: Amending a shared result is recorded too
      Given a case with one defendant has been opened
      And the case has been listed for a first appearance tomorrow
      And the legal adviser has shared a result of an adjournment on unconditional bail for the defendant
      And the court admin has read the case's audit trail
      When the legal adviser amends the result to remand in custody and shares it again
      Then the court admin sees more changes by the legal adviser in the case's audit trail than before the amendment

    @test_mode
    Scenario: Re-sending a rejected EM order is recorded
      Given a case with one defendant has been opened
      And the case has been listed for a first appearance tomorrow
      And the EM provider will reject the next order
      And the defendant has been bailed with an electronically monitored curfew from 19:00 to 07:00 starting tomorrow
      And the order has been rejected
      When the court admin re-sends the order
      Then the court admin sees in the case's audit trail a change by the court admin

  Rule: A court centre's audit trail is not disclosed to another court centre

    @security
    Scenario: Southbridge's court admin learns nothing about a Northgate case's audit trail
      Given a case with one defendant has been opened
      When the court admin of Southbridge Magistrates' Court reads the case's audit trail
      Then they learn no more than they would about a case that does not exist
