Feature: Names and data quality
  In 2022 court staff reported names that the system would not let them enter. A defendant's name must be
  accepted as the person spells it, in any alphabet, with accents, apostrophes, hyphens and Welsh letters,
  and kept exactly as entered; entries that are plainly wrong are refused with a reason staff can act on.

  Rule: Names are accepted and kept exactly as spelled

    @critical @ui
    Scenario Outline: <first name> <last name> is accepted and kept exactly as entered
      When the listing officer opens a case for a defendant named "<first name>" "<last name>"
      Then the case shows the defendant's name exactly as entered

      Examples: English and Irish names
        | first name  | last name   |
        | Christopher | Smith       |
        | Seán        | O'Brien     |
        | Ruth        | O’Connor    |
        | Anne-Marie  | Smith-Jones |
        | J. R.       | Hartley     |

      Examples: Welsh names
        | first name | last name    |
        | Siân       | Lloyd        |
        | Llŷr       | ap Iorwerth  |
        | Gwenllïan  | ferch Dafydd |

      Examples: Names from other alphabets
        | first name | last name |
        | Văn An     | Nguyễn    |
        | Łukasz     | Wróbel    |
        | Zoë        | Brontë    |
        | Мария      | Иванова   |
        | 小龙         | 李         |

  Rule: A name is at most 100 characters

    @ui
    Scenario Outline: A <part> name of 100 characters is accepted
      When the listing officer opens a case for a defendant whose <part> name is 100 characters long
      Then the case shows the defendant's name exactly as entered

      Examples: Longest
        | part  |
        | first |
        | last  |

    @ui
    Scenario Outline: A <part> name of 101 characters is refused
      When the listing officer opens a case for a defendant whose <part> name is 101 characters long
      Then the case is refused, with a reason given for the first defendant's <part> name

      Examples: One character too long
        | part  |
        | first |
        | last  |

  Rule: A name with digits, or without any letter, is refused with a clear reason

    @ui
    Scenario Outline: A <part> name written "<written>" is refused
      When the listing officer opens a case for a defendant whose <part> name is written "<written>"
      Then the case is refused, with a clear reason given for the first defendant's <part> name

      Examples: Digits
        | part  | written |
        | first | J0hn    |
        | last  | Smith2  |

      Examples: No letters at all
        | part  | written |
        | first | -'.     |
