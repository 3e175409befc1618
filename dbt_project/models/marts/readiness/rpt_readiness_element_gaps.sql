-- PIRL elements left blank or invalid in the latest report quarter, statewide and by
-- LWDA: the run summary's most often missing elements and each LWDA page's readiness
-- gaps.
{{ config(materialized='view') }}

with

readiness as (

    select * from {{ ref('fct_participant_readiness') }}

),

element_rules as (

    select * from {{ ref('pirl_element_rules') }}

),

reporting_period as (

    select * from {{ ref('rpt_reporting_period') }}

),

readiness_in_quarter as (

    select readiness.*
    from readiness
    inner join reporting_period
        on readiness.report_quarter = reporting_period.report_quarter

),

gaps as (

    -- one row per participant record and element it leaves blank or has invalid
    select lwda_code, unnest(missing_elements) as pirl_element, 'missing' as gap_kind
    from readiness_in_quarter
    union all
    select lwda_code, unnest(invalid_elements) as pirl_element, 'invalid' as gap_kind
    from readiness_in_quarter

),

counted as (

    select
        case when grouping(lwda_code) = 1 then 'statewide' else 'lwda' end as area_level,
        lwda_code,
        pirl_element,
        count_if(gap_kind = 'missing') as records_missing,
        count_if(gap_kind = 'invalid') as records_invalid,
        count(*) as records_with_gap
    from gaps
    group by grouping sets ((pirl_element), (lwda_code, pirl_element))

),

final as (

    select
        ---------- grain
        counted.area_level,
        counted.lwda_code,
        reporting_period.report_quarter,
        counted.pirl_element,

        ---------- element
        coalesce(element_rules.element_name, '') as element_name,

        ---------- measures
        cast(counted.records_missing as bigint) as records_missing,
        cast(counted.records_invalid as bigint) as records_invalid,
        cast(counted.records_with_gap as bigint) as records_with_gap

    from counted
    cross join reporting_period
    left join element_rules
        on counted.pirl_element = element_rules.pirl_element

)

select * from final
