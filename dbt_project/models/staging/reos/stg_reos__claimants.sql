with

source as (

    select * from {{ source('reos', 'claimants') }}

),

final as (

    select

        ---------- ids
        {{ clean_string('claimant_key') }} as claimant_key,
        {{ clean_string('osos_participant_key') }} as osos_participant_key,
        {{ clean_string('office_id') }} as office_id,

        ---------- codes
        {{ clean_string('selection_reason') }} as selection_reason,

        ---------- dates
        {{ parse_date('claim_effective_date') }} as claim_effective_date,
        {{ parse_date('first_payment_date') }} as first_payment_date,
        {{ parse_date('selection_date') }} as selection_date,

        ---------- lineage
        _extract_date as extract_date,
        _source_file as source_file,
        _source_line as source_line,
        _load_id as load_id

    from source

)

select * from final
