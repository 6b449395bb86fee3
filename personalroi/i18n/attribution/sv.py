"""Attribution findings in Swedish."""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    "att.finding": (
        "{arm}: personaliserade kontakter får {share} av det konverterade värdet över de sex "
        "modellerna, mot {base} i kontrollen {control}: {verdict}"
    ),
    "att.share.one": "{share:loc}",
    "att.share.span": "{low:loc} till {high:loc}",
    "att.share.none": "ingenting (inget konverterat värde)",
    "att.more": "större andel än i kontrollen i {n:int} av {of:int} regelmodeller",
    "att.less": "mindre andel än i kontrollen i {n:int} av {of:int} regelmodeller",
    "att.mixed": "större andel i vissa regelmodeller och mindre i andra",
    "att.same": "ingen signifikant skillnad mot kontrollen i någon regelmodell",
    "att.not_in_roi": (
        "Attribution fördelar värdet en variant konverterade på kontakterna före varje "
        "konvertering; den skapar inget värde och är observationell, så ROI lägger aldrig till "
        "den (intäktslyftet mot kontrollen innehåller redan den kausala effekten)."
    ),
}
