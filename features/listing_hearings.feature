Feature: Listing hearings
  As a listing officer
  I want to list hearings for open cases in the right courtroom, on the right day, at the right time
  So that every court centre has an accurate list and legal advisers can record results against it

  Background:
    Given a case with one defendant has been opened

  Rule: A listed hearing is on its court centre's list for that day, waiting for results

    @critical
    Scenario Outline: Listing a <kind> hearing
      When the listing officer lists a <kind> hearing in courtroom <courtroom> tomorrow at <time>
      Then the hearing is on tomorrow's court list for Northgate Magistrates' Court in courtroom <courtroom> at <time>
      And it is waiting for results

      Examples: Hearings before a decision
        | kind             | courtroom | time  |
        | first appearance | 1         | 10:00 |
        | plea             | 2         | 10:30 |
        | bail application | 3         | 11:00 |
        | mention          | 1         | 12:15 |

      Examples: Trials and sentencing
        | kind     | courtroom | time  |
        | trial    | 4         | 14:00 |
        | sentence | 2         | 15:30 |

    Scenario: A case can be listed again for a later hearing
      Given the case has been listed for a first appearance tomorrow
      When the listing officer lists a trial hearing in courtroom 2 in 28 days at 10:00
      Then the case has 2 hearings

    Scenario: A hearing in summer time is listed at the London time the court sits
      When the listing officer lists a trial hearing in courtroom 1 on the first Monday of next July at 09:30
      Then the hearing starts at 09:30 London time, which is 08:30 GMT

  Rule: Only the kinds of hearing the court holds can be listed

    Scenario: A hearing of an unknown kind is refused
      When the listing officer lists a hearing of a kind the court does not hold
      Then the hearing is refused, with a reason given for the hearing type

  Rule: Each court centre's list shows only its own hearings

    @security
    Scenario: Southbridge's listing officer cannot see Northgate's court list
      Given the case has been listed for a first appearance tomorrow
      When the listing officer of Southbridge Magistrates' Court asks for tomorrow's court list for Northgate Magistrates' Court
      Then the hearing is not disclosed to them
