"""Svenska: för analytiker som läser rapporten och skickar den vidare.

Samma nycklar och fält som `en.py`. "Arm" heter här variant och kontrollgruppen
kontrollgrupp; fackord som används i svenskt experimenterande (break-even, CTR,
CUPED) står kvar.
"""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    # Talformat
    "fmt.money": "{sign}{amount} {currency}",
    "fmt.list_sep": "; ",
    # Lyft med intervall (granskningens meningar)
    "lift.none": "–",
    "lift.pct": "{lift:pct1}",
    "lift.pct_ci": "{lift:pct1} [{low:pct1}, {high:pct1}]",
    "lift.pts": "{lift:pts1} poäng",
    "lift.pts_ci": "{lift:pts1} [{low:pts1}, {high:pts1}] poäng",
    "lift.abs": "{lift:sg4}",
    "lift.abs_ci": "{lift:sg4} [{low:sg4}, {high:sg4}]",
    "roi.phrase": "ROI {roi:spct0}{ci}{chance}",
    "roi.ci": " ({level:pct0} KI {low:spct0} till {high:spct0})",
    "roi.chance": ", {p:pct0} chans att den lönar sig",
    # Utlåtande
    "verdict.headline": "{srm}{body}{harms}.",
    "verdict.srm_lead": "Skev trafikfördelning (SRM), lyften är opålitliga; ",
    "verdict.pays": "{arm} lönar sig: {money}",
    "verdict.promising": "{arm} ser lovande ut men är inte bevisad: {money}",
    "verdict.does_not_pay": "{arm} lönar sig inte: {money}",
    "verdict.inconclusive": "Inget tydligt besked: {arm} med {money}",
    "verdict.unlikely_not_proven": (
        "{arm} lönar sig troligen inte, men det är inte bevisat: {money}"
    ),
    "verdict.would_pay": "{arm} skulle löna sig, {money}",
    "verdict.harmed": "; försämrat:",
    "verdict.but_it_harms": ", men den försämrar",
    "verdict.harm_clause": "{lead} {named:join}{more}",
    "verdict.more": " och {n} till",
    "verdict.harmful": "Skadlig: {harm}; rulla inte ut {arm}{alternative}",
    "verdict.alternative": "; {arm}: {money}",
    "verdict.no_money": (
        "Inget ekonomiskt besked ({why}): {better} av {total} måttjämförelser signifikant "
        "bättre, {worse} signifikant sämre"
    ),
    "verdict.no_revenue_metric": "inget intäktsmått",
    "verdict.no_costs": "inga kostnader eller inget intäktslyft",
    "harm.short": "{metric}{who}{where} {lift}",
    "harm.in_arm": " i {arm}",
    "harm.for_level": " för {dimension} {level}",
    "reason.guardrail_worse": "{metric} (skyddsmått) signifikant sämre i {arm}: {lift}",
    "reason.guardrail_not_shown": (
        "{metric} (skyddsmått) har inte visats vara icke-underlägset i {arm}: {lift}"
    ),
    "reason.harm": "{metric} signifikant sämre i {arm}{where}: {lift}",
    "reason.srm": "skev trafikfördelning (SRM, p = {p:g2}): lyften går inte att lita på",
    "reason.data": "datakontrollen {name} underkänd: {detail}",
    "reason.few_buyers": (
        "{metric} vilar på få köpare: {arm} har ungefär {buyers:f0} effektiva köpare "
        '(med intäkten jämnt fördelad), och ett säkert "lönar sig inte" kräver {needed} '
        "per variant: några få stora ordrar avgör både lyftet och dess intervall"
    ),
    # Heterogenitet
    "het.finding": "{parts:semi}",
    "het.differs": (
        "det {scale} lyftet för {metric} i {arm} {lead}: Cochrans Q = {q:f1} med {df} fg, "
        "justerat p = {p:g2}, I^2 = {i2:pct0}; sämst {dimension} {level}: {lift}"
    ),
    "het.scale_relative": "relativa",
    "het.scale_absolute": "absoluta",
    "het.across_channels": "varierar mellan kanalerna (omnikanal)",
    "het.across_levels": "skiljer sig mellan nivåerna av {dimension}",
    "het.simpson": (
        "det totala lyftet för {metric} i {arm} pekar åt motsatt håll mot de flesta nivåer av "
        "{dimension} (Simpsons paradox): kontrollera fördelningen av varianter per nivå innan "
        "du litar på totalen"
    ),
    # Sammanfattning för icke-statistiker
    "summary.tested_one": (
        "Personaliserad variant {arms} mot den generiska upplevelsen (kontrollgrupp "
        "{control}), på {units:int} randomiserade enheter.{hypothesis}"
    ),
    "summary.tested_many": (
        "Personaliserade varianter {arms} mot den generiska upplevelsen (kontrollgrupp "
        "{control}), på {units:int} randomiserade enheter.{hypothesis}"
    ),
    "summary.hypothesis": " Hypotes: {hypothesis}.",
    "summary.worth": (
        "{arm} ger omkring {benefit:money} i {basis} och besparingar över {months} månader "
        "för en investering på {investment:money} (ROI {roi:spct0}){chance}."
    ),
    "summary.chance": "; chansen att den lönar sig är {p:pct0}",
    "basis.gross_profit": "bruttovinst",
    "basis.revenue": "intäkter",
    "summary.nothing_harmed": "Inget försämrades signifikant.",
    "summary.harmed": "{harms:semi}{more}.",
    "summary.harmed_more": "; och {n} till (se förbättringsområden)",
    "summary.below_break_even": (
        "Mer data gör inte att {arm} lönar sig: lyftet ligger under break-even "
        "({lift:pct1} på {metric})."
    ),
    "summary.units_to_prove": (
        "Omkring {units:int} fler enheter per variant, vid det lyft som hittills setts, skulle "
        "få ROI-intervallet att utesluta noll."
    ),
    "summary.units_for_goals": (
        "Omkring {units:int} fler enheter per variant skulle avgöra varje mål med 80 % styrka."
    ),
    "next.pays": ("Rulla ut {arm}, fortsätt bevaka skyddsmåtten och testa nästa idé mot den."),
    "next.promising": (
        "Låt {arm} fortsätta (eller testa den på mer trafik) före en full utrullning."
    ),
    "next.inconclusive": (
        "Besluta inte än: låt testet fortsätta eller testa en djärvare förändring."
    ),
    "next.does_not_pay": "Rulla inte ut {arm}: tänk om kring idén eller sänk kostnaderna.",
    "next.harmful": "Stoppa eller åtgärda {arm} före all utrullning.",
    "next.no_money": (
        "Lägg till kostnaderna och ett intäktsmått i konfigurationen för att se om den lönar sig."
    ),
    "next.harmed": (
        "Åtgärda det som {arm} försämrar, eller rulla bara ut den där den hjälper, före en "
        "bredare utrullning."
    ),
    "next.the_arm": "den personaliserade varianten",
    # Vad som driver ROI-osäkerheten
    "driver.part_conversion": "konverteringslyftet",
    "driver.part_order_value": "ordervärdeslyftet",
    "driver.part_clv": "CLV-prognosen",
    "driver.part_costs": "kostnadsintervallen",
    "driver.part_savings": "besparingsintervallen",
    "driver.settled": (
        "{share:pct0} av ROI-osäkerheten kommer från {part}; intervallet utesluter redan 0."
    ),
    "driver.more_units": (
        "{share:pct0} av ROI-osäkerheten kommer från {part}; omkring {units:int} fler enheter "
        "per variant vid det observerade lyftet skulle avgöra saken."
    ),
    "driver.below_break_even": (
        "{share:pct0} av ROI-osäkerheten kommer från {part}; det observerade lyftet ligger under "
        "break-even, så mer data skulle inte få den att löna sig."
    ),
    "driver.ranges": (
        "{share:pct0} av ROI-osäkerheten kommer från {part}; enbart kostnads- och "
        "besparingsintervallen håller frågan öppen: snäva in dem."
    ),
    # Goal gaps and priorities (scorecard/)
    "gap.goal": "{metric} i {arm}: mål {goal}, uppnått {achieved} ({status})",
    "gap.goal_harmful": (
        "{arm} gör {metric} signifikant sämre: åtgärda eller stoppa den före all utrullning"
    ),
    "gap.goal_missed": "intervallet utesluter målet: se över idén eller målet",
    "gap.goal_run_longer": (
        "låt testet pågå längre: omkring {needed:int} enheter per variant ({extra:int} fler) "
        "upptäcker mållyftet med 80 % styrka"
    ),
    "gap.harm_advice": (
        "ta reda på varför {arm} skadar {metric} och åtgärda det före en utrullning"
    ),
    "gap.harm_advice_level": (
        "ta reda på varför {arm} skadar {metric} för {dimension} {level} och åtgärda det före "
        "en utrullning"
    ),
    "gap.level_harmed_advice": (
        "rulla inte ut {arm} till {dimension} {level} som den är: åtgärda det där eller rulla "
        "bara ut där den hjälper"
    ),
    "gap.uneven_advice": (
        "redovisa {metric} per {dimension}; den totala lyften håller inte överallt"
    ),
    "gap.revenue_split": (
        "inga mått för konverteringsgrad och ordervärde bredvid intäktsmåttet: hela "
        "intäktslyften tillskrivs konverteringen"
    ),
    "gap.revenue_split_advice": (
        "lägg till ett binärt mått på <orders>.count och ett kvotmått "
        "<orders>.amount / <orders>.count"
    ),
    "gap.goal_detectable": (
        "urvalet räcker för att upptäcka målet; lyftet ligger hittills strax under"
    ),
    "priority.recommendation": "{advice}{targeted}",
    "priority.harms": "försämrar signifikant {harm}: åtgärda eller stoppa före all utrullning",
    "priority.roi_unknown": "ROI okänd: komplettera intäktsmåttet och kostnaderna",
    "priority.does_not_pay": (
        "lönar sig inte enligt nuvarande underlag: gör om eller stoppa innan mer pengar läggs"
    ),
    "priority.roll_out": "rulla ut och fortsätt A/B-testa nya idéer mot den som ny kontroll",
    "priority.best_bet": (
        "bästa kortet men ännu inte säkert: fortsätt testa före en full utrullning"
    ),
    "priority.pays_less": "ger mindre per kostnadsenhet än en högre rankad variant",
    "priority.flag_blocked": "försämrar ett skyddsmått eller intäktsmåttet: rankas sist",
    "priority.flag_customers": "försämrar för kunderna (NPS): rankas efter varianter utan skada",
    "priority.targeted": (
        ". Kandidat för riktad utrullning, bevisad där varianten som helhet inte är det: "
        "{named:semi}; bekräfta med ett test i det segmentet"
    ),
    "priority.level": (
        "{dimension} {level} ({share:pct0} av enheterna): ROI {roi:spct0}, P(ROI>0) {p:pct0}"
    ),
}
