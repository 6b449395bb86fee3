"""Findings over time in English: the text the audit has always written."""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    "trend.scale.relative": "relative",
    "trend.scale.absolute": "absolute",
    "trend.novelty": (
        "the {scale} lift of {metric} in {arm} fades with time since first exposure ({week0} "
        "in week 0, {slope} per week, adjusted p = {p:g2}): a novelty effect; the lasting "
        "lift is likely smaller than the total"
    ),
    "trend.grows": (
        "the {scale} lift of {metric} in {arm} grows with time since first exposure ({week0} "
        "in week 0, {slope} per week, adjusted p = {p:g2}): users are still learning"
    ),
    "trend.worsens": (
        "the {scale} lift of {metric} in {arm} gets worse with time since first exposure "
        "({week0} in week 0, {slope} per week, adjusted p = {p:g2})"
    ),
    "trend.advice": (
        "judge the arm on its later weeks (trend.by_exposure_week) and run longer before "
        "extrapolating"
    ),
    "calendar.differs": (
        "the {scale} lift of {metric} in {arm} differs for units first exposed during "
        "{period} ({start} to {end}): {lift_in} in it, {lift_without} without it "
        "(adjusted p = {p:g2})"
    ),
    "calendar.advice": (
        "quote the lift without the period for ordinary weeks; expect the in-period lift only "
        "when the period repeats"
    ),
    "governance.shifts": (
        "the {scale} lift of {metric} in {arm} shifts with '{change}' ({date}): {before} for "
        "units first exposed before it, {after} after (adjusted p = {p:g2})"
    ),
    "governance.advice": (
        "quote the lift of units first exposed after the change for the site as it is now; "
        "freeze unrelated changes during tests"
    ),
}
