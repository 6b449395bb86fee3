"""The evidence sections in Swedish: their headings and notes, the HTML page, the charts and
the `clv` and `attribute` commands' views."""

from __future__ import annotations

MESSAGES: dict[str, str] = {
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
    "clv_doc.setup_no_control": (
        "Prognos över {months} månader, modellerna anpassade i {unit}; enhetsfilen har "
        "ingen kontrollgrupp, så ingen variant jämförs med den."
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
}
