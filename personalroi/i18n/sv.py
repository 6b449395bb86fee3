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
    # Enheter och ord bredvid tal
    "unit.pp": "p.e.",
    "unit.pts": "p",
    "unit.mo": "mån",
    "unit.months": "månader",
    "word.yes": "ja",
    "word.no": "nej",
    # Rubrik och utlåtande
    "report.title": "personalroi-granskning: {name}",
    "header.control_vs": "kontrollgrupp {control} mot {arms}",
    "header.alpha": "alfa {alpha}  korrigering {correction}",
    "header.hypothesis": "Hypotes: {hypothesis}",
    "markdown.setup": "Kontrollgrupp {control} mot {arms}; alfa {alpha}, korrigering {correction}.",
    "verdict.label": "UTLÅTANDE",
    "verdict.more_reasons": "{n} skäl till under förbättringsområden nedan",
    "verdict.older_result": (
        "Inget utlåtande i det här resultatet: det sparades av en äldre version av "
        "personalroi; kör granskningen igen."
    ),
    "verdict.status.pays": "Lönar sig",
    "verdict.status.promising": "Lovande, inte bevisad",
    "verdict.status.inconclusive": "Inget tydligt besked",
    "verdict.status.does_not_pay": "Lönar sig inte",
    "verdict.status.harmful": "Skadlig",
    "verdict.status.no_money": "Inga ekonomiska siffror",
    "verdict.reason.roi": "ROI",
    "verdict.reason.harm": "Skada",
    "verdict.reason.guardrail": "Skyddsmått",
    "verdict.reason.heterogeneity": "Segment",
    "verdict.reason.srm": "Trafikfördelning",
    "verdict.reason.data": "Data",
    "verdict.reason.heavy_tail": "Få köpare",
    "score.line": "Poängkort {score:f0}/100, godkäntgräns {mark:g}: {outcome}",
    "score.no_mark": "Poängkort {score:f0}/100 (ingen godkäntgräns satt)",
    "score.pass": "GODKÄNT",
    "score.fail": "UNDERKÄNT",
    "summary.title_markdown": "I korthet",
    "summary.label.tested": "Vad som testades",
    "summary.label.worth": "Vad det är värt",
    "summary.label.harmed": "Vad som försämrades",
    "summary.label.next_step": "Nästa steg",
    "summary.label.data_needed": "Hur mycket mer data som behövs",
    # Kolumnrubriker
    "col.arm": "variant",
    "col.metric": "mått",
    "col.metric_segment": "mått: segment",
    "col.segment": "segment",
    "col.control": "kontroll",
    "col.treatment": "variant",
    "col.lift_ci": "lyft [KI]",
    "col.lift_ci_paren": "lyft (KI)",
    "col.lift_level_ci": "lyft ({level} KI)",
    "col.abs_lift_ci": "abs. lyft [KI]",
    "col.rel_lift_ci": "rel. lyft [KI]",
    "col.p": "p",
    "col.p_adj": "just. p",
    "col.p_beat": "P(slår kontroll)",
    "col.status": "status",
    "col.invest": "invest.",
    "col.investment": "investering",
    "col.benefit": "nytta",
    "col.revenue_lift": "intäktslyft",
    "col.savings": "besparingar",
    "col.roi": "ROI",
    "col.roi_ci": "ROI [{level} KI]",
    "col.roi_ci_plain": "ROI [KI]",
    "col.p_roi": "P(ROI>0)",
    "col.npv": "nuvärde",
    "col.payback": "återbetalning",
    "col.payback_short": "återbet.",
    "col.npv_short": "nuvärde",
    "col.break_even": "break-even",
    "col.break_even_lift": "break-even-lyft",
    "col.benefit_cost": "nytta/kostnad",
    "col.assumption": "antagande",
    "col.low": "lågt",
    "col.high": "högt",
    "col.roi_low": "ROI vid lågt",
    "col.roi_high": "ROI vid högt",
    "col.npv_low": "nuvärde vid lågt",
    "col.npv_high": "nuvärde vid högt",
    "col.dimension": "dimension",
    "col.level": "nivå",
    "col.share": "andel",
    "col.rank": "rang",
    "col.flag": "flagga",
    "col.recommendation": "rekommendation",
    "col.goal": "mål",
    "col.item": "post",
    "col.weight": "vikt",
    "col.target": "målvärde",
    "col.achieved": "uppnått",
    "col.attainment": "måluppfyllelse",
    "col.severity": "allvar",
    "col.area": "område",
    "col.finding": "iakttagelse",
    "col.finding_todo": "iakttagelse → vad som ska göras",
    "col.pre_column": "förperiodskolumn",
    "col.before": "före",
    "col.vs_control": "mot kontroll",
    "col.during_test": "i testet",
    "col.change": "ändring",
    "col.buyers_units": "köpare/enheter",
    "col.repeat": "återköp",
    "col.orders": "ordrar",
    "col.days_apart": "dagar emellan",
    "col.categories": "kategorier",
    "col.clv_so_far": "CLV hittills",
    "col.forecast": "prognos",
    "col.measure": "nyckeltal",
    "col.reading": "tolkning",
    "col.slope": "trend",
    "col.period": "period",
    "col.with": "med",
    "col.without": "utan",
    "col.in_period": "i perioden",
    "col.r_time_conv": "r(tid,konv.)",
    "col.pages_session": "sidor/session",
    "col.one_page": "1 sida",
    "col.bounce_lift": "avvisning, lyft",
    "col.saved_month": "sparat/månad",
    "col.ctr_lift": "CTR, lyft",
    "col.model": "modell",
    "col.channel": "kanal",
    "col.date": "datum",
    "col.during_test_window": "under testet",
    "col.split": "före/efter-analys",
    "col.all_units": "alla enheter",
    "col.after": "efter",
    "col.audit": "granskning",
    "col.decision": "beslut",
    "col.by": "av",
    "col.note": "anteckning",
    "col.check": "kontroll",
    "col.detail": "detalj",
    # Värden som resultatet sparar på engelska, så som de visas
    "status.met": "uppnått",
    "status.on track": "på väg",
    "status.not significant": "inte signifikant",
    "status.missed": "missat",
    "status.harmful": "skadlig",
    "status.insufficient data": "för lite data",
    "check.pass": "ok",
    "check.warn": "varning",
    "check.fail": "fel",
    "severity.high": "hög",
    "severity.medium": "medel",
    "severity.low": "låg",
    "reading.better": "bättre",
    "reading.worse": "sämre",
    "reading.no significant difference": "ej signifikant skillnad",
    "reading.novelty": "nyhetseffekt",
    "reading.grows": "växer",
    "reading.worsens": "avtar",
    "reading.differs": "avviker",
    "reading.shifts": "förskjuts",
    "area.attribution": "attribution",
    "area.baseline": "utgångsläge",
    "area.cadence": "intervall",
    "area.calendar": "kalender",
    "area.control group": "kontrollgrupp",
    "area.costs": "kostnader",
    "area.economics": "ekonomi",
    "area.engagement": "engagemang",
    "area.goal": "mål",
    "area.goals": "mål",
    "area.governance": "styrning",
    "area.harm": "skada",
    "area.heterogeneity": "heterogenitet",
    "area.hypothesis": "hypotes",
    "area.lifetime value": "kundlivstidsvärde",
    "area.omnichannel": "omnikanal",
    "area.revenue decomposition": "intäktsuppdelning",
    "area.savings": "besparingar",
    "area.segments": "segment",
    "area.trend": "trend",
    "area.voice of customer": "kundens röst",
    "model.first_touch": "första kontakt",
    "model.last_touch": "sista kontakt",
    "model.linear": "linjär",
    "model.time_decay": "tidsavtagande",
    "model.position_based": "positionsbaserad",
    "model.markov": "Markov",
    "clv_measure.repeat_rate": "återköpsandel",
    "clv_measure.purchase_frequency": "ordrar/kund",
    "clv_measure.mean_days_between_purchases": "dagar emellan (färre bättre)",
    "clv_measure.categories_per_customer": "kategorier/kund",
    "clv_measure.revenue_per_customer": "intäkt/kund",
    "clv_measure.historical_clv_per_unit": "CLV hittills/enhet",
    "clv_measure.forecast_clv_per_unit": "CLV-prognos/enhet",
    # Pengar
    "roi.title": "ROI över {months} månader ({basis} som grund, {currency})",
    "roi.title_markdown": "ROI ({currency}, {basis} som grund)",
    "roi.caption": (
        "nytta = intäktslyft + besparingar; break-even = relativt lyft för {metric} där ROI "
        "är 0; * = efter tidshorisonten"
    ),
    "money.undefined": "odefinierad",
    "money.never": "aldrig",
    "money.heavy_tail": (
        "{arm}: några få extrema enheter avgör lyftet för {metric} ({lift} -> {capped} per "
        "enhet när de översta 0,1 % kapas); kapad skulle ROI bli {capped_roi} i stället för {roi}"
    ),
    "effort.line": "{arm}: insats {parts}, {cost} av investerade {investment} {currency}",
    "effort.hours": "{hours} timmar",
    "effort.fte_months": "{months} personmånader",
    "effort.and": " och ",
    "sensitivity.title": "Känslighet för ROI {roi} för {arm}, ett antagande i taget",
    "sensitivity.title_markdown": "Känslighet för {arm} ({currency})",
    "sensitivity.other_arms": "; övriga varianter: --format markdown eller json ({arms})",
    "sensitivity.note": (
        "kostnads- och besparingsposter: summor över tidshorisonten; intervall från "
        "konfigurationen{spread}; största ROI-utslag först; diskonteringsräntan påverkar bara "
        "nuvärdet"
    ),
    "sensitivity.default_spread": ", annars -+{spread}",
    "sensitivity.config_range": "(intervall från konfigurationen)",
    "sensitivity.cost": "kostnad",
    "sensitivity.saving": "besparing",
    "roi_level.title": "ROI per nivå",
    "roi_level.note": (
        "ROI om varianten bara rullas ut till den nivån: nivåns andel av enheterna och dess "
        "eget lyft, variantens CLV-lyft, hela investeringen; nivåerna är inte korrigerade för "
        "multipla jämförelser"
    ),
    # Poängkort, förbättringsområden, prioriteringar
    "scorecard.title": "Poängkort",
    "scorecard.title_html": "Poängkort: {score} / 100",
    "scorecard.per_arm": "per variant: {scores}",
    "scorecard.no_mark": "Ingen godkäntgräns satt: poängen avgör ingenting.",
    "scorecard.mark_passed": "Godkäntgräns {mark:g}: godkänt.",
    "scorecard.mark_not_passed": "Godkäntgräns {mark:g}: inte godkänt.",
    "scorecard.how": "Poäng = viktat medelvärde av måluppfyllelsen.",
    "gaps.title": "Förbättringsområden",
    "gaps.top": "Viktigaste förbättringsområden ({n} totalt)",
    "gaps.hidden": "{n} till ({which}) i JSON-resultatet (--format json)",
    "priorities.title": "Prioriteringar",
    "priorities.title_terminal": "Prioriteringar (effekt i förhållande till kostnad)",
    "priorities.no_components": "inga komponenter angivna",
    "priorities.invest": "investering {amount}",
    "priorities.increment": (
        "{components} utöver {over}: {benefit} nytta för {investment} (ROI {roi})"
    ),
    # Underlag
    "metrics.title_terminal": "Mått: lyft mot kontroll [{level} KI]",
    "metrics.title_markdown": "Mått: variant mot kontroll",
    "metrics.caption_terminal": (
        "* signifikant efter korrigering; (s) skyddsmått; NPS-lyft i poäng"
    ),
    "metrics.guardrail_mark": "(s)",
    "metrics.guardrail": "(skyddsmått)",
    "segments.significant_title": "Segment med signifikant skillnad",
    "segments.breakdown_rows": "Uppdelning per segment ({n} rader)",
    "baseline.title": "Utgångsläge: förperiodens nivå mot testperioden",
    "baseline.caption": (
        "före: kovariatens nivå i förperioden per enhet (CUPED:s utgångsläge); mot kontroll: "
        "variantens förperiodsnivå mot kontrollens, nära 0 när randomiseringen balanserade "
        "grupperna; ändring: i testet / före - 1 (perioderna kan vara olika långa: "
        "jämför varianterna)"
    ),
    "clv.arms_title": (
        "Kundlivstidsvärde per variant (ordrar till {end}; per köpare: ordrar, dagar emellan, "
        "kategorier; per enhet: CLV hittills och prognos över {months} månader)"
    ),
    "clv.vs_control": "Kundlivstidsvärde mot kontrollgrupp {control}",
    "clv.caption": (
        "tolkning: från intervallet, som stämmer med p-värdet, inte korrigerad över dessa "
        "jämförelser (CLV-måttet i måtttabellen är det); dagar emellan: färre är bättre"
    ),
    "trend.exposure_title": "Lyft per vecka sedan första exponering (nyhetseffekt)",
    "trend.cohort_title": "Lyft per kalendervecka för första exponering (veckans början)",
    "trend.calendar_title": "Lyft med och utan kalenderperioder ({periods})",
    "trend.period": "{name} {start} till {end}",
    "trend.week": "v{week}",
    "trend.note_terminal": (
        "relativa lyft utan CUPED; trend per vecka; – = för lite data; per kalendervecka för "
        "första exponering: --format json (trend.by_calendar_week)"
    ),
    "engagement.title": "Engagemang",
    "engagement.caption": (
        "r: tid på sajten mot konvertering; avvisningsfrekvens per session; sparat/månad: "
        "förhindrade avvisningar x kontrollens intäkt per engagerad session; CTR: "
        "personaliserade element mot kontrollens standardelement; * signifikant efter korrigering"
    ),
    "attribution.title": "Attribution: vem som får äran för varje variants konverteringar",
    "attribution.caption": (
        "Andel av varje variants konverterade värde som tillskrivs personaliserade kontakter; "
        "för en variant skillnaden mot kontroll i procentenheter [KI], * signifikant efter "
        "korrigering (regelbaserade modeller; Markov har inget intervall)."
    ),
    "attribution.arm_title": "{arm}: {conversions} konverteringar, {value} i konverterat värde",
    "governance.title": "Styrning",
    "governance.concurrent_one": (
        "{n} annan förändring gick live under testet ({start} till {end}{allowed}){over}"
    ),
    "governance.concurrent_many": (
        "{n} andra förändringar gick live under testet ({start} till {end}{allowed}){over}"
    ),
    "governance.start": "start",
    "governance.end": "slut",
    "governance.allowed": "; högst {limit} tillåtna",
    "governance.over_limit": " (över gränsen)",
    "governance.change_log": "Ändringslogg",
    "governance.decisions": "Registrerade beslut",
    "governance.before_after": (
        "Lyft för enheter exponerade första gången före och efter varje förändring"
    ),
    "governance.caption": (
        "Före/efter: enheter exponerade första gången innan förändringen gick live mot samma "
        "dag eller senare; relativa lyft utan CUPED (NPS i poäng); p justerat över alla "
        "förändringar."
    ),
    "quality.title": "Datakvalitet",
    "quality.srm_ok": "ok",
    "quality.mismatch": "AVVIKELSE: fördelningen följer inte planen",
    "quality.passed": "{passed} av {total} kontroller godkända",
    # HTML-sidan
    "html.kicker": "personalroi-granskning",
    "html.in_plain_words": "Med enkla ord",
    "html.the_experiment": "Experimentet",
    "html.hypothesis": "Hypotes:",
    "html.setup": (
        "Kontrollgrupp {control} mot {arms}; signifikansnivå alfa {alpha}, korrigering för "
        "multipla jämförelser {correction}."
    ),
    "html.roi_title": "Avkastning på investeringen",
    "html.interval": "intervall",
    "html.roi_note": (
        "Intäktslyft med {basis} som grund. Uppbyggnaden: delarna av intäktslyftet och "
        "besparingarna läggs till, investeringen dras av, sista stapeln är nettovinsten."
    ),
    "html.sensitivity_of": "Känslighet för {arm}",
    "html.priorities_note": (
        "Störst effekt för minst resurser först; fortsätt testa nya idéer mot den nuvarande "
        "vinnaren."
    ),
    "html.lifts_title": "Lyft per mått och variant",
    "html.lifts_note": (
        "Punkterna är lyftet, linjerna konfidensintervallet; en linje som korsar 0 betyder "
        "ingen tydlig effekt. NPS i poäng."
    ),
    "html.segments_title": "Uppdelning per segment",
    "html.table": "tabell",
    "html.lift_trend_title": "Lyft över tid",
    "html.lift_trend_note": (
        "Relativa lyft utan CUPED (NPS i poäng); – där en vecka har för lite data. "
        "Nyhetseffekt: lyftet avtar signifikant med veckorna sedan första exponering."
    ),
    "html.clv_title": "Kundlivstidsvärde",
    "html.clv_note": (
        "Prognos: BG/NBD x Gamma-Gamma skattad på alla varianter (gemensamma former, egna "
        "skalor per variant); samma "
        "siffror som"
    ),
    "html.history_title": "Utveckling över tidigare granskningar",
    "html.sample_ratio": "Trafikfördelning: p = {p} ({counts})",
    "html.glossary": "Ordlista",
    "html.footer_tool": "{tool}, resultatschema {schema}",
    "html.config_hash": "konfigurationens hash: {hash}",
    "html.data_fingerprint": "datans fingeravtryck: {fingerprint}",
    "html.not_recorded": "inte registrerat",
    "glossary.p_adj.term": "just. p",
    "glossary.p_adj": (
        "Sannolikheten att se en så stor skillnad om personaliseringen inte ändrat något, "
        "korrigerad för att många mått testas samtidigt; under signifikansnivån räknas "
        "effekten som verklig."
    ),
    "glossary.p_beat.term": "P(slår kontroll)",
    "glossary.p_beat": (
        "Hur sannolikt det är att den personaliserade versionen är bättre än den generiska på "
        "det här måttet, givet datan."
    ),
    "glossary.p_roi.term": "P(ROI>0)",
    "glossary.p_roi": (
        "Hur sannolikt det är att investeringen tjänar in mer än den kostar under tidshorisonten."
    ),
    "glossary.cuped.term": "CUPED",
    "glossary.cuped": (
        "En metod för variansreduktion som använder varje besökares beteende före testet för "
        "att mäta lyftet mer exakt."
    ),
    "glossary.ci.term": "KI",
    "glossary.ci": (
        "Konfidensintervall: de lyft som datan är förenlig med; ett intervall som korsar noll "
        "betyder ingen tydlig effekt."
    ),
    "glossary.srm.term": "SRM",
    "glossary.srm": (
        "Sample ratio mismatch: trafikfördelningen mellan versionerna avviker från planen, ett "
        "tecken på att testuppsättningen är trasig."
    ),
    "glossary.guardrail.term": "skyddsmått",
    "glossary.guardrail": (
        "Ett mått som inte får bli sämre (som fel eller nöjdhet), oavsett vad intäkterna gör."
    ),
    "glossary.break_even.term": "break-even",
    "glossary.break_even": (
        "Det lyft där den extra vinsten precis betalar investeringen; under det förlorar "
        "personaliseringen pengar."
    ),
    # Diagram
    "chart.lift_axis_pct": "lyft mot kontroll (%)",
    "chart.lift_axis_points": "lyft mot kontroll (NPS-poäng)",
    "chart.by_dimension": "{metric} per {dimension}",
    "chart.part_conversion": "konvertering",
    "chart.part_order_value": "ordervärde",
    "chart.part_clv": "CLV",
    "chart.net": "netto",
    "chart.score_axis": "poäng (0-100)",
    "chart.roi_axis": "ROI (%)",
    "chart.tornado_axis": "ROI med antagandet på sitt låga eller höga värde",
    "chart.tornado_title": "{arm}: känslighet för ROI",
    # The clv and attribute commands
    "time_unit.day": "dagar",
    "time_unit.week": "veckor",
    "time_unit.month": "månader",
    "col.customers": "kunder",
    "col.customers_units": "kunder / enheter",
    "col.repeat_rate": "återköpsandel",
    "col.orders_cust": "ordrar/kund",
    "col.days_between": "dagar emellan",
    "col.revenue_cust": "intäkt/kund",
    "col.own_bgnbd": "egen BG/NBD r, alpha, a, b",
    "col.own_gamma_gamma": "egen Gamma-Gamma p, q, v",
    "col.future_clv_cust": "framtida CLV/kund*",
    "col.future_clv_unit": "framtida CLV/enhet*",
    "col.future_clv_unit_plain": "framtida CLV/enhet",
    "col.bgnbd": "BG/NBD",
    "col.gamma_gamma": "Gamma-Gamma",
    "col.method": "metod",
    "clv_doc.title_terminal": (
        "Kundlivstidsvärde per variant (ordrar till {end}; prognos över {months} månader, "
        "anpassad i {unit})"
    ),
    "clv_doc.title_markdown": "Kundlivstidsvärde per variant (ordrar till {end})",
    "clv_doc.setup": (
        "Prognos över {months} månader, modellerna anpassade i {unit}; kontrollgrupp {control}."
    ),
    "clv_doc.pooled_note": "* prognos från en skattning på alla varianter (gemensamma former, "
    "egna skalor per variant; kontrollens)",
    "clv_doc.vs_control": "mot kontrollgrupp {control}",
    "clv_doc.warning": "varning",
    "attribution_doc.title": (
        "Konverterat värde per kanal ({conversions} konverteringar, totalt {total})"
    ),
    "attribution_doc.touches_true": "personaliserade kontakter",
    "attribution_doc.touches_false": "generiska kontakter",
    "attribution_doc.spread": (
        "Personaliserade kontakter får {low} till {high} av värdet beroende på modell: "
        "spridningen visar hur mycket ROI-utlåtandet vilar på regeln."
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
