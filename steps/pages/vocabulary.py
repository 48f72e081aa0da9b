"""The words the pages use for the contract's codes (the browser reads words, the scenarios speak codes)."""

from __future__ import annotations

OUTCOMES = {
    "ADJOURNED_UNCONDITIONAL_BAIL": "Adjourned – unconditional bail",
    "ADJOURNED_CONDITIONAL_BAIL": "Adjourned – conditional bail",
    "REMANDED_IN_CUSTODY": "Adjourned – remanded in custody",
    "COMMUNITY_ORDER": "Community order",
    "CUSTODIAL_SENTENCE": "Custodial sentence",
    "FINE": "Fine",
    "DISCHARGE": "Discharge",
    "ACQUITTED": "Acquitted",
}
CUSTODY = {
    "IN_CUSTODY": "In custody", "CONDITIONAL_BAIL": "Conditional bail", "UNCONDITIONAL_BAIL": "Unconditional bail",
    "AT_LARGE": "At large", "NOT_APPLICABLE": "Not applicable",
}
STATUSES = {  # badges
    "LISTED": "Listed", "RESULTED": "Resulted", "AMENDED": "Amended", "DRAFT": "Draft", "SHARED": "Shared",
    "PENDING": "Pending", "SENT": "Sent", "ACKNOWLEDGED": "Acknowledged", "REJECTED": "Rejected",
    "EM_ORDER_REJECTED": "Order rejected", "EM_ORDER_OVERDUE": "Order overdue",
    "NOTIFICATION_FAILING": "Notification failing", "ACTIVE": "Active", "CLOSED": "Closed",
    "OVERDUE": "Overdue", "FAILED": "Failed",
}
HEARING_TYPES = {
    "FIRST_APPEARANCE": "First appearance", "PLEA": "Plea", "BAIL_APPLICATION": "Bail application",
    "MENTION": "Mention", "TRIAL": "Trial", "SENTENCE": "Sentence",
}
AGENCIES = {"em-provider": "EM provider", "prison": "Prison", "probation": "Probation"}
AUDIT_ACTIONS = {
    "CASE_CREATED": "Opened the case", "HEARING_LISTED": "Listed a hearing", "RESULT_DRAFTED": "Saved a draft result",
    "RESULTS_SHARED": "Shared results", "EM_ORDER_RESENT": "Re-sent an EM order",
    "EM_ORDER_ACKNOWLEDGED": "EM order acknowledged by the provider", "EM_ORDER_REJECTED": "EM order rejected by the provider",
    "EM_ORDER_OVERDUE": "EM order overdue",
}
WEEKDAYS = {"MON": "Monday", "TUE": "Tuesday", "WED": "Wednesday", "THU": "Thursday", "FRI": "Friday",
            "SAT": "Saturday", "SUN": "Sunday"}


def code_for(words: str, vocabulary: dict[str, str]) -> str:
    """The code the page's words stand for (badges are shown in capitals, so compare without case)."""
    wanted = " ".join(words.split()).casefold()
    for code, shown in vocabulary.items():
        if shown.casefold() == wanted:
            return code
    raise LookupError(f"The page shows '{words}', which is none of: {', '.join(vocabulary.values())}")
