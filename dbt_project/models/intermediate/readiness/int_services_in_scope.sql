-- The latest services of the participants this build computes readiness for
-- (int_readiness_refresh_scope): everyone in a full build, the night's affected
-- participants in a nightly increment. Every readiness model reads these, never
-- int_services_latest, so a nightly build and its tests cost what the night costs.

with

services as (

    select * from {{ ref('int_services_latest') }}

),

refresh_scope as (

    select * from {{ ref('int_readiness_refresh_scope') }}

),

final as (

    select *
    from services
    where participant_key in (select participant_key from refresh_scope)

)

select * from final
