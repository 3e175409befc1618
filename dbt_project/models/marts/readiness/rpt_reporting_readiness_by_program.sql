-- PIRL records ready for WIPS in the latest report quarter, by program: the run summary.
{{ config(materialized='view') }}

with

readiness as (

    select * from {{ ref('fct_participant_readiness') }}

),

reporting_period as (

    select * from {{ ref('rpt_reporting_period') }}

),

final as (

    select
        ---------- grain
        readiness.report_quarter,
        readiness.program,

        ---------- measures
        count(*) as participants,
        count_if(readiness.is_reporting_ready) as ready,
        round(100.0 * count_if(readiness.is_reporting_ready) / count(*), 1) as pct_ready

    from readiness
    inner join reporting_period
        on readiness.report_quarter = reporting_period.report_quarter
    group by readiness.report_quarter, readiness.program

)

select * from final
