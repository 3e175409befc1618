with

claimants as (

    select * from {{ ref('stg_reos__claimants') }}

),

latest_versions as (

    {{ latest_version('claimants', ['claimant_key']) }}

),

final as (

    select
        claimant_key,
        osos_participant_key,
        office_id,
        selection_reason,
        claim_effective_date,
        first_payment_date,
        selection_date,
        extract_date
    from latest_versions

)

select * from final
