-- depends_on: {{ ref('stg_pipeline__night_loads') }}
-- depends_on: {{ ref('stg_reos__appointments') }}
-- depends_on: {{ ref('stg_reos__claimants') }}
-- Incremental (see the YAML): each night refreshes every appointment of a claimant the
-- night's load touched (a new or corrected appointment, or a claimant record: the
-- claimant's first initial appointment and lags are judged over all their appointments)
-- and the appointments of offices whose name or LWDA changed in the latest snapshot.
{{
    config(
        materialized='incremental',
        unique_key='appointment_id',
        incremental_strategy='delete+insert',
        on_schema_change='fail'
    )
}}

with

appointments_lagged as (

    select * from {{ ref('int_resea_appointments_lagged') }}

),

offices as (

    select * from {{ ref('int_offices_current') }}

),
{% if is_incremental() %}

claimants_touched_tonight as (

    select claimant_key
    from {{ ref('stg_reos__appointments') }}
    where {{ loaded_tonight() }}
    union
    select claimant_key
    from {{ ref('stg_reos__claimants') }}
    where {{ loaded_tonight() }}

),

offices_changed as (

    {{ offices_changed_since(this, 'offices') }}

),

appointments_to_refresh as (

    select appointment_id
    from appointments_lagged
    where claimant_key in (select claimant_key from claimants_touched_tonight)
    union
    select appointment_id
    from {{ this }}
    where office_id in (select office_id from offices_changed)

),
{% endif %}

appointments_with_offices as (

    select
        appointments_lagged.*,
        offices.office_name,
        offices.lwda_code,
        offices.lwda_name
    from appointments_lagged
    left join offices
        on appointments_lagged.office_id = offices.office_id
    {% if is_incremental() -%}
    where appointments_lagged.appointment_id in (
        select appointment_id from appointments_to_refresh
    )
    {%- endif %}

),

final as (

    select
        ---------- ids
        appointment_id,
        claimant_key,
        osos_participant_key,
        status_staff_key,
        office_id,

        ---------- office and area
        office_name,
        lwda_code,
        lwda_name,

        ---------- appointment
        appointment_type,
        appointment_status,
        selection_reason,

        ---------- dates and timestamps
        selection_date,
        first_payment_date,
        scheduled_on,
        appointment_date,
        cast(date_trunc('month', appointment_date) as date) as appointment_month,
        status_recorded_at,
        status_recorded_date,

        ---------- scheduling timeliness
        is_first_initial,
        scheduling_lag_business_days,
        is_scheduled_timely,

        ---------- outcome timeliness
        has_outcome,
        outcome_lag_business_days,
        is_outcome_timely

    from appointments_with_offices

)

select * from final
