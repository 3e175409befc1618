-- The one date every readiness model measures "now" by: the latest extract date
-- loaded, so a rebuild of the same nights gives the same marts whatever the clock says.

with

services as (

    select * from {{ ref('stg_osos__services') }}

),

enrollments as (

    select * from {{ ref('stg_osos__program_enrollments') }}

),

extract_dates as (

    select extract_date, {{ loaded_tonight() }} as is_loaded_tonight from services
    union all
    select extract_date, {{ loaded_tonight() }} as is_loaded_tonight from enrollments

),

final as (

    select
        max(extract_date) as as_of_date,
        -- the as-of date before this build's loads: how far a nightly increment moved it
        max(extract_date) filter (where not is_loaded_tonight) as previous_as_of_date
    from extract_dates

)

select * from final
