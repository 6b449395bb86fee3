"""The data-quality checks in Swedish."""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    "dq.duplicates_none": "inga upprepade enhetsrader; {policy}",
    "dq.duplicates_dropped": (
        "{repeated} upprepade enhetsrader från {units} enheter borttagna, en hel rad per enhet "
        "behålls; {policy}. För {disagreeing} av de {units} enheterna skiljer sig raderna åt i "
        "en mått- eller dimensionskolumn{where}"
    ),
    "dq.in_columns": " ({columns})",
    "dq.policy.error": "units.duplicates: error",
    "dq.policy.first_by": (
        "units.duplicates: first (den tidigaste raden efter {timestamp}, sedan filordningen)"
    ),
    "dq.policy.last_by": (
        "units.duplicates: last (den senaste raden efter {timestamp}, sedan filordningen)"
    ),
    "dq.policy.first": "units.duplicates: first (den första raden i filordningen)",
    "dq.policy.last": "units.duplicates: last (den sista raden i filordningen)",
    "dq.multi_arm": "{units} enheter förekommer i mer än en variant (uteslutna)",
    "dq.missing_arm": "{rows} enhetsrader utan id eller variant (uteslutna)",
    "dq.unanalysed_arms": "varianter i datan som konfigurationen inte nämner: {arms}",
    "dq.units_outside": "{rows} enhetsrader utanför {window} (borttagna)",
    "dq.join_coverage": (
        "{matched} av {rows} rader ({share:loc}) hör till en enhet; {units_hit} av {units} "
        "enheter har rader"
    ),
    "dq.source_outside": "{rows} rader utanför {window} (borttagna)",
    "dq.negative": "{rows} rader med negativt {column} (returer? behålls som de är)",
    "dq.no_negatives": "inga negativa värden i värdekolumnerna",
    "dq.dimension_rows": (
        "{repeated:int} enhet(er) med mer än en rad i {source}, {kept} behålls "
        "(units.duplicates); {differing:int} av dem skiljer sig åt i {columns}"
    ),
    "dq.kept.first_by": "den tidigaste efter {timestamp}",
    "dq.kept.last_by": "den senaste efter {timestamp}",
    "dq.kept.first": "den första i filordningen",
    "dq.kept.last": "den sista i filordningen",
    "dq.rows_excluded": "{excluded:int} av {total:int} rader uteslutna av {setting}: {where}",
    "dq.heavy_tail": (
        "{metric}: det största värdet är {largest:loc} (det näst största {second:loc}); kapas "
        "de översta 0,1 % av enheterna vid {cap:loc} flyttas lyftet mer än ett halvt "
        "konfidensintervall ({arms:semi}). Några få enheter avgör måttet: sätt winsorize: "
        "{quantile} på {metric} för att kapa dem i analysen"
    ),
    "dq.heavy_tail_arm": "{arm}: {lift:pct1} → {capped:pct1}",
    "dq.heavy_tail_none": (
        "inget medelvärdes- eller kvotmått flyttar sitt lyft med ett halvt KI när de översta "
        "0,1 % av enheterna kapas"
    ),
    "dq.aggregated_input": (
        "statistik per variant läst från {path}; kontrollerna på enhetsnivå (dubbletter, "
        "fönster, join-täckning) hör hemma där de beräknades: spara checks-frågan från "
        "`personalroi sql` och ange den som units.aggregated.checks för att se dem"
    ),
    "dq.unit_level_tests": (
        "{metrics}: Mann-Whitney/bootstrap behöver värden per enhet; Welchs t-test används på "
        "aggregerad indata"
    ),
    "dq.winsorized_upstream": (
        "{metrics}: winsoriseringen antas redan gjord av aggregeringsfrågan (`personalroi sql` "
        "gör det); den kan inte tillämpas på summor"
    ),
    "clv_check.arm": "variant {arm}: {problem}",
    "clv_check.few_repeaters": (
        "{repeaters} återkommande köpare (färre än {needed}): för få för att anpassa "
        "återköpsmodellen"
    ),
    "clv_check.bgnbd_rough": (
        "BG/NBD-anpassningen slog i en gräns eller konvergerade inte; se prognosen som grov"
    ),
    "clv_check.gamma_gamma_rough": (
        "Gamma-Gamma-anpassningen slog i en gräns eller konvergerade inte; se prognosen som grov"
    ),
    "clv_check.gamma_gamma_q": (
        "Gamma-Gamma q <= 1 (utgifterna saknar ändligt medelvärde); observerade medelvärden "
        "används i stället"
    ),
    "clv_check.holdout": (
        "modellen passar dåligt: den förutsäger {predicted:f1} dagar med återköp efter {end}, "
        "men {actual:f0} inträffade"
    ),
}
