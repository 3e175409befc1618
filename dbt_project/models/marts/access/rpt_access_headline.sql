-- The TA 17-7 access headline, one row: entries judged, entries made without a current
-- access agreement, and SSNs redacted from free text at ingest.
{{ config(materialized='view') }}

with

compliance_by_month as (

    select * from {{ ref('rpt_access_compliance') }}

),

uncovered as (

    select * from {{ ref('fct_access_compliance') }}

),

redactions as (

    select * from {{ ref('fct_free_text_redactions') }}

),

entries as (

    select cast(coalesce(sum(entries), 0) as bigint) as entries
    from compliance_by_month

),

uncovered_entries as (

    select count(*) as uncovered_entries
    from uncovered

),

ssn_redactions as (

    select cast(coalesce(sum(ssn_redactions), 0) as bigint) as ssn_redactions
    from redactions

),

final as (

    select
        entries.entries,
        uncovered_entries.uncovered_entries,
        ssn_redactions.ssn_redactions
    from entries
    cross join uncovered_entries
    cross join ssn_redactions

)

select * from final
