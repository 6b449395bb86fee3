"""Findings over time in Swedish."""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    "trend.scale.relative": "relativa",
    "trend.scale.absolute": "absoluta",
    "trend.novelty": (
        "den {scale} lyften för {metric} i {arm} avtar med tiden sedan första exponeringen "
        "({week0} vecka 0, {slope} per vecka, justerat p = {p:g2}): en nyhetseffekt; den "
        "bestående lyften är troligen mindre än den totala"
    ),
    "trend.grows": (
        "den {scale} lyften för {metric} i {arm} växer med tiden sedan första exponeringen "
        "({week0} vecka 0, {slope} per vecka, justerat p = {p:g2}): användarna lär sig "
        "fortfarande"
    ),
    "trend.worsens": (
        "den {scale} lyften för {metric} i {arm} försämras med tiden sedan första "
        "exponeringen ({week0} vecka 0, {slope} per vecka, justerat p = {p:g2})"
    ),
    "trend.advice": (
        "bedöm varianten efter dess senare veckor (trend.by_exposure_week) och kör längre "
        "innan du räknar upp"
    ),
    "calendar.differs": (
        "den {scale} lyften för {metric} i {arm} skiljer sig för enheter som exponerades "
        "första gången under {period} ({start} till {end}): {lift_in} under perioden, "
        "{lift_without} utan den (justerat p = {p:g2})"
    ),
    "calendar.advice": (
        "ange lyften utan perioden för vanliga veckor; räkna med lyften under perioden bara "
        "när perioden återkommer"
    ),
    "governance.shifts": (
        "den {scale} lyften för {metric} i {arm} skiftar med '{change}' ({date}): {before} för "
        "enheter som exponerades första gången före den, {after} efter (justerat p = {p:g2})"
    ),
    "governance.advice": (
        "ange lyften för enheter som exponerades första gången efter ändringen för sajten som "
        "den är nu; frys orelaterade ändringar under tester"
    ),
}
