"""The checklist in Swedish."""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    "check.srm": (
        "obalans i gruppstorlek (SRM, p = {p:g2}): varianterna är inte fördelade som planerat"
    ),
    "check.srm_no_p": "obalans i gruppstorlek (SRM): varianterna är inte fördelade som planerat",
    "check.srm.advice": "hitta felet i tilldelningen eller loggningen innan du litar på någon lyft",
    "check.hypothesis": "ingen hypotes: inget säger vad testet skulle visa",
    "check.hypothesis.advice": (
        "skriv den före testet i experiment.hypothesis, med mätvärdet och den minsta lyft som "
        "spelar roll (t.ex. 'rekommendationer höjer intäkten per besökare med 3 %')"
    ),
    "check.goals": "{n} mätvärde(n) utan mål: {names}",
    "check.goals.advice": (
        "ge vart och ett ett mål (t.ex. goal: {{relative_lift: 0.03}}) så att scorekortet kan "
        "bedöma det, eller weight: 0 för att visa det utan poäng"
    ),
    "check.baseline": "ingen kovariat från förperioden (CUPED)",
    "check.baseline.advice": (
        "lägg till units.covariates, t.ex. {{revenue_per_visitor: pre_revenue}}, för att minska "
        "variansen"
    ),
    "check.baseline_revenue": "intäktsmåttet {metric} har ingen kovariat från förperioden",
    "check.baseline_revenue.advice": (
        "lägg till units.covariates.{metric}: <förperiodens intäktskolumn>"
    ),
    "check.clv": "CLV mäts inte: ROI räknar bara kortsiktig intäkt",
    "check.clv.advice": (
        "utan CLV ingen hel bild: lägg till en källa med orderhistorik och ett mätvärde av typen "
        "clv"
    ),
    "check.engagement": "inget engagemangsmått (avvisningsfrekvens, sidor, tid på sajten, CTR)",
    "check.engagement.advice": (
        "lägg till en sessionskälla och engagemangsmått för att se varför intäkten rör sig"
    ),
    "check.insights": (
        "inga engagemangsanalyser: tid på sajten mot konvertering, sidor per session, värdet av "
        "en förhindrad avvisning, CTR för personaliserade element"
    ),
    "check.insights.advice": (
        "lägg till ett avsnitt engagement som namnger sessionskällan och dess kolumner"
    ),
    "check.insights_partial": "engagemangsanalyser utan {parts}",
    "check.insights_partial.advice": "ange {keys}",
    "check.insights_partial.advice_clicks": "ange {keys} (alla fyra klickkolumner)",
    "check.insight.time_on_site": "tid på sajten mot konvertering",
    "check.insight.pages": "fördelning av sidor per session",
    "check.insight.bounced": "avvisningsfrekvens per segment",
    "check.insight.value": "penningvärdet av en förhindrad avvisning",
    "check.insight.personalized_clicks": "CTR för personaliserade mot standardelement",
    "check.insight.segment": "uppdelning per segment",
    "check.voice": "inget NPS- eller nöjdhetsmått",
    "check.voice.advice": (
        "fråga ett urval i varje variant och lägg till ett mätvärde av typen nps"
    ),
    "check.qualitative": (
        "ingen kvalitativ feedbackkälla (kommentarer, recensioner, intervjuer, "
        "sessionsinspelningar)"
    ),
    "check.qualitative.advice": (
        "lägg till fritextsvaren eller recensionerna per besökare som källa (t.ex. "
        "sources.feedback) och läs dem per variant: NPS säger hur mycket, kommentarer säger varför"
    ),
    "check.segments": "ingen uppdelning per segment eller kanal",
    "check.segments.advice": "lägg till units.dimensions (t.ex. segment, channel, device)",
    "check.channels": (
        "ingen uppdelning per kanal eller kontaktpunkt: samstämmigheten mellan kanaler granskas "
        "aldrig"
    ),
    "check.channels.advice": (
        "lägg till en kanal-/kontaktpunktskolumn i units.dimensions; granskningen flaggar då en "
        "variant som hjälper i en kanal och skadar i en annan"
    ),
    "check.costs": "inga kostnader angivna: ROI är odefinierad",
    "check.costs.advice": "lägg till kostnader för teknik, personal och löpande drift",
    "check.cost_category": "inga kostnader för {category}: investeringen är underskattad",
    "check.cost_category.advice": (
        "lägg till kostnaderna för {category} (one_off, monthly eller annual)"
    ),
    "check.category.technology": "teknik",
    "check.category.personnel": "personal",
    "check.category.ongoing": "löpande drift",
    "check.savings": "inga kostnadsbesparingar medräknade",
    "check.savings.advice": (
        "lägg till besparingar (marknadsföringseffektivitet, drift) om personaliseringen ger några"
    ),
    "check.revenue_metric": "ingen economics.revenue_metric: ingen intäktslyft, ingen ROI",
    "check.revenue_metric.advice": (
        "sätt economics.revenue_metric till mätvärdet intäkt per besökare"
    ),
    "check.traffic": "economics.eligible_units_per_month är 0: inget att räkna upp",
    "check.traffic.advice": (
        "ange den månatliga trafik som skulle få den personaliserade upplevelsen"
    ),
    "check.margin": "ROI räknas på intäkt, inte bruttovinst",
    "check.margin.advice": ("sätt economics.gross_margin så att ROI jämför vinst med kostnad"),
    "check.attribution": (
        "ingen flerkanalsattribution: kontaktpunkter bedöms i bästa fall efter sista klick"
    ),
    "check.attribution.advice": (
        "lägg till ett avsnitt attribution med en källa för kontaktpunkter"
    ),
    "check.calendar": "ingen kalender över kampanjer och helgdagar",
    "check.calendar.advice": (
        "för in rea och helgdagar under calendar så att lyften visas med och utan dem"
    ),
    "check.trend": (
        "{why}: trend och nyhetseffekt kan inte kontrolleras (lyft per vecka sedan "
        "exponering, med och utan kalenderperioder)"
    ),
    "check.trend.advice": (
        "lägg till units.timestamp med varje enhets första exponering (data per enhet)"
    ),
    "check.trend_aggregated": "aggregerad indata har inga exponeringstider per enhet",
    "check.trend_no_timestamp": "ingen units.timestamp (första exponering)",
    "check.changes": (
        "{n} andra ändringar gick live under testet (max_concurrent_changes är {most})"
    ),
    "check.changes.advice": (
        "frys orelaterade ändringar under tester; avsnittet governance visar varje ändrings "
        "lyft för enheter som exponerades första gången före och efter den"
    ),
    "check.change_log": "ingen ändringslogg för testfönstret",
    "check.change_log.advice": "för in andra ändringar på sajten under governance.changes",
    "check.cadence_off": "granskningsrytmen kontrolleras inte: {why}",
    "check.cadence_off.advice": (
        "behåll granskningshistoriken (standard) och kör granskningen minst var {every}:e dag, "
        "t.ex. från cron"
    ),
    "check.history_off": "granskningshistoriken är avstängd (--no-history)",
    "check.cadence_late": (
        "ingen granskning på {days:f0} dagar före denna (granskning var {every}:e dag, {source})"
    ),
    "check.cadence_late.advice": (
        "schemalägg granskningen från cron eller CI med --sequential så att regelbundna "
        "avläsningar förblir giltiga"
    ),
    "check.every_configured": "governance.audit_every_days",
    "check.every_default": "standard när inget anges",
}
