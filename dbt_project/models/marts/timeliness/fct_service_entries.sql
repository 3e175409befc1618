-- depends_on: {{ ref('stg_pipeline__night_loads') }}
-- depends_on: {{ ref('stg_osos__services') }}
-- Incremental (see the YAML): each night refreshes only the services the night's load
-- delivered (a new service, a correction, a late arrival: the latest version of each
-- touched service is recomputed over all its versions) and the services of offices whose
-- name or LWDA changed in the latest snapshot.
{{
    config(
        materialized='incremental',
        unique_key='service_id',
        incremental_strategy='delete+insert',
        on_schema_change='fail'
    )
}}

with

services_lagged as (

    select * from {{ ref('int_services_lagged') }}

),

offices as (

    select * from {{ ref('int_offices_current') }}

),
{% if is_incremental() %}

services_loaded_tonight as (

    select service_id
    from {{ ref('stg_osos__services') }}
    where {{ loaded_tonight() }}

),

offices_changed as (

    {{ offices_changed_since(this, 'offices') }}

),

services_to_refresh as (

    select service_id from services_loaded_tonight
    union
    select service_id
    from {{ this }}
    where office_id in (select office_id from offices_changed)

),
{% endif %}

services_with_offices as (

    select
        services_lagged.*,
        offices.office_name,
        offices.lwda_code,
        offices.lwda_name
    from services_lagged
    left join offices
        on services_lagged.office_id = offices.office_id
    {% if is_incremental() -%}
    where services_lagged.service_id in (select service_id from services_to_refresh)
    {%- endif %}

),

final as (

    select
        ---------- ids
        service_id,
        participant_key,
        enrollment_id,
        staff_key,
        office_id,

        ---------- office and area
        office_name,
        lwda_code,
        lwda_name,

        ---------- service
        program_code as program,
        service_code,
        service_name,

        ---------- dates and timestamps
        service_date,
        cast(date_trunc('month', service_date) as date) as service_month,
        entered_at,
        entry_date,

        ---------- timeliness
        entry_lag_business_days,
        is_timely

    from services_with_offices

)

select * from final
